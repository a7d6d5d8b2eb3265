#!lua
-- An operator's change to a room's live settings, and its audit entry (who, when, before, after), in one step: the
-- entry always describes exactly the change that was applied, even when two operators act at once.
-- KEYS: 1 room settings, 2 audit log (list), 3 rooms registry, 4 waiting, 5 active, 6 sequence
-- ARGV: 1 now (epoch ms), 2 operator user id, 3 action, 4 room id, 5 configured capacity, 6 configured interval ms,
--       7 configured opensAt ('' = none), 8 audit entries kept, then field, value pairs
--       (capacity | intervalMs | paused ('1'/'0') | opensAt (epoch ms))
-- Returns {'OK', entry json} | {'ALREADY_OPEN'} | {'ROOM_IN_USE'} | {'OPENS_AT_NOT_IN_FUTURE'}
local now = tonumber(ARGV[1])
local configured = {capacity = ARGV[5], intervalMs = ARGV[6], paused = '0', opensAt = ARGV[7]}
if ARGV[7] ~= '' and redis.call('EXISTS', KEYS[6]) == 0 then
  -- a configured opening of a room nobody has joined yet is the room's (issue.lua does the same at the first arrival)
  redis.call('HSETNX', KEYS[1], 'opensAt', ARGV[7])
end
local function current(field)
  local value = redis.call('HGET', KEYS[1], field)
  if value == false then
    value = configured[field]
  end
  if field == 'paused' then
    return value == '1'
  end
  if value == '' then
    return cjson.null
  end
  return tonumber(value)
end
local before, after = {}, {}
for i = 9, #ARGV, 2 do
  local field, value = ARGV[i], ARGV[i + 1]
  if field == 'opensAt' then
    -- an opening happens once; a room already in use without one would shuffle people who were served FIFO
    if redis.call('HEXISTS', KEYS[1], 'openedAt') == 1 then
      return {'ALREADY_OPEN'}
    end
    if redis.call('HEXISTS', KEYS[1], 'opensAt') == 0
        and (redis.call('ZCARD', KEYS[4]) > 0 or redis.call('ZCARD', KEYS[5]) > 0) then
      return {'ROOM_IN_USE'}
    end
    if tonumber(value) <= now then
      return {'OPENS_AT_NOT_IN_FUTURE'}
    end
  end
  before[field] = current(field)
end
for i = 9, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  after[ARGV[i]] = current(ARGV[i])
end
if ARGV[4] ~= 'default' then
  redis.call('SADD', KEYS[3], ARGV[4])
end
local entry = cjson.encode({at = now, operatorId = tonumber(ARGV[2]), action = ARGV[3], before = before,
  after = after})
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[8]), -1)
return {'OK', entry}
