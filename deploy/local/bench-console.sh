#!/usr/bin/env bash
# Benchmark (not a test): the console's first load (files and bytes as a browser gets them, time on loopback) and the
# delay from a patient's webhook to the news reaching N connected consoles (the inbox's server-sent events through the
# console's address), p50/p99, at a constant arrival rate. Needs the suite up (deploy/local/up.sh).
#   deploy/local/bench-console.sh [consoles] [webhooks per second] [seconds]     (defaults 50, 10 and 30)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_local_env
consoles="${1:-50}"; rate="${2:-10}"; seconds="${3:-30}"
console="${FT9_PUBLIC_URL:-http://localhost:8080}"
for s in console whatsapp-gateway auth-service; do
  curl -fs -o /dev/null "http://127.0.0.1:$(service_port "$s")/q/health/ready" \
    || fail "$s is not up; start the suite with deploy/local/up.sh"
done

# A benchmark organisation: a number routed to it in the gateway and a member who signs in (setup, not under test).
org="$(cat /proc/sys/kernel/random/uuid)"; phone="9$(rand_digits 14)"; email="bench-$(rand_hex 6)@ft9.example"; password="$(rand_hex 12)"
pg_admin -d "$PG_DB" -c "create extension if not exists pgcrypto;
  insert into gateway.channel (phone_number_id, org_id, channel_id, display_phone_number, waba_id, access_token_sealed, updated_at)
    values ('$phone', '$org', gen_random_uuid(), '+55 11 0000-0000', '0000000', 'v1:bench', now());
  insert into auth.user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)
    values (gen_random_uuid(), '$org', '$email', crypt('$password', gen_salt('bf', 10)), 'ORG_AGENT', 'ACTIVE', now(), now())" \
  </dev/null >/dev/null || fail "could not set up the benchmark organisation"
cleanup() {
  pg_admin -d "$PG_DB" -c "delete from gateway.inbox_event where org_id = '$org'; delete from gateway.message where org_id = '$org';
    delete from gateway.conversation where org_id = '$org'; delete from gateway.contact where org_id = '$org';
    delete from gateway.event_outbox where org_id = '$org'; delete from gateway.channel where org_id = '$org';
    delete from auth.user_account where org_id = '$org'" </dev/null >/dev/null
}
trap cleanup EXIT
token="$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  "$console/api/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
[ -n "$token" ] || fail "the benchmark member could not sign in through the console"

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $("$(service_java)" -version 2>&1 | head -1 | tr -d '"')"
say "$consoles consoles connected; $rate signed webhooks a second for $seconds s, each from a new patient"
java "$FT9_LOCAL/bench/ConsoleBenchmark.java" "$console" "$WHATSAPP_APP_SECRET" "$phone" "$token" "$consoles" "$rate" "$seconds"
