# Sourced by ./javalived and ./mvnw: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, then the usual JDK folders. Says clearly when there is none.
# Plain shell, no subprocess in the common case: it runs at every start of ./javalived.
javalived_java_major() { # $1 = a java binary; sets javalived_major to its feature version (17, 25, ...)
  # The JDK's release file says it without starting a JVM (a tenth of a second at every launch); ask the
  # JVM only when there is no such file.
  local release="${1%/bin/java}/release" line
  javalived_major=
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"[0-9]*) line=${line#JAVA_VERSION=\"}; javalived_major=${line%%[!0-9]*}; break ;;
      esac
    done < "$release"
  fi
  if [ -z "$javalived_major" ]; then
    javalived_major=$("$1" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
}
javalived_find_jdk25() { # sets JAVALIVED_JDK
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    javalived_java_major "$candidate/bin/java"
    if [ -n "$javalived_major" ] && [ "$javalived_major" -ge 25 ]; then
      JAVALIVED_JDK=$candidate
      return 0
    fi
  done
  return 1
}
if ! javalived_find_jdk25; then
  echo "javalived: no JDK 25 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm, /opt)." >&2
  echo "javalived: install one (for example Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME="$JAVALIVED_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
