#!/usr/bin/env bash
# Benchmark (not a test): inbound message to reply, through the demo clinic (its knowledge answers the question), from
# the webhook's commit to the reply's send command stored at the gateway: first one message at a time (the latency of a
# message that waits for nothing), then a burst, 8 at a time (how many a second the suite answers). Needs the suite up
# (deploy/local/up.sh, with its demo clinic). bench.sh runs it as its third stage and reads its last line:
# asked|answered|p50|p99 one at a time, then asked|answered|p50|p99|per second of the burst, and the automation runs beside it.
#   deploy/local/bench-answers.sh [one at a time] [burst]     (default 40 and 400; FT9_BENCH_QUICK=1: 5 and 40)
# preceded by a warm-up burst that is not counted (FT9_BENCH_ANSWERS_WARMUP, 2,000 questions; none when quick).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
port_open 127.0.0.1 8086 || fail "whatsapp-gateway is not up on :8086; start the suite with deploy/local/up.sh"
tidy_database_for_bench
demo_org="$FT9_DEMO_ORG_ID"
replies() { # contact prefix, since → "asked|answered|p50|p99|per second"
  local sql="from gateway.message i join gateway.contact c on c.id = i.contact_id
    left join gateway.message o on o.in_reply_to_message_id = i.id and o.origin = 'bot'
    where i.org_id = '$demo_org' and i.direction = 'IN' and i.created_at >= '$2' and c.wa_id like '$1%'" started=$(date +%s) pending
  while :; do
    pending="$(pg_admin -d "$PG_DB" -Atc "select count(*) filter (where o.id is null) $sql" </dev/null)"
    [ "$pending" = 0 ] && break
    [ $(( $(date +%s) - started )) -gt 300 ] && { say "$pending questions still unanswered after 300 s" >&2; break; }
    sleep 0.5
  done
  pg_admin -d "$PG_DB" -Atc "select count(i.id), count(o.id),
    round(percentile_cont(0.5) within group (order by extract(epoch from o.created_at - i.created_at) * 1000)::numeric, 0),
    round(percentile_cont(0.99) within group (order by extract(epoch from o.created_at - i.created_at) * 1000)::numeric, 0),
    round((count(o.id) / greatest(extract(epoch from max(o.created_at) - min(i.created_at)), 0.001))::numeric, 1) $sql" </dev/null
}
if [ "${FT9_BENCH_QUICK:-0}" = 1 ]; then single=5; n=40; else single=40; n=400; fi
single="${1:-$single}"; n="${2:-$n}"
# Benchmarks are real use: on the demo clinic's plan it can use up the month's answers, and the assistant then
# pauses (as it should). Platform staff give the demo clinic the Enterprise plan first, which also lifts a pause.
root_token="$(curl -fs -X POST http://127.0.0.1:8081/api/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"root@ft9.com.br\",\"password\":\"$FT9_SUPERADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
plan() {
  curl -fs -o /dev/null -X PUT "http://127.0.0.1:8083/api/billing/organizations/$demo_org/subscription" -H "Authorization: Bearer $root_token" \
    -H 'Content-Type: application/json' -d "{\"plan\":\"$1\"}" || say "could not give the demo clinic the $1 plan"
}
unpaused() {
  for _ in $(seq 1 60); do
    [ "$(pg_admin -d "$PG_DB" -Atc "select count(*) from memory.answer_quota where org_id = '$demo_org'" </dev/null)" = 0 ] && return 0
    sleep 0.5
  done
  return 1
}
plan ENTERPRISE
# Only a change of plan lifts a pause: a clinic already on Enterprise that was paused (by a quota notice of another
# plan, e.g. from tests run against the same broker) goes through Professional and back.
unpaused || { plan PROFESSIONAL; plan ENTERPRISE; unpaused; } \
  || fail "the demo clinic's assistant stays paused (memory.answer_quota): the figures would count no answer"
