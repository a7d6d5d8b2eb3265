#!lua flags=no-writes
-- A room as the operator sees it, in one round trip.
-- KEYS: 1 waiting, 2 active, 3 admissions, 4 admitted-recent, 5 room settings
-- ARGV: 1 now (epoch ms), 2 bucket ms, 3 key prefix
-- Returns {waiting, activeNow, admittedLastMinute, admittedRecently, oldestIssuedAt ('' if none), settings...}
-- with settings = capacity, intervalMs, activeTtlMs, paused, opensAt, openedAt, seed, shuffled ('' when unset)
local now = tonumber(ARGV[1])
local bucketMs = tonumber(ARGV[2])
local lastMinuteFrom = math.floor((now - 60000) / bucketMs)
local buckets = redis.call('HGETALL', KEYS[3])
local lastMinute = 0
for i = 1, #buckets, 2 do
  if tonumber(buckets[i]) > lastMinuteFrom then
    lastMinute = lastMinute + tonumber(buckets[i + 1])
  end
end
local oldest = ''
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if first[1] then
  oldest = redis.call('HGET', ARGV[3] .. 'token:' .. first[1], 'issuedAt') or ''
end
local reply = {redis.call('ZCARD', KEYS[1]), redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[1], '+inf'), lastMinute,
  tonumber(redis.call('GET', KEYS[4]) or '0'), oldest}
local s = redis.call('HMGET', KEYS[5], 'capacity', 'intervalMs', 'activeTtlMs', 'paused', 'opensAt', 'openedAt',
  'seed', 'shuffled')
for i = 1, 8 do
  reply[#reply + 1] = s[i] or ''
end
return reply
