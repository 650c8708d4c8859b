#!/usr/bin/env bash
# Benchmark (not a test): the same automation in FT9 and in n8n, in the same run on the same machine. A webhook with
# {"kind": "lead", "id": N} -> a condition (n8n: IF) -> an HTTP request to a sink of the benchmark's own, with every
# execution kept in the history (FT9 always keeps runs; n8n with EXECUTIONS_DATA_SAVE_ON_SUCCESS=all). n8n is installed
# from the npm registry into deploy/local/.run/n8n the first time (its last 1.x release: 2.x needs Node.js 24; with
# --ignore-scripts, so no native SQLite is built, and on the suite's PostgreSQL, the configuration n8n recommends for
# production) and stopped afterwards. Needs the suite up (deploy/local/up.sh).
#   deploy/local/bench-automations.sh [rate] [seconds]     (default 200 webhooks a second for 10 s, each system in turn)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
rate="${1:-200}"
seconds="${2:-10}"
N8N_VERSION="${N8N_VERSION:-1.123.81}"
n8n_dir="$FT9_RUN/n8n"
n8n_port="${N8N_PORT:-5678}"
sink_port="${BENCH_SINK_PORT:-18990}"
port_open 127.0.0.1 8085 || fail "flow-service is not up on :8085; start the suite with deploy/local/up.sh"
port_open 127.0.0.1 "$n8n_port" && fail "something already listens on :$n8n_port (N8N_PORT chooses another)"

if [ ! -x "$n8n_dir/node_modules/.bin/n8n" ] || [ "$(cat "$n8n_dir/.version" 2>/dev/null)" != "$N8N_VERSION" ]; then
  ensure_node
  say "installing n8n $N8N_VERSION from the npm registry into $n8n_dir (a few minutes, once)"
  mkdir -p "$n8n_dir"
  # n8n names one dependency (xlsx) by a tarball on cdn.sheetjs.com, which is not a registry: the registry's xlsx stands in.
  printf '{"name":"ft9-n8n-benchmark","private":true,"overrides":{"xlsx":"0.18.5"}}\n' > "$n8n_dir/package.json"
  (cd "$n8n_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >"$n8n_dir/install.log" 2>&1) \
    || fail "could not install n8n (see $n8n_dir/install.log)"
  echo "$N8N_VERSION" > "$n8n_dir/.version"
fi

tidy_database_for_bench
n8n_db="n8n_bench"
pg_admin -d postgres -c "drop database if exists $n8n_db with (force)" -c "create database $n8n_db" </dev/null >/dev/null \
  || fail "could not create n8n's database"
export N8N_PORT="$n8n_port" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_USER_FOLDER="$n8n_dir/home" NODE_ENV=production \
  DB_TYPE=postgresdb DB_POSTGRESDB_HOST="$PG_HOST" DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_DATABASE="$n8n_db" \
  DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_POOL_SIZE=4 \
  EXECUTIONS_MODE=regular EXECUTIONS_DATA_SAVE_ON_SUCCESS=all EXECUTIONS_DATA_SAVE_ON_ERROR=all \
  EXECUTIONS_DATA_SAVE_ON_PROGRESS=false EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS=false N8N_LOG_LEVEL=warn \
  N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
  N8N_TEMPLATES_ENABLED=false N8N_METRICS=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false \
  N8N_EXPRESSION_ENGINE=legacy
# legacy: the expression engine n8n has always had; its newer "vm" engine needs isolated-vm, whose prebuilt binaries
# are for Node.js 22 and 24 only (this machine has 20, and building it would fetch Node's headers from the internet).
rm -rf "$n8n_dir/home"; mkdir -p "$n8n_dir/home"
workflow="$n8n_dir/home/workflow.json"
cat > "$workflow" <<JSON
[{"id": "ft9BenchShape001", "name": "FT9 benchmark: webhook, IF, HTTP request", "active": true,
  "settings": {"saveDataSuccessExecution": "all", "saveDataErrorExecution": "all", "executionOrder": "v1"},
  "nodes": [
    {"id": "5b0c1f3e-0000-4000-8000-000000000001", "name": "Webhook", "type": "n8n-nodes-base.webhook", "typeVersion": 1,
     "position": [0, 0], "webhookId": "5b0c1f3e-0000-4000-8000-0000000000aa",
     "parameters": {"httpMethod": "POST", "path": "ft9-bench", "responseMode": "onReceived", "options": {}}},
    {"id": "5b0c1f3e-0000-4000-8000-000000000002", "name": "IF", "type": "n8n-nodes-base.if", "typeVersion": 1, "position": [200, 0],
     "parameters": {"conditions": {"string": [{"value1": "={{\$json.body.kind}}", "operation": "equal", "value2": "lead"}]}}},
    {"id": "5b0c1f3e-0000-4000-8000-000000000003", "name": "HTTP Request", "type": "n8n-nodes-base.httpRequest", "typeVersion": 4.2,
     "position": [400, 0], "parameters": {"method": "POST", "url": "http://127.0.0.1:$sink_port/n8n", "sendBody": true,
     "specifyBody": "json", "jsonBody": "={{ JSON.stringify(\$json.body) }}", "options": {}}}],
  "connections": {"Webhook": {"main": [[{"node": "IF", "type": "main", "index": 0}]]},
                  "IF": {"main": [[{"node": "HTTP Request", "type": "main", "index": 0}], []]}}}]
JSON
# Imported workflows arrive inactive; update:workflow activates it for the next start.
{ "$n8n_dir/node_modules/.bin/n8n" import:workflow --input="$workflow" &&
  "$n8n_dir/node_modules/.bin/n8n" update:workflow --id=ft9BenchShape001 --active=true; } >"$FT9_LOGS/n8n.log" 2>&1 \
  || fail "n8n could not import the workflow (see $FT9_LOGS/n8n.log)"
"$n8n_dir/node_modules/.bin/n8n" start >>"$FT9_LOGS/n8n.log" 2>&1 &
n8n_pid=$!
trap 'kill $n8n_pid 2>/dev/null; wait $n8n_pid 2>/dev/null; pg_admin -d postgres -c "drop database if exists $n8n_db with (force)" </dev/null >/dev/null;
  restore_database_after_bench' EXIT
for _ in $(seq 1 120); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$n8n_port/webhook/ft9-bench" -H 'Content-Type: application/json' \
    -d '{"kind":"warm-up","id":-1}')"
  [ "$code" = 200 ] && break
  kill -0 $n8n_pid 2>/dev/null || fail "n8n stopped (see $FT9_LOGS/n8n.log)"
  sleep 1
done
[ "${code:-}" = 200 ] || fail "n8n's webhook did not answer (see $FT9_LOGS/n8n.log)"

# FT9's automation, created by the demo clinic's admin through the API like any other.
token="$(curl -fs -X POST http://127.0.0.1:8081/api/auth/login -H 'Content-Type: application/json' \
  -d '{"email":"admin@ft9.com.br","password":"ft9demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')" \
  || fail "could not sign in as the demo clinic's admin"
definition="{\"trigger\":{\"type\":\"webhook\"},\"steps\":[{\"type\":\"branch\",\"if\":{\"field\":\"trigger.kind\",\"op\":\"equals\",\"value\":\"lead\"},
  \"then\":[{\"type\":\"call_webhook\",\"url\":\"http://localhost:$sink_port/ft9\",\"body\":\"{\\\"kind\\\":\\\"{{trigger.kind}}\\\",\\\"id\\\":{{trigger.id}}}\"}]}]}"
created="$(curl -fs -X POST http://127.0.0.1:8085/api/automations -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Benchmark: webhook, condition, HTTP request\",\"status\":\"ACTIVE\",\"definition\":$definition}")" \
  || fail "could not create FT9's automation"
