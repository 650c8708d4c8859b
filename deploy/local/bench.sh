#!/usr/bin/env bash
# The suite's own benchmark (not a test): loads the running suite on loopback and prints a table, then writes it as
# JSON under deploy/local/bench-results/. Needs the suite up (deploy/local/up.sh, with its demo clinic).
#   1. RSS and startup time of each service;
#   2. webhook ingest: signed webhook POSTs/s and p50/p99/p99.9 at concurrency 1, 16 and 64 (WebhookBenchmark, a
#      load generator of our own: every request needs its own body and HMAC signature, which wrk or hey cannot make),
#      then at constant rates from 250 to 3,000 a second, with CPU per webhook (WebhookRateBenchmark, an open loop);
#   3. inbound message to reply: questions the demo clinic's knowledge answers, from the webhook's 200 to the reply's
#      send command reaching the gateway (extractive answers, local embeddings), p50/p99 and messages/s;
#   4. message_received automations: trigger to send command, runs/s of a burst, then p50/p99 at constant rates
#      (FlowBenchmark); then the same webhook -> condition -> HTTP request automation in FT9 and in n8n at constant
#      rates, runs/s and the ratio (bench-automations.sh, which installs n8n from npm the first time; FT9_BENCH_N8N=0 skips it);
#   5. knowledge search p50/p99 at 10k and 100k passages (SearchBenchmark; FT9_BENCH_SEARCH=0 skips it).
#   FT9_BENCH_QUICK=1 runs smaller loads (a check that the script works, not figures to report).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
for s in "${FT9_SERVICES[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$(service_port "$s")/q/health/ready" \
    || fail "$s is not up on port $(service_port "$s"); start the suite with deploy/local/up.sh"
done
quick="${FT9_BENCH_QUICK:-0}"
results="$FT9_LOCAL/bench-results"; mkdir -p "$results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"; out="$results/bench-$stamp.json"
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $("$(service_java)" -version 2>&1 | head -1 | tr -d '"')"
say "machine: $machine"
tidy_database_for_bench

# 1. Each service's start alone: stopped and started again one at a time, the others up (Quarkus's own "started in",
#    and the time from the java command to ready); its resident memory is read at the end, after the whole run.
services_json=(); starts=()
printf '\n%-18s %12s %12s\n' service "started (s)" "ready (s)"
export_suite_env
for s in "${FT9_SERVICES[@]}"; do
  stop_service "$s" >/dev/null
  began="$(date +%s.%N)"
  start_service "$s" append
  await_ready "$s" || fail "$s did not become ready again (log: $FT9_LOGS/$s.log)"
  ready="$(python3 -c "import sys; print(round($(date +%s.%N) - $began, 2))")"
  startup="$(grep -oE 'started in [0-9.]+s' "$FT9_LOGS/$s.log" 2>/dev/null | tail -1 | grep -oE '[0-9.]+')"
  printf '%-18s %12s %12s\n' "$s" "${startup:-?}" "$ready"
  starts+=("$s ${startup:-null} $ready")
done

# 2. Webhook ingest, to a number routed to a benchmark organisation (setup straight into the gateway's map).
phone="9$(rand_digits 14)"
bench_org="$(cat /proc/sys/kernel/random/uuid)"
pg_admin -d "$PG_DB" -c "insert into gateway.channel (phone_number_id, org_id, channel_id, display_phone_number, waba_id,
  access_token_sealed, updated_at) values ('$phone', '$bench_org', gen_random_uuid(), '+55 11 0000-0000', '102290129340398', 'v1:bench', now())" \
  </dev/null >/dev/null || fail "could not route a benchmark number in the gateway's schema"
write_bench_history "$bench_org" "$phone"
ingest_json=()
generators="$(bench_generators)" || exit 1
for c in 1 16 64; do
  if [ "$quick" = 1 ]; then n=200; elif [ "$c" = 1 ]; then n=2000; else n=6000; fi
  say "webhook ingest: $n signed webhooks, $c at a time"
  line="$(java -cp "$generators" WebhookBenchmark "http://127.0.0.1:8086" "$WHATSAPP_APP_SECRET" "$phone" "$n" "$c" | shown | tail -1)"
  ingest_json+=("$line")
