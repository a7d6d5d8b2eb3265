#!/usr/bin/env bash
# Proves the five service images build without a Docker daemon or a container registry, and that each is what k8s/
# expects: jib:buildTar (the parent pom's `images` profile) on top of the locally built base image
# (build-base-image.sh), then every tarball is checked: name ticketing/<service>:<version>, user 65532, the
# container JVM flags, the service's port.
#
#   k8s/images/check-images.sh            build and check the five tarballs (<service>/target/jib-image.tar)
#   IMAGES_SMOKE=1 k8s/images/check-images.sh   also start queue-service from its image (needs root and Redis)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../infra/local/lib.sh"
select_jdk
declare -A PORTS=([gateway-service]=8080 [queue-service]=8081 [concert-service]=8082 [payment-service]=8083
    [user-point-service]=8084)

grep -q '<id>images</id>' "$REPO_ROOT/pom.xml" \
    || die "pom.xml has no 'images' profile: apply the Jib configuration of k8s/README.md (Images) first"

started=$SECONDS
"$here/build-base-image.sh"
modules="$(IFS=,; echo "${!PORTS[*]}")"
say "jib:buildTar of $modules on tar://$here/target/jre-base.tar"
"$REPO_ROOT/mvnw" -B -q -ntp -Pimages -DskipTests -Dimage.base="tar://$here/target/jre-base.tar" \
    -pl "$modules" -am package

version="$(sed '/<parent>/,/<\/parent>/d' "$REPO_ROOT/pom.xml" | sed -n 's|.*<version>\(.*\)</version>.*|\1|p' | head -1)"
failed=0
for service in "${!PORTS[@]}"; do
    tarball="$REPO_ROOT/$service/target/jib-image.tar"
    problems="$(python3 - "$tarball" "ticketing/$service:$version" "${PORTS[$service]}" <<'EOF'
import json, sys, tarfile
path, expected_tag, port = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile('manifest.json'))[0]
        config = json.load(tar.extractfile(manifest['Config']))['config']
except Exception as e:
    print(f'cannot read {path}: {e}')
    sys.exit()
problems = []
if manifest.get('RepoTags') != [expected_tag]:
    problems.append(f"tag {manifest.get('RepoTags')} is not {expected_tag}")
if config.get('User') != '65532:65532':
    problems.append(f"user {config.get('User')} is not 65532:65532")
entrypoint = config.get('Entrypoint') or []
for flag in ('-XX:MaxRAMPercentage=75', '-XX:+ExitOnOutOfMemoryError'):
    if flag not in entrypoint:
        problems.append(f'entrypoint lacks {flag}')
if f'{port}/tcp' not in (config.get('ExposedPorts') or {}):
    problems.append(f'port {port} is not exposed')
print('; '.join(problems))
EOF
)"
    if [[ -n "$problems" ]]; then
        echo "check-images: FAIL $service: $problems"
        failed=$((failed + 1))
    else
        echo "check-images: ok   $service: ticketing/$service:$version ($(du -h "$tarball" | cut -f1))"
    fi
done

if [[ "${IMAGES_SMOKE:-0}" == 1 ]]; then
    "$here/smoke-image.sh" "$REPO_ROOT/queue-service/target/jib-image.tar" 18081 \
        MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true || failed=$((failed + 1))
fi
echo "check-images: $((${#PORTS[@]} - failed)) passed, $failed failed ($((SECONDS - started)) s)"
((failed == 0))
