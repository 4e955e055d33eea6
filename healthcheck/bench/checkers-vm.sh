#!/bin/sh
# The checker benchmark on real IPVS (BENCHMARKS.md, "Health checkers"): inside the lab VM (lab/bin/vm-run,
# Debian kernel with IPVS under qemu TCG), keepalived's checker and javalived's, one after the other in one
# boot, each as its real daemon (-C) on the same generated keepalived.conf of N real servers with TCP_CHECK
# (delay_loop 1, connect_timeout 1, retry 1, delay_before_retry 1) against N loopback listeners in a process
# of their own. Prints, for each: checks/s, checker CPU and memory in steady state, and the time from a
# server that stops answering to its leaving the kernel's table. Needs root (the VM).
# Usage: healthcheck/bench/checkers-vm.sh [sizes=10000,1000] [hung=auto] [measureSeconds=30] [warmupSeconds=20]
#                                          [daemons=keepalived,javalived]
# daemons may also name javalived-netty (TCP_CHECK on the Netty prober, -Djavalived.tcp_check=netty) or javalived-c2
# (the JVM's C2 compiler as well as C1: -XX:TieredStopAtLevel=4) for an A/B.
# JAVALIVED_BENCH_STRACE_SECONDS=N: after the CPU window, strace -c the thread that runs the checks for N s and print
# its system calls per probe (keepalived's checker process, with -f; javalived's "checker" thread alone).
# Logs of each daemon (lines stamped on arrival) go to healthcheck/target/checkers-vm/.
set -e
cd "$(dirname "$0")/../.."
root=$PWD
. bin/find-jdk25.sh
sizes=${1:-10000,1000}
hung=${2:-auto}
measure=${3:-30}
warmup=${4:-20}
daemons=${5:-keepalived,javalived}
./mvnw -o -q -B -pl healthcheck -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
./javalived --version >/dev/null  # builds the daemon (and its AOT cache) on the host: the guest's files are read-only
CP="$root/healthcheck/target/test-classes:$root/healthcheck/target/classes:$(cat healthcheck/target/bench-classpath.txt)"
out="$root/healthcheck/target/checkers-vm"
rm -rf "$out" && mkdir -p "$out"
echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r); $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Every 5 s while the VM runs: UTC time, the host's load average (1/5/15 min), how many qemu VMs run on it (this one
# included), the host CPU (cores) used by everything but this VM, and CPU stolen by the hypervisor. qemu's 2 vCPUs are
# this machine's 2 cores, so any other work slows the guest and inflates the CPU times it measures. The guest reads
# the last line for each measuring window.
sample_host() {  # $1: vm-run's pid (qemu is its child)
  prev=""
  while kill -0 "$1" 2>/dev/null; do
    ours=0
    for p in $(pgrep -P "$1"); do
      ours=$((ours + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    now="$(date +%s.%N) $(awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat) $ours"
    if [ -n "$prev" ]; then
      echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) $(ps -C qemu-system-x86_64 --no-headers | wc -l) $(echo "$prev $now" |
        awk '{ wall = $5 - $1; printf "%.2f %.2f", (($6 - $2) - ($8 - $4)) / 100 / wall, ($7 - $3) / 100 / wall }')"
    fi
    prev=$now
    sleep 5
  done
}
status=0
lab/bin/vm-run -m 3072 -t 3600 -w "$out" -- sh -c 'ulimit -n 200000 && exec "$0" "$@"' \
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$CP" \
  io.javalived.healthcheck.bench.CheckerVmBench "$root" "$out" "$sizes" "$hung" "$measure" "$warmup" "$daemons" &
vm=$!
trap 'kill $vm $sampler 2>/dev/null || true' INT TERM  # vm-run stops its qemu (by pid) on SIGTERM
sample_host "$vm" > "$out/host-load.txt" &
sampler=$!
wait $vm || status=$?
kill $sampler 2>/dev/null || true
echo "host while the VM ran (every 5 s in $out/host-load.txt): load average (1 min) $(awk '{print $2}' "$out/host-load.txt" | sort -n | sed -n '1p;$p' | paste -sd- -), CPU used by others $(awk '{print $6}' "$out/host-load.txt" | sort -n | sed -n '1p;$p' | paste -sd- -) cores, stolen $(awk '{print $7}' "$out/host-load.txt" | sort -n | tail -1) cores at most, qemu VMs at most $(awk '{print $5}' "$out/host-load.txt" | sort -n | tail -1); $(date -u '+%H:%M UTC')"
exit $status
