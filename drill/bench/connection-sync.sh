#!/usr/bin/env bash
# IPVS connection sync through a failover, javalived beside keepalived 2.2.7, in the lab VM (real IPVS, lb_kind DR as
# in the seed; needs root and qemu). One VM boot runs the drill (kill -9 of lb01, 10 long-lived connections) with
# javalived and with keepalived, each with and without `lvs_sync_daemon eth0 oldboy` (the seed's configs, typo
# corrected: see drill/README.md), [runs] times; prints one line per case (medians and ranges when repeated).
# Usage: drill/bench/connection-sync.sh [runs] [out-dir]     (default 1 run, drill/target/connection-sync)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/find-jdk25.sh"
cd "$root"
./mvnw -q -o -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/drill-test.cp \
  -Dmdep.includeScope=test -pl drill -am >/dev/null
./mvnw -q -o -B test-compile -pl drill >/dev/null
cp="drill/target/test-classes:drill/target/classes:$(cat drill/target/drill-test.cp)"
out=$(realpath -m "${2:-drill/target/connection-sync}")
rm -rf "$out"; mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), host kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "keepalived: $(keepalived -v 2>&1 | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djavalived.repo="$root" \
  -cp "$cp" io.javalived.drill.ConnectionSyncDrills "$out" "${1:-1}" > "$out/console.log" 2>&1 || true
sed -n '/^drill (kill -9)/,$p' "$out/console.log"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); reports and the console: $out"
