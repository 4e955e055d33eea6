#!/usr/bin/env bash
# Anycast withdrawal times through FRR in namespaces (root; needs frr, ip, /dev/net/tun).
# Usage: daemon/bench/anycast-withdrawal.sh [RUNS]
# Each run is one AnycastFrrNetnsTest: an upstream router and three directors, each with FRR (zebra, bgpd, bfdd)
# and javalived -C --ipvs memory with javalived_announce; times are from the event to the router's kernel FIB
# having lost (or regained) the director's next hop, polled with `ip route show` every ~5 ms (add the poll's own
# 10-30 ms). Prints each run's lines and, per kind of event, the median and the range.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
out=$(mktemp /tmp/anycast-bench.XXXXXX)
trap 'rm -f "$out"' EXIT
report=daemon/target/surefire-reports/io.javalived.daemon.anycast.AnycastFrrNetnsTest-output.txt
for i in $(seq 1 "$runs"); do
  rm -f "$report"
  ./mvnw -q -B -o -pl daemon -am test -Dtest=AnycastFrrNetnsTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null \
    || { echo "run $i: the test failed (see daemon/target/surefire-reports)"; continue; }
  grep -E "withdrawn in|announced in" "$report" | sed "s/^/run $i: /" | tee -a "$out"
done
echo "--- medians over $runs runs (s), min-max"
sed -E 's/^run [0-9]+: //; s/ in ([0-9.]+) s\)?$/|\1/' "$out" | sort -t'|' -k1,1 -k2,2n | awk -F'|' '
  function flush() { if (m) printf "%-72s %.2f (%.2f-%.2f, %d runs)\n", key, (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2, a[1], a[m], m }
  $1 != key { flush(); key = $1; m = 0 }
  { a[++m] = $2 }
  END { flush() }'