done
# The same at constant arrival rates (an open loop: latency from each webhook's due time, CPU per webhook from the
# processes' own accounting), the consumers caught up before each rate.
open_json=()
procs=("$(cat "$FT9_PIDS/whatsapp-gateway.pid")=gateway" "comm:postgres=postgresql")  # every backend, also one opened later
for s in memory-service flow-service billing-service; do procs+=("$(cat "$FT9_PIDS/$s.pid")=$s"); done
# The first rate is preceded by a warm-up at that rate, not counted (FT9_BENCH_WARMUP seconds, 30 by default): minutes
# after a start the gateway's JIT still uses as much CPU as its event loops, which a 10 s figure would count.
if [ "$quick" = 1 ]; then rates=(100); open_seconds=2; warmup=0; else rates=(250 500 1000 2000 3000); open_seconds=10; warmup="${FT9_BENCH_WARMUP:-30}"; fi
for r in "${rates[@]}"; do
  wait_inbound_consumers_idle >/dev/null
  say "webhook ingest, open loop: $r signed webhooks a second for $open_seconds s"
  line="$(java -cp "$generators" -Dwarmup="$warmup" WebhookRateBenchmark "http://127.0.0.1:8086" "$WHATSAPP_APP_SECRET" "$phone" "$r" \
    "$open_seconds" "${procs[@]}" | shown | tail -1)"
  open_json+=("$line")
  warmup=0
done
start=$(date +%s)
while [ "$(pg_admin -d "$PG_DB" -Atc "select count(*) from gateway.event_outbox where org_id = '$bench_org' and published_at is null" </dev/null)" != 0 ] \
      && [ $(( $(date +%s) - start )) -lt 120 ]; do sleep 0.2; done
ingest_lag_ms=$(( ($(date +%s) - start) * 1000 ))
# Accepted is not enough: a webhook the gateway drops (a number it does not know) is answered 200 too, as Meta expects.
ingest_stored="$(pg_admin -d "$PG_DB" -Atc "select count(*) from gateway.message where org_id = '$bench_org'" </dev/null)"
say "messages stored for the benchmark's number: $ingest_stored"
[ "$ingest_stored" -gt 0 ] || fail "nothing was stored: the ingest figures would measure dropped webhooks"
say "waiting for memory-, flow- and billing-service to read the ingested messages"
drain_seconds="$(wait_inbound_consumers_idle)"
say "they had read them all $drain_seconds s after the last webhook"
pg_admin -d "$PG_DB" -c "delete from gateway.message where org_id = '$bench_org'; delete from gateway.conversation where org_id = '$bench_org';
  delete from gateway.contact where org_id = '$bench_org'; delete from gateway.event_outbox where org_id = '$bench_org';
  delete from gateway.channel where org_id = '$bench_org'" </dev/null >/dev/null

# 3. Inbound message to reply (bench-answers.sh): one at a time, then a burst; its last line holds the figures.
IFS='|' read -r single_asked single_answered single_p50 single_p99 asked answered reply_p50 reply_p99 reply_rate reply_automation_runs \
  <<< "$(bash "$FT9_LOCAL/bench-answers.sh" | shown | tail -1)"

# 4. message_received automations: a warm-up burst (not counted), a burst (the runs/s flow-service sustains), then
# constant arrival rates (p50/p99 from each message's planned time), the whole suite caught up before each.
if [ "$quick" = 1 ]; then n=100; flow_warmup=0; flow_rates=50; flow_seconds=2
else n=4000; flow_warmup=1000; flow_rates=250,500,1000; flow_seconds=10; fi
flow_out="$(FT9_BENCH_FLOW_WARMUP="$flow_warmup" FT9_BENCH_FLOW_RATES="$flow_rates" FT9_BENCH_FLOW_SECONDS="$flow_seconds" \
  "$FT9_LOCAL/bench-flow.sh" "$n" 2>&1)"
grep -E '^(warm-up|messages|throughput|trigger-to-action|at [0-9]+/s)' <<< "$flow_out"
flow_json="$(grep -E '^\{"burst"' <<< "$flow_out" | tail -1)"

