#!/usr/bin/env bash
# Browser test of the booking page against the running system (./bin/run, or bin/test's services).
# Installs what is missing (Debian's Chromium, the npm packages), runs booking.test.js and opening.test.js (one after the other) with Node's test runner,
# prints "N passed, N failed" and exits non-zero when a test failed. Screenshots go to web-tests/artifacts/.
#   GATEWAY_URL=http://127.0.0.1:8080   the gateway to test (default)
#   PAGE=files                          serve the page files from here on another origin (?api=...) instead of the
#                                       gateway's / (for a gateway built before the page existed; needs its CORS)
#   --update-screenshot                 also copy the seat-map screenshot to docs/screenshots/booking.png (README)
set -euo pipefail
cd "$(dirname "$0")"

update_screenshot=0
for arg in "$@"; do
  case "$arg" in
    --update-screenshot) update_screenshot=1 ;;
    *) echo "Unknown option $arg (known: --update-screenshot)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium (the test tool cannot download browsers here)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y chromium || { as_root apt-get update && as_root apt-get install -y chromium; }
fi
command -v node >/dev/null || { echo "Node.js (>= 20) is needed: apt-get install -y nodejs npm" >&2; exit 1; }
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

mkdir -p artifacts
rm -f artifacts/*.png artifacts/results.tap
started=$SECONDS
status=0
node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=artifacts/results.tap \
  --test-concurrency=1 booking.test.js opening.test.js || status=$?

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' artifacts/results.tap 2>/dev/null | tail -n 1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' artifacts/results.tap 2>/dev/null | tail -n 1)
passed=${passed:-0}
failed=${failed:-0}
# a run that crashed before reporting is a failure even if no test said so
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi

if [ "$update_screenshot" = 1 ] && [ "$status" = 0 ]; then
  mkdir -p ../docs/screenshots
  cp artifacts/seat-map.png ../docs/screenshots/booking.png
  echo "Copied artifacts/seat-map.png to docs/screenshots/booking.png"
fi
echo "Screenshots: $(pwd)/artifacts ($((SECONDS - started)) s)"
echo "$passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
