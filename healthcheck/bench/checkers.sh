#!/bin/sh
# The checker benchmark (BENCHMARKS.md): N real servers with TCP_CHECK at delay_loop 1 against loopback
# listeners. Prints checker CPU in steady state and detection latency for servers that stop answering.
# Usage: healthcheck/bench/checkers.sh [servers=10000] [hung=200] [measureSeconds=30]
# BENCH_JAVA_OPTS=-Djavalived.tcp_check=netty runs TCP_CHECK on the Netty prober it replaced (A/B).
set -e
ulimit -n 65536 2>/dev/null || true  # 10,000 listeners + the probes' sockets
cd "$(dirname "$0")/../.."
. bin/find-jdk25.sh
./mvnw -o -q -B -pl healthcheck -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="healthcheck/target/test-classes:healthcheck/target/classes:$(cat healthcheck/target/bench-classpath.txt)"
exec java $BENCH_JAVA_OPTS -Xms256m -Xmx512m -Dlogback.configurationFile=healthcheck/bench/logback-bench.xml -cp "$CP" io.javalived.healthcheck.bench.CheckerBench "$@"
