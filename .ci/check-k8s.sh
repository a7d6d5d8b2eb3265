#!/usr/bin/env bash
# Validates k8s/ offline, without a cluster:
#   1. `kubectl kustomize` renders every overlay under k8s/overlays/ (and the placeholder Secrets of k8s/base/secrets);
#   2. every rendered object is checked against the Kubernetes API schemas (npm kubernetes-models) and for fields the
#      API does not know (k8s/validate/schema.js);
#   3. project rules (k8s/validate/rules.js): probes, requests/limits, non-root and restricted pod security on every
#      container; image names ticketing/<service>; env keys that exist in the ConfigMap/Secret they reference; the
#      services' env contract, ports, graceful shutdown; NetworkPolicies equal to the call graph; Kafka replication
#      that fits the brokers and a topics Job that runs common-events' CreateTopics; Redis AOF + noeviction;
#      only /api of the gateway on the Ingress; no Secrets rendered in production;
#      every service scraped by a ServiceMonitor, every alert with severity, summary and a runbook heading that exists
#      in docs/runbooks.md, the Grafana dashboard's JSON;
#   4. promtool check rules + promtool test rules on the PrometheusRule of the production overlay
#      (k8s/base/monitoring/alerts.test.yaml; promtool from Debian's prometheus package);
#   5. the checks' own tests (node --test), which break the overlays on purpose and expect each rule to catch it.
# Exits non-zero when anything fails. Needs kubectl >= 1.21 (kustomize v4+), Node >= 20 with npm, and promtool.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
k8s="$root/k8s"
validate="$k8s/validate"
out="$validate/target"
passed=0
failed=0
failures=()

step() { # step <title> <command...>: runs a check, records the result
    local title=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "check-k8s: ok   $title"
    else
        failed=$((failed + 1))
        failures+=("$title")
        echo "check-k8s: FAIL $title"
    fi
}

finish() {
    echo
    if ((failed)); then
        local IFS=';'
        echo "check-k8s: failed:${failures[*]/#/ }"
    fi
    echo "check-k8s: $passed passed, $failed failed"
    ((failed == 0))
    exit $?
}

# ---- tools ----
kubectl="${KUBECTL:-kubectl}"
if ! command -v "$kubectl" > /dev/null; then
    # Debian bookworm's only kubectl is kubernetes-client 1.20, whose built-in kustomize (v2.0.3) cannot read these
    # kustomizations (labels, patches, envs); installing it would not help.
    echo "check-k8s: kubectl not found. Install kubectl >= 1.21 (e.g. from the Kubernetes apt repository);" \
         "Debian's kubernetes-client ($(apt-cache policy kubernetes-client 2>/dev/null | awk '/Candidate/ {print $2}')) is too old." >&2
    failed=$((failed + 1)); failures+=("kubectl"); finish
fi
kustomize_version="$("$kubectl" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')"
if [[ -z "$kustomize_version" || "$kustomize_version" -lt 4 ]]; then
    echo "check-k8s: $kubectl has kustomize ${kustomize_version:-unknown}; these manifests need kustomize v4+ (kubectl >= 1.21)" >&2
    failed=$((failed + 1)); failures+=("kubectl"); finish
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2> /dev/null; then
    echo "check-k8s: Node.js >= 20 is needed (kubernetes-models 4.5.1)" >&2
    failed=$((failed + 1)); failures+=("node"); finish
fi

source "$root/.ci/node-checks.sh"
install_validator() { npm_ci_once "$validate" "$out"; }

render() { # render <kustomization dir> <output file>
    local dir=$1 file=$2
    if ! "$kubectl" kustomize "$dir" > "$file" 2> "$file.err"; then
        echo "check-k8s: kubectl kustomize ${dir#"$root"/} failed:" >&2
        cat "$file.err" >&2
        return 1
    fi
    if [[ -s "$file.err" ]]; then
        sed 's/^/check-k8s: kustomize says: /' "$file.err"
    fi
    echo "check-k8s:      ${dir#"$root"/}: $(grep -c '^kind:' "$file") objects"
}

started=$SECONDS
rm -rf "$out"
mkdir -p "$out"
step "npm ci (k8s/validate: kubernetes-models, js-yaml)" install_validator

overlays=()
for dir in "$k8s"/overlays/*/; do
    name="$(basename "$dir")"
    overlays+=("$name")
    step "kubectl kustomize k8s/overlays/$name" render "${dir%/}" "$out/$name.yaml"
done
step "kubectl kustomize k8s/base/secrets" render "$k8s/base/secrets" "$out/secrets.yaml"

step "shell scripts parse (bash -n)" bash -c 'for f in "$1"/base/infra/*/*.sh "$1"/images/*.sh; do bash -n "$f" || exit 1; done' _ "$k8s"

validate_overlays() {
    local args=() overlay
    for overlay in "${overlays[@]}"; do
        [[ -s "$out/$overlay.yaml" ]] && args+=("$overlay=$out/$overlay.yaml")
    done
    ((${#args[@]})) || return 1
    node "$validate/validate.js" --secrets "$out/secrets.yaml" --pom "$root/pom.xml" \
        --runbooks "$root/docs/runbooks.md" "${args[@]}"
}
step "schema + unknown fields + project rules (${overlays[*]})" validate_overlays

promtool_rules() { # the alerts as rendered for production: promtool's syntax check and the unit tests
    if ! command -v promtool > /dev/null; then
        echo "check-k8s: promtool not found: install Debian's prometheus package (./bin/test does)" >&2
        return 1
    fi
    local dir="$out/monitoring"
    node "$validate/rule-files.js" "$out/production.yaml" "$dir" || return 1
    cp "$k8s/base/monitoring/alerts.test.yaml" "$dir/"
    promtool check rules "$dir"/*.rules.yaml > "$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; return 1; }
    promtool test rules "$dir/alerts.test.yaml" > "$dir/test.log" 2>&1 || { cat "$dir/test.log" >&2; return 1; }
    echo "check-k8s:      $(grep -o '[0-9]* rules found' "$dir/check.log"), $(grep -c '^  - name:' "$dir/alerts.test.yaml") unit tests passed"
}
step "promtool check rules + test rules (k8s/base/monitoring)" promtool_rules

run_tests() { node_tests "$validate" "$out" check-k8s K8S_RENDERED_DIR="$out"; }
step "the checks catch broken overlays (node --test k8s/validate)" run_tests

echo "check-k8s: finished in $((SECONDS - started)) s"
finish