# 4b. The same automation in FT9 and in n8n, at constant rates, in this run.
shape_json=()
if [ "${FT9_BENCH_N8N:-1}" != 0 ]; then
  if [ "$quick" = 1 ]; then shape_rates=(50); shape_seconds=5; else shape_rates=(100 200 400); shape_seconds=20; fi
  for r in "${shape_rates[@]}"; do
    shape_out="$("$FT9_LOCAL/bench-automations.sh" "$r" "$shape_seconds" 2>&1)"
    grep -E '^(ft9|n8n|FT9 / n8n)' <<< "$shape_out" || { say "the FT9/n8n automation benchmark failed:"; tail -5 <<< "$shape_out"; }
    line="$(tail -1 <<< "$shape_out")"
    [[ "$line" == '{"offeredPerSecond"'* ]] && shape_json+=("$line")
  done
fi

# 5. Knowledge search.
search_10k_p50=null; search_10k_p99=null; search_100k_p50=null; search_100k_p99=null; search_100k_recall=null
if [ "${FT9_BENCH_SEARCH:-1}" != 0 ] && [ "$quick" != 1 ]; then
  search_out="$("$FT9_LOCAL/bench-search.sh" 2>&1 | shown)"
  read -r search_10k_p50 search_10k_p99 <<< "$(grep -E 'hybrid search, 10,000 passages' <<< "$search_out" | sed -E 's/.*p50 ([0-9.]+) ms, p99 ([0-9.]+).*/\1 \2/')"
  read -r search_100k_p50 search_100k_p99 <<< "$(grep -E 'hybrid search, 100,000 passages' <<< "$search_out" | sed -E 's/.*p50 ([0-9.]+) ms, p99 ([0-9.]+).*/\1 \2/')"
  search_100k_recall="$(grep -E 'hybrid search, 100,000 passages' <<< "$search_out" | sed -E 's/.*exact scan ([0-9.]+).*/\1/')"
  [ -n "${search_100k_p99:-}" ] || say "the search benchmark gave no figures: recorded as null (see $FT9_LOGS/bench-search-build.log)"
fi

# Each service's resident memory after the whole run, with its start alone from stage 1.
printf '\n%-18s %12s %12s %12s\n' service "started (s)" "ready (s)" "RSS (MB)"
for row in "${starts[@]}"; do
  read -r s startup ready <<< "$row"
  rss_kb="$(ps -o rss= -p "$(cat "$FT9_PIDS/$s.pid" 2>/dev/null)" 2>/dev/null | tr -d ' ')"
  printf '%-18s %12s %12s %12s\n' "$s" "$startup" "$ready" "$(( ${rss_kb:-0} / 1024 ))"
  services_json+=("{\"service\": \"$s\", \"rssMb\": $(( ${rss_kb:-0} / 1024 )), \"startupSeconds\": $startup, \"readySeconds\": $ready}")
done

cat > "$out" <<JSON
{"at": "$stamp", "machine": "$machine", "quick": $([ "$quick" = 1 ] && echo true || echo false),
 "services": [$(IFS=,; echo "${services_json[*]}")],
 "webhookIngest": [$(IFS=,; echo "${ingest_json[*]}")], "webhookOpenLoop": [$(IFS=,; echo "${open_json[*]}")], "outboxLagMs": $ingest_lag_ms, "consumersDrainedSeconds": ${drain_seconds:-null},
 "inboundToReply": {"oneAtATime": {"asked": ${single_asked:-0}, "answered": ${single_answered:-0}, "p50Ms": ${single_p50:-null}, "p99Ms": ${single_p99:-null}},
   "burst": {"asked": ${asked:-0}, "answered": ${answered:-0}, "p50Ms": ${reply_p50:-null}, "p99Ms": ${reply_p99:-null}, "perSecond": ${reply_rate:-null}, "automationRunsBeside": ${reply_automation_runs:-null}}},
 "automations": ${flow_json:-null},
 "automationVsN8n": [$(IFS=,; echo "${shape_json[*]}")],
 "search": {"p50Ms10k": ${search_10k_p50:-null}, "p99Ms10k": ${search_10k_p99:-null}, "p50Ms100k": ${search_100k_p50:-null}, "p99Ms100k": ${search_100k_p99:-null}, "vectorRecallAt10_100k": ${search_100k_recall:-null}}}
JSON
python3 - "$out" <<'PY' || fail "the results are not valid JSON: $out"
import json, sys
r = json.load(open(sys.argv[1]))
print(f"\nFT9 suite benchmark {r['at']} ({r['machine']}; the load generators share the cores)\n")
rows = [("each service started alone / RSS after the run", ", ".join(f"{s['service']} {s['startupSeconds']} s (ready {s.get('readySeconds')} s) / {s['rssMb']} MB"
                                                              for s in r["services"]), "<= 3 s / <= 200 MB (memory-service: its model)")]
