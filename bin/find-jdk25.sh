# Sourced by ./javalived and ./mvnw: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, then the usual JDK folders. Says clearly when there is none.
javalived_java_major() { # $1 = a java binary; prints its feature version (17, 25, ...)
  # The JDK's release file says it without starting a JVM (a tenth of a second at every launch); ask the
  # JVM only when there is no such file.
  local release="${1%/bin/java}/release" v
  if [ -f "$release" ] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1) && [ -n "$v" ]; then
    printf '%s\n' "$v"
    return 0
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
javalived_find_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(javalived_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}
if ! JAVALIVED_JDK=$(javalived_find_jdk25); then
  echo "javalived: no JDK 25 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm, /opt)." >&2
  echo "javalived: install one (for example Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME="$JAVALIVED_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
