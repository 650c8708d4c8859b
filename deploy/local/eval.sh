#!/usr/bin/env bash
# Evaluation (not a test): how well the assistant answers, with memory-service's own retrieval, hand-off rule and
# excerpts, on FaQuAD's dev set (249 pt-BR questions over 249 passages) and on FT9's colloquial WhatsApp questions to
# the demo clinic's FAQs. Prints the table docs/retrieval.md and the README quote. Needs no server.
#   deploy/local/eval.sh          the figures
#   deploy/local/eval.sh tune     also the hand-off thresholds' grid on the tuning half (how they were chosen)
#   FT9_EVAL_MISSES=1 deploy/local/eval.sh   also, on standard error, each FaQuAD answer missing the expected text (MISS),
#                                           each answerable question handed off (HANDOFF) and each unanswerable one
#                                           answered (WRONG), with the figures the hand-off rule read
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FT9_ROOT"
ensure_hunspell
say "building memory-service's test classes (log: ${FT9_LOGS#$FT9_ROOT/}/eval-build.log)"
mkdir -p "$FT9_LOGS"
mvn -B -ntp -q -pl memory-service -am install -DskipTests > "$FT9_LOGS/eval-build.log" 2>&1
mvn -B -ntp -q -pl memory-service test-compile dependency:build-classpath -Dmdep.outputFile=target/eval.classpath \
  -Dmdep.includeScope=test >> "$FT9_LOGS/eval-build.log" 2>&1
java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${FT9_EVAL_MISSES:+-Dft9.eval.misses=true} \
  -cp "memory-service/target/test-classes:memory-service/target/classes:$(cat memory-service/target/eval.classpath)" \
  br.ft9.memory.eval.AnswerEvaluation "$@" 2> >(grep -v -E "SLF4J|Log4j|LogManager" >&2)
