#!/usr/bin/env bash
# The anycast drill in the lab VM (issue 18; root, qemu, frr): `javalived drill --vm --anycast 3 --connections 8`,
# one VM boot per run, [runs] times; prints each run's three report lines and, over the runs, the median and range of
# the kill -9 withdrawal, the restarted director's return and the real-server withdrawal (seconds at the router's FIB).
# Usage: drill/bench/anycast-vm.sh [runs] [out-dir]     (default 1 run, drill/target/anycast-vm)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/find-jdk25.sh"
cd "$root"
./mvnw -q -o -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/drill-anycast.cp \
  -pl drill -am >/dev/null
cp="drill/target/classes:$(cat drill/target/drill-anycast.cp)"
out=$(realpath -m "${2:-drill/target/anycast-vm}")
rm -rf "$out"; mkdir -p "$out"
runs=${1:-1}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), host kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "FRR: $(/usr/lib/frr/zebra -v 2>/dev/null | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  mkdir -p "$out/run$i"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" \
    io.javalived.drill.DrillMain --vm --anycast 3 --connections 8 --settle 4 --out "$out/run$i" \
    > "$out/run$i/console.log" 2>&1 || echo "run $i: the drill exited $? (see $out/run$i/console.log)"
  grep -E '^(next hops:|connections:|real servers down|New requests after|lb0[0-9] back in)' "$out/run$i/drill-anycast.txt" 2>/dev/null \
    | sed "s/^/run $i: /" | tee -a "$out/lines"
done
echo "--- over $runs runs (s): median (min-max)"
for what in 'kill -9 withdrawal|^next hops: .*withdrawn in ([0-9.]+) s' 'return after restart|back in the router.s FIB ([0-9.]+) s' \
            'real servers down withdrawal|route withdrawn in ([0-9.]+) s'; do
  label=${what%%|*}; re=${what#*|}
  sed -nE "s/^run [0-9]+: //; /${re}/{s/.*${re#^}.*/\1/p}" "$out/lines" 2>/dev/null | sort -n | awk -v l="$label" '
    { a[++m] = $1 } END { if (m) printf "%-28s %.2f (%.2f-%.2f, %d runs)\n", l, (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2, a[1], a[m], m }'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); reports and consoles: $out"
