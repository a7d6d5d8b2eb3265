#!lua
-- One admission round: expire active tokens past their time, then admit the oldest waiting tokens into the free
-- places. One script, so any number of instances ticking at once can never exceed capacity or admit out of order.
-- KEYS: 1 active, 2 waiting, 3 admissions (hash: time bucket -> admitted), 4 admitted-recent
-- ARGV: 1 key prefix, 2 now (epoch ms), 3 capacity, 4 active lifetime ms, 5 tombstone ttl ms, 6 bucket ms,
--       7 rate window ms
-- Returns {expired, admitted, activeAfter, waitingAfter, admittedRecently}
local prefix = ARGV[1]
local now = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local activeTtl = tonumber(ARGV[4])
local tombstoneTtl = tonumber(ARGV[5])
local bucketMs = tonumber(ARGV[6])
local windowMs = tonumber(ARGV[7])

-- the active set is scored by expiry, so this range is exactly the due tokens: no scan of the rest
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, token in ipairs(due) do
  local tokenKey = prefix .. 'token:' .. token
  local userId = redis.call('HGET', tokenKey, 'userId')
  if userId then
    local userKey = prefix .. 'user:' .. userId
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
local room = capacity - redis.call('ZCARD', KEYS[1])
if room > 0 then
  -- waiting is scored by the arrival sequence: the lowest scores are the oldest arrivals
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

return {#due, admitted, redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), recent}
