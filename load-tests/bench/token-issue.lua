-- Token issue with distinct users (issue 15's "token issue" row), a wrk script: POST /api/queue/tokens, every request
-- a new (user, room) pair: the users of the access-token file in turn, the next room after each round of them.
--   ACCESS_TOKENS  a file of access tokens, one per line, of users 1..n in order (see docs/benchmarks.md for the login
--                  loop that writes it); through the gateway each request carries its user's token
--   DIRECT=1       straight at queue-service instead: X-User-Id = the line number, as the gateway would set it
--   XFF=1          each user from an address of its own (X-Forwarded-For 10.0.x.y), for a gateway started with
--                  TRUSTED_PROXY_HOPS=1, so that the per-address issuance limit is on and passed, as for real users
--   ROOM           the first room's concert id. queue-service opens a room for any positive concert id
--                  (queue-service/README.md, "Rooms"): these rooms stay in Redis until their tokens have expired,
--                  so measure on a system you start afresh.
-- wrk -t1 -c16 -d10s --latency -s load-tests/bench/token-issue.lua http://127.0.0.1:8080
local tokens = {}
for line in io.lines(os.getenv("ACCESS_TOKENS") or "/tmp/access-tokens.txt") do tokens[#tokens + 1] = line end
local direct = os.getenv("DIRECT") == "1"
local xff = os.getenv("XFF") == "1"
local room = tonumber(os.getenv("ROOM") or "1000000")
local i = 0

request = function()
  local user = i % #tokens + 1
  local concert = room + math.floor(i / #tokens)
  i = i + 1
  local headers = {["Content-Type"] = "application/json"}
  if direct then
    headers["X-User-Id"] = tostring(user)
  else
    headers["Authorization"] = "Bearer " .. tokens[user]
  end
  if xff then
    headers["X-Forwarded-For"] = "10.0." .. math.floor((user - 1) / 250) .. "." .. ((user - 1) % 250 + 1)
  end
  return wrk.format("POST", "/api/queue/tokens", headers, '{"concertId":' .. concert .. '}')
end
