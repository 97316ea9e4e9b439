--[[
put-code-1.lua — store a new code for one destination+purpose, replacing the previous one.

KEYS[1]  code key (hash: h = HMAC of the code, id = send id, exp = logical expiry ms, left = attempts left)
ARGV[1]  h: HMAC-SHA256 hex of the code (the code itself never reaches Redis)
ARGV[2]  id: id of the send
ARGV[3]  exp: logical expiry, ms since the epoch (from the caller's clock)
ARGV[4]  left: wrong attempts allowed
ARGV[5]  ttlMs: TTL of the key (the code's validity; garbage collection only, `exp` decides)

Returns 1.
]]
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'id', ARGV[2], 'exp', ARGV[3], 'left', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
