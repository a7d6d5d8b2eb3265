#!/usr/bin/env bash
# redis-benchmark beside QueueScaleBenchmark: same server, a 1M-member sorted set, 16 clients. Keys under its own
# prefix, deleted at the end. Run from the repository root: bash queue-service/bench/redis-benchmark.sh
set -euo pipefail
P=bench:rb:$(date +%s):
python3 - "$P" <<'PY' | redis-cli --pipe
import sys
p = sys.argv[1]
def resp(*args):
    out = "*%d\r\n" % len(args)
    for a in args:
        a = str(a)
        out += "$%d\r\n%s\r\n" % (len(a.encode()), a)
    return out
w = sys.stdout.write
for i in range(1_000_000):
    w(resp("ZADD", p + "waiting", i, "%012d" % i))
PY
echo "members: $(redis-cli ZCARD ${P}waiting)  MEMORY USAGE: $(redis-cli MEMORY USAGE ${P}waiting SAMPLES 0)"
redis-cli HSET ${P}token:x userId 1 issuedAt 0 > /dev/null; redis-cli ZADD ${P}waiting 500000.5 x > /dev/null
ZRANK_SHA=$(redis-cli SCRIPT LOAD "return redis.call('ZRANK', KEYS[1], ARGV[1])")
ISSUE_SHA=$(redis-cli SCRIPT LOAD "$(cat queue-service/src/main/resources/scripts/issue.lua)")
STATUS_SHA=$(redis-cli SCRIPT LOAD "$(cat queue-service/src/main/resources/scripts/status.lua)")
NOW=1772359200000
run() { echo "== $1"; shift; redis-benchmark -q -c 16 -n 200000 -r 1000000 "$@" | tr '\r' '\n' | grep 'requests per second' | sed 's/.*: //'; }
run "ZRANK (member exists)" ZRANK ${P}waiting __rand_int__
run "EVALSHA ZRANK wrapper" EVALSHA $ZRANK_SHA 1 ${P}waiting __rand_int__
run "ZADD new member (score = INCR-like)" ZADD ${P}waiting 2000000 n:__rand_int__
run "EVALSHA issue.lua" EVALSHA $ISSUE_SHA 6 ${P}waiting ${P}active ${P}seq ${P}user:__rand_int__ ${P}token:__rand_int__ ${P}admitted-recent __rand_int__ t:__rand_int__ $NOW
run "EVALSHA status.lua (waiting token, rank ~500k)" EVALSHA $STATUS_SHA 5 ${P}token:x ${P}expired:x ${P}active ${P}waiting ${P}admitted-recent x $NOW
run "INCR" INCR ${P}seq2
redis-cli --scan --pattern "${P}*" | xargs -n 1000 redis-cli UNLINK > /dev/null
echo "left under $P: $(redis-cli --scan --pattern "${P}*" | wc -l)"
