#!lua
-- A user paid: their visit to that room is over, free their place now. The event id is recorded in the same script
-- as the effect, so a redelivered event finds it and changes nothing (Redis-side inbox; this service has no
-- database).
-- An admitted token's admission (jti = sha1hex(token), see QueueToken.admissionId) is revoked in the same script: added
-- to the sorted set admission-revoked (score = its exp, epoch ms) and announced on the channel of the same name as
-- "<jti> <exp ms>", which every gateway subscribes to (docs/conventions.md, "Admission tokens").
-- The room is the paid concert's; a user without a live token there paid with an admission of the room "default"
-- (not tied to a concert), so that room's place is freed instead (KEYS 6-8; the same keys again for "default").
-- KEYS: 1 processed:<eventId>, 2 user key of the room, 3 active, 4 waiting, 5 admission-revoked,
--       6 user key, 7 active, 8 waiting of the room "default"
-- ARGV: 1 key prefix, 2 userId, 3 paid at (epoch ms), 4 tombstone ttl ms, 5 processed-event ttl ms, 6 now (epoch ms)
-- Returns 'EXPIRED' | 'DUPLICATE' | 'NO_LIVE_TOKEN' | 'TOKEN_NEWER_THAN_PAYMENT'
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[5]) then
  return 'DUPLICATE'
end
local userKey, active, waiting = KEYS[2], KEYS[3], KEYS[4]
local token = redis.call('GET', userKey)
-- paid under the concert's own admission: its token there is the admitted one; otherwise the default room's
if not (token and redis.call('ZSCORE', active, token)) and redis.call('GET', KEYS[6]) then
  userKey, active, waiting = KEYS[6], KEYS[7], KEYS[8]
  token = redis.call('GET', userKey)
end
if not token then
  return 'NO_LIVE_TOKEN'
end
local tokenKey = ARGV[1] .. 'token:' .. token
-- a token issued after the payment is a new visit: an old event (replayed after its id was forgotten) must not end it
local issuedAt = tonumber(redis.call('HGET', tokenKey, 'issuedAt') or '0')
if issuedAt > tonumber(ARGV[3]) then
  return 'TOKEN_NEWER_THAN_PAYMENT'
end
local admittedUntil = redis.call('ZSCORE', active, token)
if admittedUntil and tonumber(admittedUntil) > tonumber(ARGV[6]) then
  local jti = redis.sha1hex(token)
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[6])
  redis.call('ZADD', KEYS[5], admittedUntil, jti)
  redis.call('PUBLISH', KEYS[5], jti .. ' ' .. admittedUntil)
end
redis.call('ZREM', active, token)
redis.call('ZREM', waiting, token)
redis.call('DEL', tokenKey)
redis.call('DEL', userKey)
redis.call('SET', ARGV[1] .. 'expired:' .. token, ARGV[2], 'PX', ARGV[4])
return 'EXPIRED'
