--[[
consume-n.lua — check N limits and, only if every one allows, count one hit in each (all or nothing).
The key count is N (one per limit; it varies with the configured policies, hence "-n").

KEYS[i]        the key of limit i (all keys share one hash tag, so this works on Redis Cluster)
ARGV[1]        now: ms since the epoch from the caller's clock (never Redis TIME: tests move a manual clock)
ARGV[2]        member: unique id of this hit (sliding logs need distinct members)
ARGV[3 + 4(i-1) ...] for limit i, four values:
               algorithm  "s" (sliding log: sorted set of hit times) | "f" (fixed window: a counter)
               limit      hits allowed per window (>= 1)
               windowMs   window length in ms
               windowEnd  fixed: end of the current window (ms); sliding: ignored (0)

Returns a flat array: { allowed (1|0), count_1, resetAt_1, ..., count_N, resetAt_N }
               count_i    hits in the window — after this hit when allowed, before it when refused
               resetAt_i  when limit i frees its next slot (ms)
Every key written gets a TTL of at most its window (the logical expiry uses `now`; the TTL only collects garbage).
The limit logic is includes/rate-limits.lua, shared with issue-code-n.lua.
]]
--- @include "includes/rate-limits.lua"

local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = #KEYS

local allowed, counts, resets = checkLimits(0, 3, n, now)
if allowed then countHits(0, 3, n, now, member, counts) end
return appendLimits({ allowed and 1 or 0 }, n, counts, resets)
