#!/usr/bin/env bash
# Benchmark (not a test): memory-service's embedding throughput, query-embedding latency and hybrid search
# latency p50/p99 at 10k and 100k passages in one organisation (others loaded too). Needs no server.
#   deploy/local/bench-search.sh
#   FT9_BENCH_JAVA_OPTS="-Xmx2g -XX:+UseSerialGC" deploy/local/bench-search.sh   the JVM's options (default -Xmx2g)
#   FT9_BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java FT9_BENCH_JAVA_OPTS="-Xmx2g --add-modules jdk.incubator.vector" ...   another JDK
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FT9_ROOT"
say "building memory-service's test classes (log: $FT9_LOGS/bench-search-build.log)"
mkdir -p "$FT9_LOGS"
# common alone is installed: packaging memory-service here would replace the jar (and its class archive) of a
# memory-service the suite is running from.
mvn -B -ntp -q -pl common -am install -DskipTests > "$FT9_LOGS/bench-search-build.log" 2>&1
mvn -B -ntp -q -pl memory-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >> "$FT9_LOGS/bench-search-build.log" 2>&1
"${FT9_BENCH_JAVA:-java}" ${FT9_BENCH_JAVA_OPTS:--Xmx2g} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "memory-service/target/test-classes:memory-service/target/classes:$(cat memory-service/target/bench.classpath)" \
  br.ft9.memory.bench.SearchBenchmark
