#!/usr/bin/env bash
# Validates common-events' AsyncAPI document offline (common-events/validate, npm @asyncapi/parser 3):
#   1. the AsyncAPI 3 parser: specification schema and rules, every $ref resolved, each payload a valid JSON Schema;
#   2. project rules: a channel per topic of Topics.java (dead-letter topics too), a message per schema file, keys;
#   3. the checks' own tests (node --test), which break copies of the document on purpose.
# The schemas themselves are checked by Maven (common-events: EventSchemasTest validates every event record against
# its schema, EventSchemaCompatibilityTest compares them with the last release). Needs Node >= 20 with npm.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
validate="$root/common-events/validate"
out="$validate/target"
document="$root/common-events/src/main/resources/asyncapi/asyncapi.yaml"
topics="$root/common-events/src/main/java/dev/ticketing/events/Topics.java"
failed=0

step() { # step <title> <command...>
    local title=$1
    shift
    if "$@"; then echo "check-events: ok   $title"; else failed=$((failed + 1)); echo "check-events: FAIL $title"; fi
}

install_validator() { # npm ci once per package-lock.json
    local stamp="$validate/node_modules/.package-lock.sha256"
    if [[ -f "$stamp" ]] && (cd "$validate" && sha256sum --check --status "$stamp"); then
        return 0
    fi
    (cd "$validate" && npm ci --no-audit --no-fund --loglevel=error > "$out/npm-ci.log" 2>&1) \
        || { cat "$out/npm-ci.log" >&2; return 1; }
    (cd "$validate" && sha256sum package-lock.json > "$stamp")
}

run_tests() {
    (cd "$validate" && node --test --test-reporter=spec > "$out/node-test.log" 2>&1)
    local status=$?
    grep -E '^(ℹ|✖)|^\s+✖' "$out/node-test.log" | grep -vE 'duration_ms|todo|cancelled|skipped' | sed 's/^/check-events:      /'
    ((status == 0)) || sed -n '/failing tests:/,$p' "$out/node-test.log" | head -40 >&2
    return $status
}

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2> /dev/null; then
    echo "check-events: Node.js >= 20 is needed" >&2
    exit 1
fi
started=$SECONDS
rm -rf "$out"
mkdir -p "$out"
step "npm ci (common-events/validate: @asyncapi/parser)" install_validator
step "AsyncAPI document (common-events/src/main/resources/asyncapi)" node "$validate/validate.js" "$document" "$topics"
step "the checks catch broken documents (node --test common-events/validate)" run_tests
echo "check-events: finished in $((SECONDS - started)) s, $failed failed"
((failed == 0))
