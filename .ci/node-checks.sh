# Shared by the offline checks written in Node (.ci/check-k8s.sh, .ci/check-events.sh); sourced, not run.

npm_ci_once() { # npm_ci_once <package dir> <log dir>: npm ci, again only when package-lock.json changed
    local dir=$1 log=$2/npm-ci.log
    local stamp="$dir/node_modules/.package-lock.sha256"
    if [[ -f "$stamp" ]] && (cd "$dir" && sha256sum --check --status "$stamp"); then
        return 0
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error > "$log" 2>&1) || { cat "$log" >&2; return 1; }
    (cd "$dir" && sha256sum package-lock.json > "$stamp")
}

node_tests() { # node_tests <package dir> <log dir> <prefix> [VAR=value...]: node --test, the summary on stdout
    local dir=$1 log=$2/node-test.log prefix=$3
    shift 3
    (cd "$dir" && env "$@" node --test --test-reporter=spec > "$log" 2>&1)
    local status=$?
    grep -E '^(ℹ|✖)|^\s+✖' "$log" | grep -vE 'duration_ms|todo|cancelled|skipped' | sed "s/^/$prefix:      /"
    ((status == 0)) || sed -n '/failing tests:/,$p' "$log" | head -40 >&2
    return $status
}
