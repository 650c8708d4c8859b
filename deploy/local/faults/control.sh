#!/usr/bin/env bash
# What ft9faults.py does to the suite, with lib.sh's own functions:
#   kill9 <service> | restart <service> [VAR=value...] | kafka-stop | kafka-kill9 | kafka-start
#   postgres-stop | postgres-kill9 | postgres-start
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

case "${1:-}" in
  kill9)
    pid="$(cat "$FT9_PIDS/$2.pid" 2>/dev/null)" || fail "no pid file for $2"
    kill -9 "$pid" 2>/dev/null || fail "$2 ($pid) was not running"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done ;;
  restart)
    s="$2"; shift 2
    export_suite_env
    for assignment in "$@"; do export "${assignment?}"; done
    stop_service "$s" >/dev/null
    start_service "$s" append
    await_ready "$s" || fail "$s did not become ready again (log: $FT9_LOGS/$s.log)" ;;
  kafka-stop)
    stop_kafka >/dev/null ;;
  kafka-kill9)
    # The broker dies without closing its logs or telling the controller: at the next start it recovers its segments.
    pid="$(kafka_pid)" || fail "the Kafka broker is not ours or not running"
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done ;;
  kafka-start)
    ensure_kafka >/dev/null ;;
  postgres-stop)
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop -m fast ;;
  postgres-kill9)
    # The postmaster dies at once, no checkpoint: its backends notice and exit, and the next start replays the WAL
    # (crash recovery). Only the cluster on this machine, which the local suite uses.
    data="$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $6 }')"
    [ -n "$data" ] || fail "no PostgreSQL cluster of this machine listens on port $PG_PORT"
    pid="$(head -1 "$data/postmaster.pid" 2>/dev/null)" || fail "PostgreSQL is not running (no postmaster.pid in $data)"
    kill -9 "$pid"
    for _ in $(seq 1 100); do pgrep -u postgres -f "postgres: .*" >/dev/null || pgrep -u postgres -x postgres >/dev/null || break; sleep 0.1; done ;;
  postgres-start)
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 60); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && exit 0; sleep 0.5; done
    fail "PostgreSQL did not come back" ;;
  *) fail "unknown action ${1:-}" ;;
esac
