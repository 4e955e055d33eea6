#!/usr/bin/env bash
# Times `./javalived -t` beside `keepalived -t` on the same generated config (default 10,000 virtual
# servers x 4 real servers with TCP_CHECK), interleaved, RUNS times each, and prints every wall time plus
# the median and best of each. Usage: keepalived-parser/bench/parser-bench.sh [RUNS] [VIRTUAL_SERVERS] [REAL_SERVERS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-5}
n=${2:-10000}
r=${3:-4}
keepalived=${KEEPALIVED:-$(command -v keepalived || echo /usr/sbin/keepalived)}
[ -x "$keepalived" ] || { echo "parser-bench: keepalived not found (apt-get install keepalived)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
conf="$work/keepalived.conf"
"$root/keepalived-parser/bench/gen-config.sh" "$n" "$r" > "$conf"
echo "config: $n virtual servers x $r real servers with TCP_CHECK, $(wc -l < "$conf") lines, $(du -h "$conf" | cut -f1)"
# Build (and warm the launcher's caches) once, outside the timed runs.
"$root/javalived" -t -f "$root/examples/lb01/keepalived.conf" >/dev/null 2>&1 || true
now() { date +%s.%N; }
timed() { # sets $elapsed (wall s), $cpu (user+sys s of the command and its children) and $rc
  local t0 t1 c0 c1
  times > "$work/times"; c0=$(children_cpu); t0=$(now)
  set +e; "$@" >/dev/null 2>&1; rc=$?; set -e
  t1=$(now); times > "$work/times"; c1=$(children_cpu)
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }')
}
children_cpu() { # user+sys seconds of this shell's finished children, from bash's `times` (saved by timed)
  awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$work/times"
}
stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %.3f s, best %.3f s", m, v[1] }'; }
k_times=(); j_times=(); k_cpu=(); j_cpu=()
for i in $(seq "$runs"); do
  timed "$keepalived" -t -f "$conf"; k=$elapsed; k_rc=$rc; k_cpu+=("$cpu"); kc=$cpu
  timed "$root/javalived" -t -f "$conf"; j=$elapsed; j_rc=$rc; j_cpu+=("$cpu"); jc=$cpu
  echo "run $i: keepalived -t ${k}s wall ${kc}s cpu (exit $k_rc)   javalived -t ${j}s wall ${jc}s cpu (exit $j_rc)"
  k_times+=("$k"); j_times+=("$j")
done
echo "keepalived -t wall: $(printf '%s\n' "${k_times[@]}" | stats)   cpu: $(printf '%s\n' "${k_cpu[@]}" | stats)"
echo "javalived  -t wall: $(printf '%s\n' "${j_times[@]}" | stats)   cpu: $(printf '%s\n' "${j_cpu[@]}" | stats)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
