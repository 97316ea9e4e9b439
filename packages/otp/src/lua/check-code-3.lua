--[[
check-code-3.lua — check and consume a code in one atomic step.

KEYS[1]  code key   (hash: h, id, exp, left — see put-code-1.lua)
KEYS[2]  failures key (hash: n = failed checks, s = window start ms)
KEYS[3]  lock key   (string: lock end, ms since the epoch)
ARGV[1]  h: HMAC-SHA256 hex of the submitted code
ARGV[2]  now: ms since the epoch (from the caller's clock, never Redis TIME)
ARGV[3]  failure limit: failed checks in the window that lock the destination+purpose
ARGV[4]  failure window, ms
ARGV[5]  lock duration, ms

Returns one of "ok" (the code matched; it is deleted: one-time), "locked", "missing", "expired", "mismatch".
A wrong code costs one attempt; at zero attempts left the code is deleted. Every failure except "locked"
counts toward the lockout. Comparing HMACs (not codes) means timing reveals nothing about the code.
Every key written gets a TTL.
]]
local now = tonumber(ARGV[2])

local lockUntil = tonumber(redis.call('GET', KEYS[3]) or '0')
if lockUntil > now then return 'locked' end

local stored = redis.call('HMGET', KEYS[1], 'h', 'exp', 'left')
local outcome
if not stored[1] then
  outcome = 'missing'
elseif tonumber(stored[2]) <= now then
  redis.call('DEL', KEYS[1])
  outcome = 'expired'
elseif stored[1] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'ok'
else
  local left = tonumber(stored[3]) - 1
  if left <= 0 then
    redis.call('DEL', KEYS[1])
  else
    redis.call('HSET', KEYS[1], 'left', left)
  end
  outcome = 'mismatch'
end

local limit, window, lockMs = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local failures = redis.call('HMGET', KEYS[2], 'n', 's')
local n, start = tonumber(failures[1] or '0'), tonumber(failures[2] or '0')
if n == 0 or start + window <= now then
  n, start = 0, now
end
n = n + 1
if n >= limit then
  redis.call('SET', KEYS[3], now + lockMs, 'PX', lockMs)
  redis.call('DEL', KEYS[2])
else
  redis.call('HSET', KEYS[2], 'n', n, 's', start)
  local ttl = start + window - now
  if ttl < 1 then ttl = 1 end
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return outcome