generators="$(bench_generators)" || exit 1
db_now() { pg_admin -d "$PG_DB" -Atc "select now()" </dev/null; }
ask_demo() { # questions, how many at a time, contacts' prefix: signed webhooks asking the demo clinic the same question
  java -cp "$generators" WebhookBenchmark "http://127.0.0.1:8086" "$WHATSAPP_APP_SECRET" "$DEMO_PHONE_NUMBER_ID" "$1" "$2" \
    "Vocês aceitam o convênio Unimed?" "$3" >/dev/null
}
# A warm-up, not counted (FT9_BENCH_ANSWERS_WARMUP questions, 2,000 by default, 0 in a quick run): after a start, or
# after stages that exercise only the gateway, the answering path's JIT still compiles, and a sustained rate measured
# then counts the compiler. Its own contacts (55116...), its own figures, printed apart.
if [ "${FT9_BENCH_QUICK:-0}" = 1 ]; then warm=0; else warm=2000; fi
warm="${FT9_BENCH_ANSWERS_WARMUP:-$warm}"
if [ "$warm" -gt 0 ]; then
  since="$(db_now)"
  say "warm-up, not counted: $warm questions to the demo clinic, 8 at a time"
  ask_demo "$warm" 8 55116
  IFS='|' read -r warm_asked warm_answered _ _ warm_rate <<< "$(replies 55116 "$since")"
  say "warm-up: $warm_answered of $warm_asked answered, $warm_rate a second"
  wait_inbound_consumers_idle >/dev/null
fi
since="$(db_now)"
say "inbound to reply: $single questions to the demo clinic, one at a time"
for _ in $(seq 1 "$single"); do
  ask_demo 1 1 "55117$(rand_digits 3)"
  sleep 1
done
IFS='|' read -r single_asked single_answered single_p50 single_p99 _ <<< "$(replies 55117 "$since")"
since="$(db_now)"
say "inbound to reply: $n questions to the demo clinic, 8 at a time"
before="$(suite_accounting)"
ask_demo "$n" 8 55118
IFS='|' read -r asked answered reply_p50 reply_p99 reply_rate <<< "$(replies 55118 "$since")"
# The demo clinic's automations run beside the answers and take their share of the CPU: its welcome for every new
# contact (each question here comes from one), and its reply out of hours when the clinic is closed (by the clock of
# the run: figures taken by day and by night differ by that work). Counted once flow-service has read every message,
# so that runs can be compared.
wait_inbound_consumers_idle >/dev/null
# Where the burst's CPU went, each process from its own accounting, once every consumer has read it all (the load
# generator's own CPU is not in it; the relays' and pollers' idle work of those seconds is).
cpu="$(cpu_per_operation "$before" "$(suite_accounting)" "$asked" answer)"
IFS='|' read -r automation_runs runs_by_automation <<< "$(pg_admin -d "$PG_DB" -Atc "select coalesce(sum(n), 0),
  coalesce(string_agg(name || ' ' || n, ', ' order by name), 'none') from (select a.name, count(*) n from flow.run r
  join flow.automation a on a.id = r.automation_id where r.org_id = '$demo_org' and r.contact_wa_id like '55118%'
  and r.status <> 'SKIPPED' group by a.name) runs" </dev/null)"
# The benchmark's contacts leave the demo clinic's inbox (their use stays counted in billing, as real use would).
ours="similar to '5511[678]%'"  # the warm-up's, one at a time's and the burst's contacts
pg_admin -d "$PG_DB" -c "delete from gateway.message where org_id = '$demo_org' and contact_id in (select id from gateway.contact
  where org_id = '$demo_org' and wa_id $ours); delete from gateway.conversation where org_id = '$demo_org' and
  contact_id in (select id from gateway.contact where org_id = '$demo_org' and wa_id $ours);
  delete from gateway.contact where org_id = '$demo_org' and wa_id $ours;
  delete from flow.run where org_id = '$demo_org' and contact_wa_id $ours;
  delete from flow.flow_contact where org_id = '$demo_org' and wa_id $ours" </dev/null >/dev/null
say "one at a time: $single_answered of $single_asked answered, p50 $single_p50 ms, p99 $single_p99 ms"
say "burst: $answered of $asked answered, $reply_rate a second, p50 $reply_p50 ms, p99 $reply_p99 ms"
say "burst: $cpu"
say "automation runs beside the burst's answers: ${automation_runs:-0} (${runs_by_automation:-none})"
echo "$single_asked|$single_answered|$single_p50|$single_p99|$asked|$answered|$reply_p50|$reply_p99|$reply_rate|${automation_runs:-0}"