for w in r["webhookIngest"]:
    rows.append((f"webhook ingest, concurrency {w['concurrency']}",
                 f"{w['perSecond']:.0f}/s, p50 {w['p50Ms']} ms, p99 {w['p99Ms']} ms, p99.9 {w['p999Ms']} ms",
                 ""))
for w in r.get("webhookOpenLoop", []):
    cpu, jit = w.get("cpuMsPerWebhook", {}), w.get("jitCompilerMsPerWebhook", {})
    rows.append((f"webhooks offered at {w['offeredPerSecond']}/s (open loop)",
                 f"{w['acceptedPerSecond']:.0f}/s accepted"
                 + "".join(f", {n} {k}" for k, n in w.get("otherBy", {}).items())
                 + f", p50 {w['p50Ms']} ms, p99 {w['p99Ms']} ms; CPU/webhook "
                 + ", ".join(f"{k} {v} ms" + (f" (JIT {jit[k]})" if k in jit else "") for k, v in cpu.items()),
                 "p99 <= 25 ms at 3,000/s; gateway + PostgreSQL <= 0.3 ms" if w["offeredPerSecond"] == 3000 else ""))
rows.append(("outbox lag to Kafka after the last 200", f"{r['outboxLagMs']} ms", ""))
rows.append(("memory/flow/billing caught up after ingest", f"{r['consumersDrainedSeconds']} s", ""))
i = r["inboundToReply"]["oneAtATime"]
rows.append(("inbound to reply, one at a time", f"{i['answered']}/{i['asked']} answered, p50 {i['p50Ms']} ms, p99 {i['p99Ms']} ms", "p50 <= 60 ms, p99 <= 150 ms"))
i = r["inboundToReply"]["burst"]
rows.append(("inbound to reply, burst of 8 at a time", f"{i['answered']}/{i['asked']} answered, {i['perSecond']}/s, p50 {i['p50Ms']} ms, p99 {i['p99Ms']} ms"
             + (f", {i['automationRunsBeside']} automation runs beside" if i.get("automationRunsBeside") is not None else ""), ">= 100 answers/s, each once"))
a = r["automations"] or {"burst": {"runsPerSecond": None, "messages": 0, "suiteCaughtUpSeconds": None}, "atRates": []}
b = a["burst"]
rows.append((f"message_received automation, a burst of {b['messages']}",
             f"{b['runsPerSecond']} runs/s (the rest of the suite's offsets caught up {b['suiteCaughtUpSeconds']} s after)", ">= 1,000 runs/s"))
for x in a["atRates"]:
    rows.append((f"message_received automation at {x['offeredPerSecond']}/s",
                 f"{x['sendCommands']}/{x['messages']} sent, {x['runsPerSecond']} runs/s, p50 {x['p50Ms']} ms, p99 {x['p99Ms']} ms", ""))
for x in r.get("automationVsN8n", []):
    f, n = x["ft9"], x["n8n"]
    rows.append((f"webhook -> condition -> HTTP request at {x['offeredPerSecond']}/s",
                 f"FT9 {f['runsPerSecond']} runs/s (p50 {f['p50Ms']:.0f} ms, CPU {f['cpuMsPerRun']:.1f} ms/run), n8n {n['runsPerSecond']} runs/s"
                 f" (p50 {n['p50Ms']:.0f} ms, CPU {n['cpuMsPerRun']:.1f} ms/run): {x['ratio']} x", ">= 5 x n8n"))
q = r["search"]
rows.append(("knowledge search 10k / 100k", f"p50 {q['p50Ms10k']} / {q['p50Ms100k']} ms, p99 {q['p99Ms10k']} / {q['p99Ms100k']} ms,"
             f" vector recall@10 at 100k {q.get('vectorRecallAt10_100k')}", "p99 <= 3 ms at 10k, <= 10 ms at 100k with recall@10 >= 0.95"))
width = max(len(m) for m, _, _ in rows)
for measure, measured, target in rows:
    print(f"| {measure:<{width}} | {measured} |" + (f" target {target} |" if target else ""))
PY
say "results written to ${out#$FT9_ROOT/}"
