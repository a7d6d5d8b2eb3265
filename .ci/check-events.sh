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

source "$root/.ci/node-checks.sh"
install_validator() { npm_ci_once "$validate" "$out"; }
run_tests() { node_tests "$validate" "$out" check-events; }

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