automation="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$created")"
secret="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["webhook"]["secret"])' "$created")"
# The runs' tables as a clinic's are, not empty: another organisation's history of runs (write_flow_bench_history).
# Started from empty tables (the benchmark's runs go with its automation at the end, and the vacuum before it leaves
# no row), the claim's cached plan read the whole run table: 1,066 sequential scans and 6 million rows in one 400/s
# run (2026-12-07).
history_org="$(cat /proc/sys/kernel/random/uuid)"
trap 'kill $n8n_pid 2>/dev/null; wait $n8n_pid 2>/dev/null; pg_admin -d postgres -c "drop database if exists $n8n_db with (force)" </dev/null >/dev/null;
  curl -fs -o /dev/null -X DELETE "http://127.0.0.1:8085/api/automations/$automation" -H "Authorization: Bearer $token";
  forget_flow_bench_history "$history_org"; restore_database_after_bench' EXIT
write_flow_bench_history "$history_org"

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; n8n $N8N_VERSION on Node.js $(node --version); $rate webhooks a second for $seconds s to each"
generators="$(bench_generators)" || exit 1
postgres="$(pgrep -d, -x postgres)"
java -cp "$generators" AutomationShapeBenchmark "$sink_port" "$rate" "$seconds" "http://127.0.0.1:8085/webhooks/flow/$automation" "$secret" \
  "http://127.0.0.1:$n8n_port/webhook/ft9-bench" "flow-service=$(cat "$FT9_PIDS/flow-service.pid");postgresql=$postgres" \
  "n8n=$n8n_pid;postgresql=$postgres"
