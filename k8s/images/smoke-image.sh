#!/usr/bin/env bash
# Starts a service from its image tarball (jib:buildTar output) without a container runtime, the way Kubernetes will
# run it with k8s/: as the image's user, root filesystem read-only, a writable tmpfs on /tmp, the image's entrypoint
# and environment. Passes when /actuator/health/liveness answers 200. Needs root (mount namespace + chroot).
#
#   k8s/images/smoke-image.sh <service>/target/jib-image.tar [port] [VAR=value ...]
set -euo pipefail

tarball="$(realpath "$1")"; shift
port="${1:-18080}"; shift || true
work="$(mktemp -d)"
rootfs="$work/rootfs"
pid=""
cleanup() {
    if [[ -n "$pid" ]]; then
        # unshare ignores SIGTERM while it waits; stop the JVM itself (PID 1 of its namespace) as the kubelet would
        local child
        for child in $(ps -o pid= --ppid "$pid"); do kill -TERM "$child" 2>/dev/null || true; done
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/image" "$rootfs"
tar -xf "$tarball" -C "$work/image" --warning=no-unknown-keyword
# manifest.json lists the layers bottom-up; config.json holds user, entrypoint and environment
read -r -a layers < <(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' \
    "$work/image/manifest.json")
for layer in "${layers[@]}"; do
    tar -xf "$work/image/$layer" -C "$rootfs" --warning=no-unknown-keyword
done
mkdir -p "$rootfs/proc" "$rootfs/tmp" "$rootfs/dev"
user="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["User"])' "$work/image/config.json")"
mapfile -t entrypoint < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"]["Entrypoint"]))' \
    "$work/image/config.json")
mapfile -t image_env < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"]["Env"]))' \
    "$work/image/config.json")

log="$work/service.log"
unshare --mount --pid --fork --kill-child bash -c '
    set -e
    rootfs=$1; shift
    mount --bind "$rootfs" "$rootfs"
    mount -t proc proc "$rootfs/proc"
    mount -t tmpfs -o mode=1777,size=256m tmpfs "$rootfs/tmp"
    mount --bind /dev "$rootfs/dev"
    mount -o remount,bind,ro "$rootfs"
    exec "$@"
' smoke "$rootfs" env -i "${image_env[@]}" PORT="$port" SERVER_PORT="$port" "$@" \
    "$(command -v chroot)" --userspec="$user" "$rootfs" "${entrypoint[@]}" > "$log" 2>&1 &
pid=$!

name="$(basename "$(dirname "$(dirname "$tarball")")")"
for _ in $(seq 1 90); do
    if curl -fsS -m 2 "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1; then
        echo "smoke-image: $name started from its image as $user on a read-only root; liveness is UP"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
done
echo "smoke-image: $name did not become live; last lines of its log:" >&2
tail -30 "$log" >&2
exit 1
