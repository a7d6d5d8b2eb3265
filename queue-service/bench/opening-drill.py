#!/usr/bin/env python3
"""A scheduled opening rehearsed through the running gateway (./bin/run; run under flock /tmp/ticketing-live.lock):
the operator schedules concert C's room (once per room: an opening happens once, so use a room not opened before),
N demo users join its pre-queue one after another, the room opens, and the published seed replays the line
(Park-Miller Fisher-Yates, as queue-service's domain.Shuffle and open.lua). Also shows the ops routes refused to a
user, a pre-queued token refused on the booking routes, WRONG_ROOM for another concert, pause/resume and the audit.
    python3 queue-service/bench/opening-drill.py [concertId=3] [users=200] [first demo user=101]
Figures of a run: docs/benchmarks.md, "Scheduled opening"."""
import json, sys, time, urllib.request, urllib.error, datetime
G = 'http://127.0.0.1:8080'
C = int(sys.argv[1]) if len(sys.argv) > 1 else 3
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
FIRST = int(sys.argv[3]) if len(sys.argv) > 3 else 101

def call(method, path, token=None, body=None, queue=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(G + path, data=data, method=method)
    if data is not None: req.add_header('Content-Type', 'application/json')
    if token: req.add_header('Authorization', 'Bearer ' + token)
    if queue: req.add_header('X-Queue-Token', queue)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b'null')
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'null')

def login(user, pw):
    return call('POST', '/api/auth/login', body={'username': user, 'password': pw})[1]['accessToken']

ops = login('operator', 'operator-password')
user = login('user99', 'demo-password')
print('non-operator on the ops routes:', [call(m, p, user, b)[0] for m, p, b in [
    ('GET', f'/api/ops/rooms/{C}', None), ('PATCH', f'/api/ops/rooms/{C}', {'capacity': 5}),
    ('POST', f'/api/ops/rooms/{C}/pause', None), ('PUT', f'/api/ops/rooms/{C}/opens-at', {'opensAt': '2030-01-01T00:00:00Z'}),
    ('GET', f'/api/ops/rooms/{C}/audit', None)]])
opens = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30 + N // 4)).replace(microsecond=0)
print('schedule:', call('PUT', f'/api/ops/rooms/{C}/opens-at', ops, {'opensAt': opens.isoformat().replace('+00:00', 'Z')}))
print('capacity:', call('PATCH', f'/api/ops/rooms/{C}', ops, {'capacity': 50, 'admissionIntervalMillis': 2000}))
joined = []
t0 = time.time()
for i in range(N):
    uid = FIRST + i
    at = login(f'user{uid}', 'demo-password')
    st, body = call('POST', '/api/queue/tokens', at, {'concertId': C})
    assert st in (200, 201) and body['status'] == 'PRE_QUEUE', (st, body)
    joined.append((uid, at, body['token']))
print(f'{N} joined the pre-queue in {time.time() - t0:.1f} s; opensAt {opens}')
print('ops view before:', call('GET', f'/api/ops/rooms/{C}', ops)[1])
st, dates = call('GET', f'/api/concerts/{C}/dates', joined[0][1], queue=joined[0][2])
print('pre-queued token on the dates:', st, dates.get('code') if isinstance(dates, dict) else dates)
while datetime.datetime.now(datetime.timezone.utc) < opens + datetime.timedelta(seconds=2):
    time.sleep(1)
room = call('GET', f'/api/rooms/{C}', user)[1]
print('published:', room)
positions = {}
for uid, at, tok in joined:
    st, body = call('GET', '/api/queue/tokens/me', at, queue=tok)
    positions[uid] = body
active = [u for u, b in positions.items() if b['status'] == 'ACTIVE']
waiting = sorted((b['position'], u) for u, b in positions.items() if b['status'] == 'WAITING')
print(f'after the opening: {len(active)} ACTIVE, {len(waiting)} WAITING')
# replay: Park-Miller Fisher-Yates over the join order (user ids), as domain.Shuffle / open.lua
order = [u for u, _, _ in joined]
state = room['seed']
for i in range(len(order) - 1, 0, -1):
    state = (state * 48271) % 2147483647
    j = state % (i + 1)
    order[i], order[j] = order[j], order[i]
drawn_admitted = set(order[:len(active)])
replay_ok = drawn_admitted == set(active) and [u for _, u in waiting] == order[len(active):]
print('replay of the seed gives the same line:', replay_ok)
rank = {u: k for k, u in enumerate(order)}
n = len(order)
d2 = sum((i - rank[u]) ** 2 for i, (u, _, _) in enumerate(joined))
print(f'Spearman rho (join order vs drawn place, n={n}): {1 - 6 * d2 / (n * (n * n - 1)):.4f}')
# an admission of this room is for this concert only
adm = next(b['admissionToken'] for u, b in positions.items() if b['status'] == 'ACTIVE')
owner = next(x for x in joined if x[0] == active[0])
at = owner[1]
adm = positions[owner[0]]['admissionToken']
print('own concert dates:', call('GET', f'/api/concerts/{C}/dates', at, queue=adm)[0],
      '| another concert:', call('GET', f'/api/concerts/1/dates', at, queue=adm)[1].get('code'))
print('pause:', call('POST', f'/api/ops/rooms/{C}/pause', ops)[0], 'resume:', call('POST', f'/api/ops/rooms/{C}/resume', ops)[0])
print('ops view after:', call('GET', f'/api/ops/rooms/{C}', ops)[1])
print('audit:', json.dumps(call('GET', f'/api/ops/rooms/{C}/audit', ops)[1]))
