#!lua
-- Issues a waiting token to a user, or hands back the user's live one: never two places in line for one user.
-- Atomic, so concurrent requests of one user see one token, and arrival order is the order of INCR.
-- KEYS: 1 waiting, 2 active, 3 sequence, 4 user:<userId>, 5 token:<candidate>, 6 admitted-recent
-- ARGV: 1 userId, 2 candidate token, 3 now (epoch ms)
-- Returns {token, 'WAITING', position, admittedRecently, isNew, activeNow}
--      or {token, 'ACTIVE', expiresAtMillis, 0, isNew, 0}
local now = tonumber(ARGV[3])
-- active tokens not yet past their expiry: the places the next tick cannot give away (O(log n))
local function activeNow()
  return redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[3], '+inf')
end
local existing = redis.call('GET', KEYS[4])
if existing then
  local expiresAt = redis.call('ZSCORE', KEYS[2], existing)
  if expiresAt then
    -- past due but not yet swept by a tick: that visit is over, a new place in line is issued below
    if tonumber(expiresAt) > now then
      return {existing, 'ACTIVE', tonumber(expiresAt), 0, 0, 0}
    end
  else
    local rank = redis.call('ZRANK', KEYS[1], existing)
    if rank then
      return {existing, 'WAITING', rank, tonumber(redis.call('GET', KEYS[6]) or '0'), 0, activeNow()}
    end
  end
end
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], seq, ARGV[2])
redis.call('HSET', KEYS[5], 'userId', ARGV[1], 'issuedAt', ARGV[3])
redis.call('SET', KEYS[4], ARGV[2])
local rank = redis.call('ZRANK', KEYS[1], ARGV[2])
return {ARGV[2], 'WAITING', rank, tonumber(redis.call('GET', KEYS[6]) or '0'), 1, activeNow()}
