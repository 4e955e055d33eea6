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
. daemon/bench/bench-build.sh
echo "keepalived: $(keepalived -v 2>&1 | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djavalived.repo="$root" -Djavalived.launcher="$root/javalived" \
  -cp "$cp" io.javalived.daemon.vrrp.VrrpDrill "${1:-5}" "${2:-}"
