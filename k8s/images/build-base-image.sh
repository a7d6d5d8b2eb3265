#!/usr/bin/env bash
# Builds the Java runtime base image as a docker-save tarball, without a Docker daemon and without pulling from a
# container registry: glibc from Debian's packages, a jlinked runtime from the local JDK, user 65532 (nonroot).
# Jib uses it through `-Djib.from.image=tar://<path>` where no registry with eclipse-temurin is reachable (CI here).
#
#   k8s/images/build-base-image.sh            -> k8s/images/target/jre-base.tar
#   BASE_JDK=/path/to/jdk k8s/images/...      (default: a JDK >= 21 found under /usr/lib/jvm)
#
# The runtime is whatever JDK is on the machine (Temurin 25 here; it runs the services' Java 21 bytecode). Production
# images use eclipse-temurin:21-jre, the default in the parent pom.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target"
work="$out/base"
tag="ticketing/jre-base:local"

find_jdk() {
    local candidate
    for candidate in "${BASE_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[1-9]-jdk-amd64 /usr/lib/jvm/*; do
        [[ -n "$candidate" && -x "$candidate/bin/jlink" ]] || continue
        local feature
        feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release" 2>/dev/null)"
        if [[ -n "$feature" && "$feature" -ge 21 ]]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

jdk="$(find_jdk)" || { echo "build-base-image: no JDK >= 21 with jlink found (set BASE_JDK)" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/debs" "$work/rootfs"
rootfs="$work/rootfs"

# glibc (and libgcc_s, which glibc needs for thread cancellation) from Debian: the only native libraries a headless
# JVM links. Downloaded as .deb files and unpacked; nothing is installed on this machine.
(cd "$work/debs" && { apt-get download libc6 libgcc-s1 >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get download libc6 libgcc-s1 >/dev/null; }; })
for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$rootfs"
done
rm -rf "$rootfs"/usr/share/{doc,lintian,locale,man,info} "$rootfs"/usr/lib/x86_64-linux-gnu/gconv \
       "$rootfs"/usr/bin "$rootfs"/usr/sbin "$rootfs"/sbin "$rootfs"/etc/ld.so.conf.d 2>/dev/null || true

# What a Spring Boot service needs from the JDK: Java SE, Unsafe (Netty), JMX/JFR for metrics, DNS, charsets.
"$jdk/bin/jlink" \
    --add-modules java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.charsets \
    --strip-debug --no-man-pages --no-header-files \
    --output "$rootfs/opt/java/openjdk"

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
    > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"
chown -R 0:0 "$rootfs"
chown 65532:65532 "$rootfs/home/nonroot"

# One reproducible layer: fixed order and times, numeric owners, so the same inputs give the same digest.
layer="$work/layer.tar"
tar --sort=name --mtime=@0 --numeric-owner -C "$rootfs" -cf "$layer" .
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")"

cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","JAVA_VERSION=$java_version","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.description":"glibc (Debian 12) + jlinked Java $java_version runtime, user 65532"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"k8s/images/build-base-image.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$tag" > "$work/manifest.json"
tar --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out/jre-base.tar" manifest.json config.json layer.tar

echo "build-base-image: $out/jre-base.tar ($tag, Java $java_version from $jdk, $(du -h "$out/jre-base.tar" | cut -f1))"
