#!/usr/bin/env bash
# Start-to-ready time and resident memory of javalived and keepalived 2.2.7 for the seed's lb01 config.
# Usage: daemon/bench/start-to-ready.sh [RUNS]   (root; needs ip, keepalived)
# Each run: a fresh network namespace with eth0 10.0.0.5/24 (a veth whose peer sits in a second namespace;
# no route out), the daemon started in it with the seed config, "ready" = the log line
# "(oldboy) Entering BACKUP STATE" (the instance runs: sockets open, timers armed), memory = the summed VmRSS
# of the daemon's processes 5 s after it became MASTER. Prints each run and the medians.
# JAVALIVED_ARGS adds options to javalived (e.g. "--status-listen off" to see what the status endpoint costs).
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
"$root/javalived" -v >/dev/null   # build once, outside the timing
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { local t=0; for p in "$@"; do t=$(( t + $(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0) )); done; echo $t; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() { # name, command...
  local name=$1; shift
  local log="$work/$name.log"; : > "$log"
  local t0; t0=$(now_ms)
  ip netns exec $A "$@" > "$log" 2>&1 &
  local pid=$! ready=-1 master=0
  for _ in $(seq 1 3000); do
    if [ $ready -lt 0 ] && grep -q 'Entering BACKUP STATE' "$log"; then ready=$(( $(now_ms) - t0 )); fi
    if grep -q 'Entering MASTER STATE' "$log"; then master=1; break; fi
    sleep 0.01
  done
  sleep 5
  local pids; pids=$(ip netns pids $A | tr '\n' ' ')
  local rss; rss=$(rss_kb $pids)
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do [ -z "$(ip netns pids $A)" ] && break; sleep 0.05; done
  for p in $(ip netns pids $A); do kill -9 "$p" 2>/dev/null || true; done
  ip -n $A addr del 10.0.0.3/24 dev eth0 2>/dev/null || true
  [ $master = 1 ] || { echo "$name did not become MASTER; log:" >&2; tail -20 "$log" >&2; }
  echo "$ready $(( rss / 1024 ))"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -a jr jm kr km
for i in $(seq 1 "$runs"); do
  read -r r m < <(measure javalived env JAVALIVED_NO_BUILD=1 "$root/javalived" -n -l -f "$work/lb01.conf" \
      -p "$work/j.pid" -r "$work/j_vrrp.pid" -c "$work/j_checkers.pid" --state-file "$work/j.state.json" ${JAVALIVED_ARGS:-})
  jr+=("$r"); jm+=("$m")
  read -r r m < <(measure keepalived keepalived -n -l -f "$work/lb01.conf" \
      -p "$work/k.pid" -r "$work/k_vrrp.pid" -c "$work/k_checkers.pid")
  kr+=("$r"); km+=("$m")
  echo "run $i: javalived ready ${jr[-1]} ms, RSS ${jm[-1]} MB; keepalived ready ${kr[-1]} ms, RSS ${km[-1]} MB"
done
echo "median javalived: ready $(printf '%s\n' "${jr[@]}" | median) ms, RSS $(printf '%s\n' "${jm[@]}" | median) MB"
echo "median keepalived: ready $(printf '%s\n' "${kr[@]}" | median) ms, RSS $(printf '%s\n' "${km[@]}" | median) MB"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
