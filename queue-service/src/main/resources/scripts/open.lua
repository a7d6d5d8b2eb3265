#!lua
-- A scheduled opening: once opensAt has come, shuffle the whole pre-queue uniformly in one step, record the seed,
-- and mark the room opened. One script, and it checks the mark first: any number of instances (and token requests)
-- running it at once open the room exactly once, and nobody is lost or added half-way.
-- The draw: Fisher-Yates driven by Park-Miller (x' = 48271 x mod 2^31-1), the same steps as domain.Shuffle, so the
-- published seed and the pre-queue in join order replay it. Products stay below 2^53: exact in Lua's doubles.
-- KEYS: 1 waiting, 2 room settings, 3 sequence
-- ARGV: 1 now (epoch ms), 2 candidate seed (1 .. 2^31-2), 3 configured opensAt (epoch ms, '' = none)
-- Returns {'OPENED', seed, shuffled, openedAt} | {'ALREADY_OPEN', seed, shuffled, openedAt} | {'NOT_DUE', opensAt}
--       | {'NOT_SCHEDULED'}
local now = tonumber(ARGV[1])
local opened = redis.call('HMGET', KEYS[2], 'openedAt', 'seed', 'shuffled')
if opened[1] then
  return {'ALREADY_OPEN', tonumber(opened[2]), tonumber(opened[3]), tonumber(opened[1])}
end
if ARGV[3] ~= '' and redis.call('EXISTS', KEYS[3]) == 0 then
  -- a configured opening is the room's until its first arrival makes it so (issue.lua): it opens empty if nobody came
  redis.call('HSETNX', KEYS[2], 'opensAt', ARGV[3])
end
local opensAt = redis.call('HGET', KEYS[2], 'opensAt')
if not opensAt then
  return {'NOT_SCHEDULED'}
end
if tonumber(opensAt) > now then
  return {'NOT_DUE', tonumber(opensAt)}
end
local seed = tonumber(ARGV[2])
-- the pre-queue in join order (scores are the arrival sequence)
local order = redis.call('ZRANGE', KEYS[1], 0, -1)
local n = #order
local state = seed
for i = n, 2, -1 do
  state = (state * 48271) % 2147483647
  local j = (state % i) + 1
  order[i], order[j] = order[j], order[i]
end
-- new scores 1..n: the sequence is at least n, so every later arrival (INCR) lands behind the shuffled block
for from = 1, n, 500 do
  local args = {}
  for i = from, math.min(n, from + 499) do
    args[#args + 1] = i
    args[#args + 1] = order[i]
  end
  redis.call('ZADD', KEYS[1], 'XX', unpack(args))
end
redis.call('HSET', KEYS[2], 'openedAt', ARGV[1], 'seed', ARGV[2], 'shuffled', n)
return {'OPENED', seed, n, now}
