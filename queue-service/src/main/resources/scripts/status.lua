#!lua flags=no-writes
-- Where a token stands, in one round trip (the gateway asks on every request).
-- KEYS: 1 token:<token>, 2 expired:<token>, 3 active, 4 waiting, 5 admitted-recent
-- ARGV: 1 token, 2 now (epoch ms)
-- Returns {'WAITING', userId, position, admittedRecently, activeNow} | {'ACTIVE', userId, expiresAtMillis}
--       | {'EXPIRED', userId} | {'UNKNOWN'}
local userId = redis.call('HGET', KEYS[1], 'userId')
if not userId then
  local tombstone = redis.call('GET', KEYS[2])
  if tombstone then
    return {'EXPIRED', tombstone}
  end
  return {'UNKNOWN'}
end
local expiresAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
if expiresAt then
  -- the sweep runs every few seconds; a token past its expiry is expired now, not at the next tick
  if tonumber(expiresAt) <= tonumber(ARGV[2]) then
    return {'EXPIRED', userId}
  end
  return {'ACTIVE', userId, tonumber(expiresAt)}
end
local rank = redis.call('ZRANK', KEYS[4], ARGV[1])
if rank then
  -- active tokens not yet past their expiry: the places the next tick cannot give away (O(log n))
  local activeNow = redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[2], '+inf')
  return {'WAITING', userId, rank, tonumber(redis.call('GET', KEYS[5]) or '0'), activeNow}
end
return {'UNKNOWN'}
