--[[
issue-code-n.lua — everything a send needs from Redis, as one atomic step (one round trip):
check every send limit and, only if every one allows, count one hit in each (all or nothing); then store
the new code, replacing the previous one, and lift any lock on the destination+purpose.
A lock never refuses a send: wrong checks must not let an attacker stop a number's owner from getting
and using a new code (the send limits still apply). A refused send changes nothing (apart from dropping
sliding-log entries that have already left their window).
The key count is 2 + N (N = the number of limits; it varies with the configured policies, hence "-n").

KEYS[1]        lock key (string: lock end, ms since the epoch — written by check-code-3.lua; deleted on store)
KEYS[2]        code key (hash: h = HMAC of the code, id = send id, exp = logical expiry ms, left = attempts left)
KEYS[2 + i]    the key of limit i (all keys share one hash tag, so this works on Redis Cluster)
ARGV[1]        now: ms since the epoch from the caller's clock (never Redis TIME: tests move a manual clock)
ARGV[2]        member: unique id of this hit (sliding logs need distinct members; the send id)
ARGV[3]        h: HMAC-SHA256 hex of the code (the code itself never reaches Redis)
ARGV[4]        exp: logical expiry of the code, ms since the epoch
ARGV[5]        left: wrong attempts allowed
ARGV[6]        ttlMs: TTL of the code key (the code's validity; garbage collection only, `exp` decides)
ARGV[7 + 4(i-1) ...] for limit i, four values:
               algorithm  "s" (sliding log: sorted set of hit times) | "f" (fixed window: a counter)
               limit      hits allowed per window (>= 1)
               windowMs   window length in ms
               windowEnd  fixed: end of the current window (ms); sliding: ignored (0)

Returns a flat array:
               { "limited", count_1, resetAt_1, ..., count_N, resetAt_N }  a limit refused: nothing counted or stored
               { "stored", count_1, resetAt_1, ..., count_N, resetAt_N }   every limit counted, the code stored
               count_i    hits in the window — after this hit when stored, before it when limited
               resetAt_i  when limit i frees its next slot (ms)
Every key written gets a TTL: limits at most their window, the code its validity.
The limit logic is limiter/lua/includes/rate-limits.lua, shared with consume-n.lua.
]]
--- @include "../limiter/lua/includes/rate-limits.lua"

local now = tonumber(ARGV[1])
local member = ARGV[2]

local n = #KEYS - 2
local allowed, counts, resets = checkLimits(2, 7, n, now)
if allowed then
  countHits(2, 7, n, now, member, counts)
  -- Only the latest code is valid: the previous one (and its attempt count) is replaced.
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'h', ARGV[3], 'id', member, 'exp', ARGV[4], 'left', ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
  redis.call('DEL', KEYS[1])
end
return appendLimits({ allowed and 'stored' or 'limited' }, n, counts, resets)
