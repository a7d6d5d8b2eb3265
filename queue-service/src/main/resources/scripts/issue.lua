#!lua
-- Issues a token in one room to a user, or hands back the user's live one there: never two places in one room.
-- Atomic, so concurrent requests of one user see one token, and arrival order is the order of INCR. Before the
-- room's opening (opensAt, not yet opened) the new token joins the pre-queue: the same sorted set, whose order the
-- opening then shuffles (open.lua). Once the opening is due but not yet done, nothing is issued: the caller runs the
-- opening and asks again, so that nobody arriving after opensAt is drawn into the shuffled block.
-- KEYS: 1 waiting, 2 active, 3 sequence, 4 user key of the room, 5 token:<candidate>, 6 admitted-recent,
--       7 room settings, 8 rooms registry
-- ARGV: 1 userId, 2 candidate token, 3 now (epoch ms), 4 room id, 5 configured opensAt (epoch ms, '' = none)
-- Returns {token, 'WAITING', position, admittedRecently, isNew, activeNow}
--      or {token, 'PRE_QUEUE', opensAt, preQueued, isNew, 0}
--      or {token, 'ACTIVE', expiresAtMillis, 0, isNew, 0}
--      or {'OPENING_DUE'}
local now = tonumber(ARGV[3])
if ARGV[5] ~= '' and redis.call('EXISTS', KEYS[3]) == 0 then
  -- a configured opening is the room's from its first use (no arrival yet); the operator API moves it afterwards. A
  -- room already serving first come, first served never gets one from configuration: the draw would reshuffle them
  redis.call('HSETNX', KEYS[7], 'opensAt', ARGV[5])
end
local opensAt = redis.call('HGET', KEYS[7], 'opensAt')
local preQueue = opensAt and redis.call('HEXISTS', KEYS[7], 'openedAt') == 0
if preQueue and tonumber(opensAt) <= now then
  return {'OPENING_DUE'}
end
-- active tokens not yet past their expiry: the places the next tick cannot give away (O(log n))
local function activeNow()
  return redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[3], '+inf')
end
local function waitingAnswer(token, isNew)
  if preQueue then
    return {token, 'PRE_QUEUE', tonumber(opensAt), redis.call('ZCARD', KEYS[1]), isNew, 0}
  end
  local rank = redis.call('ZRANK', KEYS[1], token)
  return {token, 'WAITING', rank, tonumber(redis.call('GET', KEYS[6]) or '0'), isNew, activeNow()}
end
local existing = redis.call('GET', KEYS[4])
if existing then
  local expiresAt = redis.call('ZSCORE', KEYS[2], existing)
  if expiresAt then
    -- past due but not yet swept by a tick: that visit is over, a new place in line is issued below
    if tonumber(expiresAt) > now then
      return {existing, 'ACTIVE', tonumber(expiresAt), 0, 0, 0}
    end
  elseif redis.call('ZSCORE', KEYS[1], existing) then
    return waitingAnswer(existing, 0)
  end
end
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], seq, ARGV[2])
redis.call('HSET', KEYS[5], 'userId', ARGV[1], 'issuedAt', ARGV[3], 'room', ARGV[4])
redis.call('SET', KEYS[4], ARGV[2])
if ARGV[4] ~= 'default' then
  redis.call('SADD', KEYS[8], ARGV[4])
end
return waitingAnswer(ARGV[2], 1)
