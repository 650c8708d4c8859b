#!/usr/bin/env bash
# Benchmark (not a test): signed WhatsApp webhook POSTs accepted per second by the running
# whatsapp-gateway, with p50/p99 latency, then how long the outbox took to publish them to Kafka
# (producer acks=all). Needs the suite up (deploy/local/up.sh).
#   deploy/local/bench-webhook.sh [requests] [concurrency]     (defaults 5000 and 32; a closed loop of N clients)
#   deploy/local/bench-webhook.sh --rate R [seconds]           (open loop: R webhooks a second for 10 s by default,
#                                                              latency from each one's due time, CPU per webhook of
#                                                              the gateway, PostgreSQL and the consumers)
#   deploy/local/bench-webhook.sh --ingest-alone --rate R [seconds]
#                                                              (the same with memory-, flow- and billing-service
#                                                              stopped: ingest alone; when it ends they are moved past
#                                                              the messages sent meanwhile, the benchmark's and any
#                                                              other, and started again)
#   FT9_BENCH_HISTORY=N the benchmark's organisation starts with N messages of history (100000 by default; 0 for none)
#   FT9_BENCH_WARMUP=S first sends S seconds at the same rate, not counted (the steady state: a just started gateway
#   spends a third or more of its CPU in the JIT for minutes)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
rate="" alone=0
if [ "${1:-}" = --ingest-alone ]; then alone=1; shift; [ "${1:-}" = --rate ] || fail "--ingest-alone goes with --rate"; fi
if [ "${1:-}" = --rate ]; then rate="${2:?--rate needs webhooks per second}"; seconds="${3:-10}"; fi
requests="${1:-5000}"
concurrency="${2:-32}"
port_open 127.0.0.1 8086 || fail "whatsapp-gateway is not up on :8086; start the suite with deploy/local/up.sh"

# A number routed to a benchmark organisation, straight into the gateway's map (setup, not a path under test).
phone="9$(rand_digits 14)"
org="$(cat /proc/sys/kernel/random/uuid)"
pg_admin -d "$PG_DB" -c "insert into gateway.channel (phone_number_id, org_id, channel_id, display_phone_number, waba_id,
  access_token_sealed, updated_at) values ('$phone', '$org', gen_random_uuid(), '+55 11 0000-0000', '102290129340398', 'v1:bench', now())" \
  </dev/null >/dev/null || fail "could not route a benchmark number in the gateway's schema"

write_bench_history "$org" "$phone"
tidy_database_for_bench
consumers=(memory-service flow-service billing-service)
if [ "$alone" = 1 ]; then
  export_suite_env
  say "ingest alone: stopping ${consumers[*]} for the run"
  for s in "${consumers[@]}"; do stop_service "$s"; done
  consumers_back() {
    say "moving ${consumers[*]} past the messages sent while they were stopped, and starting them again"
    skip_inbound_backlog "${consumers[@]}"
    for s in "${consumers[@]}"; do start_service "$s"; done
    for s in "${consumers[@]}"; do await_ready "$s" || say "$s did not answer ready; see $FT9_LOGS/$s.log"; done
  }
  trap 'consumers_back; restore_database_after_bench' EXIT
fi
if [ -n "$rate" ]; then
  say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $rate signed webhooks a second for $seconds s (open loop)"
  # The processes whose CPU is counted: the gateway, PostgreSQL's (all of them: the backends serving the pools), and
  # the services that read every message.
  procs=("$(cat "$FT9_PIDS/whatsapp-gateway.pid")=gateway" "comm:postgres=postgresql")
  # (a consumer stopped for the run, to measure ingest alone, is left out)
  for s in "${consumers[@]}"; do
    pid="$(cat "$FT9_PIDS/$s.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null && procs+=("$pid=$s")
  done
  generators="$(bench_generators)" || exit 1
  java -cp "$generators" -Dwarmup="${FT9_BENCH_WARMUP:-0}" WebhookRateBenchmark "http://127.0.0.1:8086" "$WHATSAPP_APP_SECRET" "$phone" "$rate" "$seconds" "${procs[@]}"
else
  say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $requests signed webhooks, $concurrency at a time"
  generators="$(bench_generators)" || exit 1
  java -cp "$generators" WebhookBenchmark "http://127.0.0.1:8086" "$WHATSAPP_APP_SECRET" "$phone" "$requests" "$concurrency"
fi

start=$(date +%s%N)
while :; do
  pending="$(pg_admin -d "$PG_DB" -Atc "select count(*) from gateway.event_outbox where org_id = '$org' and published_at is null" </dev/null)"
  [ "$pending" = 0 ] && break
  [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 120 ] && { say "outbox still has $pending events after 120 s"; break; }
  sleep 0.2
done
published="$(pg_admin -d "$PG_DB" -Atc "select count(*) from gateway.event_outbox where org_id = '$org' and published_at is not null" </dev/null)"
say "outbox: $published message.received events published to Kafka (acks=all), the last $(( ($(date +%s%N) - start) / 1000000 )) ms after the last webhook was accepted"

# Accepted is not enough: a webhook the gateway drops (a number it does not know) is answered 200 too, as Meta expects.
stored="$(pg_admin -d "$PG_DB" -Atc "select count(*) from gateway.message where org_id = '$org'" </dev/null)"
say "messages stored for the benchmark's number: $stored"
[ "$stored" -gt 0 ] || say "WARNING: nothing was stored; the figures above measure dropped webhooks"

# The benchmark's organisation leaves nothing behind.
pg_admin -d "$PG_DB" -c "delete from gateway.message where org_id = '$org'; delete from gateway.conversation where org_id = '$org';
  delete from gateway.contact where org_id = '$org';
  delete from gateway.event_outbox where org_id = '$org'; delete from gateway.channel where org_id = '$org'" </dev/null >/dev/null
