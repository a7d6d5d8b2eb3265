#!lua
-- One admission round of one room: expire active tokens past their time, then admit the oldest waiting tokens into
-- the free places. One script, so any number of instances ticking at once can never exceed capacity or admit out of
-- order. The room's live settings (an operator's capacity, interval, pause) are read here, so a change applies at
-- the next round on every instance. Nobody is admitted before the room's opening (open.lua) or while it is paused.
-- KEYS: 1 active, 2 waiting, 3 admissions (hash: time bucket -> admitted), 4 admitted-recent, 5 room settings,
--       6 rooms registry
-- ARGV: 1 key prefix, 2 now (epoch ms), 3 configured capacity, 4 configured active lifetime ms, 5 tombstone ttl ms,
--       6 bucket ms, 7 rate window ms, 8 room key prefix, 9 configured admission interval ms,
--       10 '1' = keep the room's admission interval (the scheduler), '0' = admit now (tests, benchmarks), 11 room id
-- Returns {expired, admitted, activeAfter, waitingAfter, admittedRecently, ran}; ran = 0 when the room's interval
-- has not passed since its last round (another instance did it), on Redis's clock (TIME)
local prefix = ARGV[1]
local now = tonumber(ARGV[2])
local tombstoneTtl = tonumber(ARGV[5])
local bucketMs = tonumber(ARGV[6])
local windowMs = tonumber(ARGV[7])
local roomPrefix = ARGV[8]
local s = redis.call('HMGET', KEYS[5], 'capacity', 'activeTtlMs', 'intervalMs', 'paused', 'opensAt', 'openedAt',
  'lastRoundAt')
local capacity = tonumber(s[1] or ARGV[3])
local activeTtl = tonumber(s[2] or ARGV[4])
local interval = tonumber(s[3] or ARGV[9])
-- the interval is kept on Redis's clock: one clock for every instance, whatever their own clocks say
local time = redis.call('TIME')
local serverMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[10] == '1' and s[7] and serverMs < tonumber(s[7]) + interval and serverMs >= tonumber(s[7]) then
  return {0, 0, redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]),
    tonumber(redis.call('GET', KEYS[4]) or '0'), 0}
end
redis.call('HSET', KEYS[5], 'lastRoundAt', serverMs)

-- the active set is scored by expiry, so this range is exactly the due tokens: no scan of the rest
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, token in ipairs(due) do
  local tokenKey = prefix .. 'token:' .. token
  local userId = redis.call('HGET', tokenKey, 'userId')
  if userId then
    local userKey = roomPrefix .. 'user:' .. userId
    -- the user may already hold a newer token (asked again after expiry); that one stays
    if redis.call('GET', userKey) == token then
      redis.call('DEL', userKey)
    end
    redis.call('SET', prefix .. 'expired:' .. token, userId, 'PX', tombstoneTtl)
    redis.call('DEL', tokenKey)
  end
end
if #due > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
end

local admitted = 0
local preQueue = s[5] and not s[6]
local room = capacity - redis.call('ZCARD', KEYS[1])
if room > 0 and not preQueue and s[4] ~= '1' then
  -- waiting is scored by the arrival sequence (after an opening: the draw, then the sequence)
  local popped = redis.call('ZPOPMIN', KEYS[2], room)
  local expiresAt = now + activeTtl
  for i = 1, #popped, 2 do
    redis.call('ZADD', KEYS[1], expiresAt, popped[i])
    admitted = admitted + 1
  end
end

local bucket = math.floor(now / bucketMs)
if admitted > 0 then
  redis.call('HINCRBY', KEYS[3], string.format('%d', bucket), admitted)
end
local oldest = math.floor((now - windowMs) / bucketMs)
local buckets = redis.call('HGETALL', KEYS[3])
local recent = 0
for i = 1, #buckets, 2 do
  if tonumber(buckets[i]) <= oldest then
    redis.call('HDEL', KEYS[3], buckets[i])
  else
    recent = recent + tonumber(buckets[i + 1])
  end
end
redis.call('SET', KEYS[4], recent)
local activeAfter = redis.call('ZCARD', KEYS[1])
local waitingAfter = redis.call('ZCARD', KEYS[2])
-- an empty room without a pending opening or an operator's setting leaves the registry (a token request brings it
-- back): the scheduler does not visit rooms of the past forever
if ARGV[11] ~= 'default' and activeAfter == 0 and waitingAfter == 0 and not preQueue
    and not s[1] and not s[2] and not s[3] and s[4] ~= '1' then
  redis.call('SREM', KEYS[6], ARGV[11])
end
return {#due, admitted, activeAfter, waitingAfter, recent, 1}
