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
]]
local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = #KEYS
local counts, resets = {}, {}
local allowed = 1

for i = 1, n do
  local base = 3 + 4 * (i - 1)
  local algorithm, limit, window = ARGV[base], tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
  local key = KEYS[i]
  if algorithm == 's' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    local count = redis.call('ZCARD', key)
    counts[i] = count
    if count >= limit then
      allowed = 0
      -- the slot frees when the hit that keeps us at the cap leaves the window
      local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
      resets[i] = tonumber(entry[2]) + window
    elseif count > 0 then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      resets[i] = tonumber(oldest[2]) + window
    else
      resets[i] = now + window
    end
  else
    local count = tonumber(redis.call('GET', key) or '0')
    counts[i] = count
    resets[i] = tonumber(ARGV[base + 3])
    if count >= limit then allowed = 0 end
  end
end

if allowed == 1 then
  for i = 1, n do
    local base = 3 + 4 * (i - 1)
    local algorithm, window = ARGV[base], tonumber(ARGV[base + 2])
    local key = KEYS[i]
    if algorithm == 's' then
      redis.call('ZADD', key, now, member)
      redis.call('PEXPIRE', key, window)
    else
      redis.call('INCR', key)
      local left = tonumber(ARGV[base + 3]) - now
      if left < 1 then left = 1 end
      redis.call('PEXPIRE', key, left)
    end
    counts[i] = counts[i] + 1
  end
end

local out = { allowed }
for i = 1, n do
  out[#out + 1] = counts[i]
  out[#out + 1] = resets[i]
end
return out
