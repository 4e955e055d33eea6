#!/usr/bin/env bash
# Start-to-ready time and resident memory of javalived and keepalived 2.2.7 for the seed's lb01 config, with both
# subsystems and with -P (VRRP only), then the short commands (-t, ipvsadm -Ln, status): every figure beside
# keepalived's from the same run, the implementations in turn within each run, medians at the end.
# Usage: daemon/bench/start-to-ready.sh [RUNS]   (root; needs ip, keepalived, ipvsadm)
# Each daemon run: a fresh network namespace with eth0 10.0.0.5/24 (a veth whose peer sits in a second namespace;
# no route out), the daemon started in it with the seed config, "ready" = the log line
# "(oldboy) Entering BACKUP STATE" (the instance runs: sockets open, timers armed), memory = the summed VmRSS
# of the daemon's processes 5 s after it became MASTER. javalived's threads are counted then too.
# Short commands, in the same namespace: wall time and peak RSS (/usr/bin/time) of `javalived -t -f lb01.conf`
# beside `keepalived -t -f lb01.conf`, `javalived ipvsadm -Ln` beside `ipvsadm -Ln` (this host has no IPVS: both
# answer that; the VM's kernel has it), and `javalived status` against the running javalived -P (keepalived has no
# such command: no figure beside it).
# JAVALIVED_ARGS adds options to javalived (e.g. "--status-listen off" to see what the status endpoint costs).
# JAVALIVED_B=/other/checkout/javalived runs a second javalived (another build or launcher) in each run as well,
# reported as javalived-B: an A/B in the same run.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/start-to-ready.XXXXXX)
A=bench$$a; B=bench$$b
cleanup() {
  for p in $(ip netns pids $A 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
ip netns add $A; ip netns add $B
ip -n $A link set lo up
ip -n $A link add eth0 type veth peer name peer0 netns $B
ip -n $A addr add 10.0.0.5/24 dev eth0; ip -n $A link set eth0 up; ip -n $B link set peer0 up
cp "$root/examples/lb01/keepalived.conf" "$work/lb01.conf"
"$root/javalived" -v >/dev/null   # build (and train the short commands' AOT cache) once, outside the timing
[ -z "${JAVALIVED_B:-}" ] || "$JAVALIVED_B" -v >/dev/null
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { local t=0; for p in "$@"; do t=$(( t + $(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0) )); done; echo $t; }
cpu_ms() { local t=0; for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0) )); done; echo $(( t * 1000 / $(getconf CLK_TCK) )); }
threads() { local t=0; for p in "$@"; do t=$(( t + $(ls /proc/$p/task 2>/dev/null | wc -l) )); done; echo $t; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME STATUS_CMD command...: prints "ready_ms rss_mb threads status_ms cpu_ms" (status_ms 0 when STATUS_CMD
# is "-"; cpu_ms: user+system CPU time the daemon's processes had used when it was ready, which the machine's load
# changes less than the wall time)
measure() {
  local name=$1 status_cmd=$2; shift 2
  local log="$work/$name.log"; : > "$log"
  local t0; t0=$(now_ms)
  ip netns exec $A "$@" > "$log" 2>&1 &
  local ready=-1 master=0 cpu=0
  for _ in $(seq 1 3000); do
    if [ $ready -lt 0 ] && grep -q 'Entering BACKUP STATE' "$log"; then
      ready=$(( $(now_ms) - t0 )); cpu=$(cpu_ms $(ip netns pids $A))
    fi
    if grep -q 'Entering MASTER STATE' "$log"; then master=1; break; fi
    sleep 0.01
  done
  sleep 5
  local pids; pids=$(ip netns pids $A | tr '\n' ' ')
  local rss; rss=$(rss_kb $pids)
  local nthreads; nthreads=$(threads $pids)
  local status_ms=0
  if [ "$status_cmd" != - ]; then
    local s0; s0=$(now_ms)
    ip netns exec $A $status_cmd >/dev/null 2>&1 || echo "$name: status failed" >&2
    status_ms=$(( $(now_ms) - s0 ))
  fi
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do [ -z "$(ip netns pids $A)" ] && break; sleep 0.05; done
  for p in $(ip netns pids $A); do kill -9 "$p" 2>/dev/null || true; done
  ip -n $A addr del 10.0.0.3/24 dev eth0 2>/dev/null || true
  [ $master = 1 ] || { echo "$name did not become MASTER; log:" >&2; tail -20 "$log" >&2; }
  echo "$ready $(( rss / 1024 )) $nthreads $status_ms $cpu"
}

# short NAME command...: wall ms and peak RSS (MB) of one run of a command that exits
short() {
  local name=$1; shift
  local t0; t0=$(now_ms)
  ip netns exec $A /usr/bin/time -f '%M' -o "$work/$name.time" "$@" >/dev/null 2>&1 || true
  echo "$(( $(now_ms) - t0 )) $(( $(tail -1 "$work/$name.time") / 1024 ))"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "javalived at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')${JAVALIVED_B:+; javalived-B: $JAVALIVED_B}"
declare -A R M T S C
impls=(javalived keepalived); [ -z "${JAVALIVED_B:-}" ] || impls=(javalived javalived-B keepalived)
launcher() { case $1 in javalived) echo "$root/javalived" ;; javalived-B) echo "$JAVALIVED_B" ;; esac; }
# A daemon command line first: the launcher trains the daemon's AOT cache before it starts the JVM (which then exits:
# no such file), so no timed start includes the training.
for impl in "${impls[@]}"; do
  [ $impl = keepalived ] || "$(launcher $impl)" -n -f "$work/no-such.conf" >/dev/null 2>&1 || true
done
for i in $(seq 1 "$runs"); do
  for mode in both -P; do
    flag=; [ $mode = -P ] && flag=-P
    line="run $i, $mode:"
    for impl in "${impls[@]}"; do
      if [ $impl = keepalived ]; then
        read -r r m t s c < <(measure "$impl$mode" - keepalived -n -l $flag -f "$work/lb01.conf" \
            -p "$work/k.pid" -r "$work/k_vrrp.pid" -c "$work/k_checkers.pid")
      else
        j=$(launcher $impl); st="$work/$impl.state.json"
        status_cmd=-; [ $mode = -P ] && status_cmd="env JAVALIVED_NO_BUILD=1 $j status --state-file $st"
        read -r r m t s c < <(measure "$impl$mode" "$status_cmd" env JAVALIVED_NO_BUILD=1 "$j" -n -l $flag \
            -f "$work/lb01.conf" -p "$work/$impl.pid" -r "$work/${impl}_vrrp.pid" -c "$work/${impl}_checkers.pid" \
            --state-file "$st" ${JAVALIVED_ARGS:-})
        [ $mode = -P ] && S[$impl]+="$s "
      fi
      R[$impl$mode]+="$r "; M[$impl$mode]+="$m "; T[$impl$mode]+="$t "; C[$impl$mode]+="$c "
      line+=" $impl ${r} ms (CPU ${c} ms) ${m} MB ${t} threads;"
    done
    echo "$line"
  done
  line="run $i, short commands:"
  for impl in "${impls[@]}"; do
    if [ $impl = keepalived ]; then
      k=k; tcmd=(keepalived -t -f "$work/lb01.conf"); icmd=(ipvsadm -Ln)
    else
      k=$impl; j=$(launcher $impl)
      tcmd=(env JAVALIVED_NO_BUILD=1 "$j" -t -f "$work/lb01.conf"); icmd=(env JAVALIVED_NO_BUILD=1 "$j" ipvsadm -Ln)
    fi
    read -r w m < <(short $k-t "${tcmd[@]}"); R[$k-t]+="$w "; M[$k-t]+="$m "; line+=" $impl -t $w ms,"
    read -r w m < <(short $k-ipvsadm "${icmd[@]}"); R[$k-ipvsadm]+="$w "; M[$k-ipvsadm]+="$m "; line+=" ipvsadm -Ln $w ms;"
  done
  echo "$line"
done
med() { printf '%s\n' $1 | median; }
echo "medians of $runs runs:"
for mode in both -P; do
  for impl in "${impls[@]}"; do
    printf '  %-5s %-12s ready %5s ms  CPU to ready %5s ms  RSS %5s MB  threads %s\n' "$mode" "$impl" \
      "$(med "${R[$impl$mode]}")" "$(med "${C[$impl$mode]}")" "$(med "${M[$impl$mode]}")" "$(med "${T[$impl$mode]}")"
  done
  printf '  %-5s ratio javalived/keepalived: ready %s, RSS %s\n' "$mode" \
    "$(awk -v a="$(med "${R[javalived$mode]}")" -v b="$(med "${R[keepalived$mode]}")" 'BEGIN {printf "%.1fx", a/b}')" \
    "$(awk -v a="$(med "${M[javalived$mode]}")" -v b="$(med "${M[keepalived$mode]}")" 'BEGIN {printf "%.1fx", a/b}')"
done
for impl in "${impls[@]}"; do
  k=$impl; [ $impl = keepalived ] && k=k
  printf '  short %-12s -t %5s ms (peak RSS %s MB)  ipvsadm -Ln %5s ms (peak RSS %s MB)' "$impl" \
    "$(med "${R[$k-t]}")" "$(med "${M[$k-t]}")" "$(med "${R[$k-ipvsadm]}")" "$(med "${M[$k-ipvsadm]}")"
  [ $impl = keepalived ] && echo "  (ipvsadm: the ipvsadm 1.31 binary)" || echo "  status %s ms" | sed "s/%s/$(med "${S[$impl]}")/"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
