# Sourced by .ci/run: a Java runtime for the Spark engine's tests (pyspark 4 needs Java 17 or later). Installs
# Debian's openjdk-17-jre-headless when no `java` is on PATH, and exports CHOKEPOINTS_REQUIRE_SPARK=1 so that the
# Spark half of the engine-parametrised tests fails, rather than skips, if Spark cannot start.
ck_java() {
    export CHOKEPOINTS_REQUIRE_SPARK=1
    export SPARK_LOCAL_IP=127.0.0.1  # one loopback address: no hostname lookups, no warnings about them
    if ! command -v java >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless \
            >/dev/null) || return 1
    fi
    java -version 2>&1 | head -1
}
