#!/usr/bin/env bash
# Faults against the running local suite (started by up.sh if it is not up): kill -9 a consumer service while
# messages flow, stop the Kafka broker or kill -9 it, stop PostgreSQL or kill -9 its postmaster (crash recovery), make
# Meta's Graph API answer 500 and 429, or refuse long enough for sends to be dead-lettered (then replayed by
# deploy/local/deadletters.sh, as staff would). Messages keep arriving through signed webhooks (retried as Meta
# retries), Stripe events too; after each fault the program counts what was sent, accepted, answered or handed off,
# duplicated and lost, and exits non-zero unless nothing was lost or duplicated. For the Graph API faults the gateway
# is restarted towards a local stub of Meta for the run, and restored to the local outbox at the end.
#   deploy/local/faults.sh                      every fault
#   deploy/local/faults.sh kill-memory kafka    some of them (kill-memory kill-flow kill-gateway kafka kafka-kill9 postgres
#                                               postgres-kill9 graph dead-letter)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_local_env
up=1
for s in "${FT9_SERVICES[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$(service_port "$s")/q/health/ready" || up=0
done
if [ "$up" = 0 ]; then
  say "the suite is not up; starting it with up.sh"
  "$FT9_LOCAL/up.sh" >/dev/null || fail "up.sh failed; see deploy/local/.run/logs"
fi
command -v psql >/dev/null || fail "psql is needed to count what the services stored"
exec python3 "$FT9_LOCAL/faults/ft9faults.py" "$@"
