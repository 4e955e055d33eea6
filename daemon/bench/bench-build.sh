# Sourced (from the repository's root) by the daemon benches run in namespaces beside keepalived: one reactor build
# of what ./javalived runs (daemon and drill: the stamp below says it is current) with the test classes, the test
# classpath in $cp, and the machine line.
./mvnw -q -o -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/drill.cp \
  -Dmdep.includeScope=test -pl daemon,drill -am >/dev/null
touch daemon/target/.javalived-built
# A daemon command line trains the daemon's AOT cache before the JVM starts (then this one exits: no such file), so
# the bench's first javalived start does not.
./javalived -n -f daemon/target/.no-such-config >/dev/null 2>&1 || true
cp="daemon/target/test-classes:daemon/target/classes:$(cat daemon/target/drill.cp)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
