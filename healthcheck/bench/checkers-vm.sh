#!/bin/sh
# The checker benchmark on real IPVS (BENCHMARKS.md, "Health checkers"): inside the lab VM (lab/bin/vm-run,
# Debian kernel with IPVS under qemu TCG), keepalived's checker and javalived's, one after the other in one
# boot, each as its real daemon (-C) on the same generated keepalived.conf of N real servers with TCP_CHECK
# (delay_loop 1, connect_timeout 1, retry 1, delay_before_retry 1) against N loopback listeners in a process
# of their own. Prints, for each: checks/s, checker CPU and memory in steady state, and the time from a
# server that stops answering to its leaving the kernel's table. Needs root (the VM).
# Usage: healthcheck/bench/checkers-vm.sh [sizes=10000,1000] [hung=auto] [measureSeconds=30] [warmupSeconds=20]
#                                          [daemons=keepalived,javalived]
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
# The host's load average and how many qemu VMs run on it (this one included), every 5 s while the VM runs:
# qemu's 2 vCPUs are this machine's 2 cores, so another VM or build slows the guest. The guest reads the last line.
( while :; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) $(ps -C qemu-system-x86_64 --no-headers | wc -l)"; sleep 5; done ) > "$out/host-load.txt" &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT INT TERM
status=0
lab/bin/vm-run -m 3072 -t 3600 -w "$out" -- sh -c 'ulimit -n 200000 && exec "$0" "$@"' \
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$CP" \
  io.javalived.healthcheck.bench.CheckerVmBench "$root" "$out" "$sizes" "$hung" "$measure" "$warmup" "$daemons" || status=$?
kill $sampler 2>/dev/null || true
echo "host load average (1 min) while the VM ran: $(awk '{print $2}' "$out/host-load.txt" | sort -n | sed -n '1p;$p' | paste -sd- -), qemu VMs on the host: at most $(awk '{print $5}' "$out/host-load.txt" | sort -n | tail -1) (every 5 s in $out/host-load.txt); $(date -u '+%H:%M UTC')"
exit $status
