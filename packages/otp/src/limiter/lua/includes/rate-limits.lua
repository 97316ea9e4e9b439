--[[
includes/rate-limits.lua — the rate-limit logic shared by consume-n.lua and issue-code-n.lua, spliced
into them at load time by the `--- @include "…"` line (see RedisScript in limiter/script.ts). It only
defines local functions; the including script decides where its limit keys and arguments start.

Limit i reads KEYS[keyBase + i] and four ARGV values from argBase + 4(i-1):
               algorithm  "s" (sliding log: sorted set of hit times) | "f" (fixed window: a counter)
               limit      hits allowed per window (>= 1)
               windowMs   window length in ms
               windowEnd  fixed: end of the current window (ms); sliding: ignored (0)
]]

-- Checks limits 1..n at `now` without counting. Returns allowed (boolean), counts, resets:
-- counts[i] is the hits in the window before this one, resets[i] when limit i frees its next slot (ms).
-- Only sliding-log entries that have already left their window are dropped.
local function checkLimits(keyBase, argBase, n, now)
  local counts, resets = {}, {}
  local allowed = true
  for i = 1, n do
    local base = argBase + 4 * (i - 1)
    local algorithm, limit, window = ARGV[base], tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
    local key = KEYS[keyBase + i]
    if algorithm == 's' then
      redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
      local count = redis.call('ZCARD', key)
      counts[i] = count
      if count >= limit then
        allowed = false
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
      if count >= limit then allowed = false end
    end
  end
  return allowed, counts, resets
end

-- Counts one hit (`member`, unique per hit) in each of limits 1..n and adds it to counts[i].
-- Every key gets a TTL of at most its window (the logical expiry uses `now`; the TTL only collects garbage).
local function countHits(keyBase, argBase, n, now, member, counts)
  for i = 1, n do
    local base = argBase + 4 * (i - 1)
    local algorithm, window = ARGV[base], tonumber(ARGV[base + 2])
    local key = KEYS[keyBase + i]
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

-- Appends count_i, resetAt_i for limits 1..n to `out`.
local function appendLimits(out, n, counts, resets)
  for i = 1, n do
    out[#out + 1] = counts[i]
    out[#out + 1] = resets[i]
  end
  return out
end
