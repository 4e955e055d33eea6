#!/usr/bin/env bash
# VRRP failover drill: javalived beside real keepalived 2.2.7, in network namespaces (needs root).
# Usage: daemon/bench/vrrp-drill.sh [runs] [filter]   (default 5 runs, every scenario; filter e.g. "v3,javalived",
#        "kill", or "memory": only lines containing every comma-separated word)
# Prints, per scenario and implementation, the median/min/max takeover time (signal -> VIP on the backup)
# and the resident memory of each daemon for the seed's lb01 config.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/find-jdk25.sh"
cd "$root"
# One reactor build: what ./javalived builds (daemon and drill: the stamp below says it is current), test classes and
# the test classpath for the drill.
./mvnw -q -o -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/drill.cp \
  -Dmdep.includeScope=test -pl daemon,drill -am >/dev/null
touch daemon/target/.javalived-built
# A daemon command line trains the daemon's AOT cache before the JVM starts (then this one exits: no such file), so
# the drill's first javalived start does not.
./javalived -n -f daemon/target/.no-such-config >/dev/null 2>&1 || true
cp="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/drill.cp)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "keepalived: $(keepalived -v 2>&1 | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djavalived.repo="$root" -Djavalived.launcher="$root/javalived" \
  -cp "$cp" io.javalived.daemon.vrrp.VrrpDrill "${1:-5}" "${2:-}"
