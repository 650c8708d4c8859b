#!/usr/bin/env bash
# Benchmark (not a test): flow-service's trigger-to-action throughput and latency for message_received automations.
# A benchmark organisation gets one ACTIVE keyword automation; N contacts' messages go to ft9.whatsapp.inbound and the
# send commands are read back from ft9.whatsapp.outbound. Needs the suite up (deploy/local/up.sh).
#   deploy/local/bench-flow.sh [messages]     (default 1000: a burst, published at once; its drain rate is the runs/s)
#   FT9_BENCH_HISTORY=N the benchmark's organisation starts with N runs of history (100000 by default; 0 for none)
#   FT9_BENCH_FLOW_WARMUP=N a burst of N messages first, not counted (0 by default)
#   FT9_BENCH_FLOW_RATES=250,500 then each constant arrival rate for FT9_BENCH_FLOW_SECONDS (10) seconds (none by default)
# After the run it prints, over all its messages (warm-up, burst and rates), each process's CPU a message from the
# processes' own accounting (/proc) and the suite database's commits a message (pg_stat_database), 8 s after the last
# send command so that the consumers behind it have caught up. Compare runs on a warm suite: the JIT keeps improving
# over the first ~20,000 messages.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
messages="${1:-1000}"
port_open 127.0.0.1 8085 || fail "flow-service is not up on :8085; start the suite with deploy/local/up.sh"
tidy_database_for_bench
org="$(cat /proc/sys/kernel/random/uuid)"
write_flow_bench_history "$org"
write_flow_bench_contacts "$org" "${FT9_BENCH_FLOW_WARMUP:-0}" "$messages" "${FT9_BENCH_FLOW_RATES:-}" "${FT9_BENCH_FLOW_SECONDS:-10}"
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $messages messages, one automation, organisation $org"
before="$(suite_accounting)"
java -Dwarmup="${FT9_BENCH_FLOW_WARMUP:-0}" -Drates="${FT9_BENCH_FLOW_RATES:-}" -Dseconds="${FT9_BENCH_FLOW_SECONDS:-10}" \
  -cp "$FT9_RUN/kafka/libs/*" "$FT9_LOCAL/bench/FlowBenchmark.java" "http://127.0.0.1:8085" "$KAFKA_HOST:$KAFKA_PORT" \
  "$FT9_JWT_PRIVATE_KEY" "$FT9_JWT_KEY_ID" "$org" "$messages" 2>&1 | grep -v -E "^SLF4J|WARN|INFO"
sleep 8
total=$(( ${FT9_BENCH_FLOW_WARMUP:-0} + messages ))
rates="${FT9_BENCH_FLOW_RATES:-}"
for rate in ${rates//,/ }; do total=$(( total + rate * ${FT9_BENCH_FLOW_SECONDS:-10} )); done
cpu_per_operation "$before" "$(suite_accounting)" "$total" message
# The benchmark's organisation leaves nothing behind in flow-service, nor its contacts, conversations and replies in the gateway.
forget_flow_bench_history "$org"
pg_admin -d "$PG_DB" -c "delete from gateway.message where org_id = '$org'; delete from gateway.conversation where org_id = '$org';
  delete from gateway.contact where org_id = '$org'; delete from gateway.message_journey where org_id = '$org';
  delete from gateway.inbox_event where org_id = '$org';
  delete from gateway.event_outbox where org_id = '$org';
  delete from flow.claims_announced where org_id = '$org'; delete from memory.automation_claims where org_id = '$org'" </dev/null >/dev/null
