--[[
discard-code-1.lua — delete a code only if it is still the one a given send stored
(a delivery that failed must not leave a usable code behind, nor delete a newer send's code).

KEYS[1]  code key
ARGV[1]  id of the send whose code should go

Returns 1 when deleted, 0 when the key held another send's code or nothing.
]]
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
