#!/usr/bin/env bash
# Pause benchmark (issue 19 goal 3; BENCHMARKS.md): a VRRPv3 pair at advert_int 0.01 s (Master_Down 38 ms) whose
# master checks 2,000 real servers a second (TCP_CHECK, --ipvs memory, listener on 127.1.x.y in its namespace), for
# MINUTES (default 10), javalived's pair and keepalived 2.2.7's at the same time in their own namespaces (root).
# Prints per pair: spurious state changes on each node, the master's advert send jitter (tcpdump, nanosecond
# timestamps), checks/s answered, and the longest GC pause and safepoint (-Xlog:gc,safepoint).
# Usage: daemon/bench/vrrp-pause.sh [minutes]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/find-jdk25.sh"
cd "$root"
command -v tcpdump >/dev/null || { echo "vrrp-pause: tcpdump is needed (apt-get install tcpdump)" >&2; exit 2; }
. daemon/bench/bench-build.sh
echo "keepalived: $(keepalived -v 2>&1 | head -1); commit $(git rev-parse --short HEAD); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
ulimit -n 65536 2>/dev/null || true
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djavalived.repo="$root" -Djavalived.launcher="$root/javalived" \
  -cp "$cp" io.javalived.daemon.vrrp.VrrpPause "${1:-10}"
