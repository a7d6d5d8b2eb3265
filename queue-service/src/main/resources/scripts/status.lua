#!lua flags=no-writes
-- Where a token stands, in one round trip (the gateway asks on every request). The token's room is in its hash;
-- the room's keys are built from the prefix (a single Redis primary, see README).
-- KEYS: 1 token:<token>, 2 expired:<token>
-- ARGV: 1 token, 2 now (epoch ms), 3 key prefix
-- Returns {'WAITING', userId, position, admittedRecently, activeNow, room}
--       | {'PRE_QUEUE', userId, opensAt, preQueued, 0, room}
--       | {'ACTIVE', userId, expiresAtMillis, 0, 0, room} | {'EXPIRED', userId} | {'UNKNOWN'}
local hash = redis.call('HMGET', KEYS[1], 'userId', 'room')
local userId = hash[1]
if not userId then
  local tombstone = redis.call('GET', KEYS[2])
  if tombstone then
    return {'EXPIRED', tombstone}
  end
  return {'UNKNOWN'}
end
local room = hash[2] or 'default'
local roomPrefix = ARGV[3]
if room ~= 'default' then
  roomPrefix = ARGV[3] .. 'room:' .. room .. ':'
end
local active = roomPrefix .. 'active'
local waiting = roomPrefix .. 'waiting'
local expiresAt = redis.call('ZSCORE', active, ARGV[1])
if expiresAt then
  -- the sweep runs every few seconds; a token past its expiry is expired now, not at the next tick
  if tonumber(expiresAt) <= tonumber(ARGV[2]) then
    return {'EXPIRED', userId}
  end
  return {'ACTIVE', userId, tonumber(expiresAt), 0, 0, room}
end
local rank = redis.call('ZRANK', waiting, ARGV[1])
if rank then
  local settings = redis.call('HMGET', roomPrefix .. 'settings', 'opensAt', 'openedAt')
  if settings[1] and not settings[2] then
    -- still PRE_QUEUE between opensAt and the opening itself (at most one scheduler period)
    return {'PRE_QUEUE', userId, tonumber(settings[1]), redis.call('ZCARD', waiting), 0, room}
  end
  -- active tokens not yet past their expiry: the places the next tick cannot give away (O(log n))
  local activeNow = redis.call('ZCOUNT', active, '(' .. ARGV[2], '+inf')
  return {'WAITING', userId, rank, tonumber(redis.call('GET', roomPrefix .. 'admitted-recent') or '0'), activeNow,
          room}
end
return {'UNKNOWN'}
