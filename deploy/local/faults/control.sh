#!/usr/bin/env bash
# What ft9faults.py does to the suite, with lib.sh's own functions:
#   kill9 <service> | restart <service> [VAR=value...] | kafka-stop | kafka-start | postgres-stop | postgres-start
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
    stop_pid "$s" "$FT9_PIDS/$s.pid" >/dev/null
    start_service "$s" append
    await_ready "$s" || fail "$s did not become ready again (log: $FT9_LOGS/$s.log)" ;;
  kafka-stop)
    stop_kafka >/dev/null ;;
  kafka-start)
    ensure_kafka >/dev/null ;;
  postgres-stop)
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop -m fast ;;
  postgres-start)
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 60); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && exit 0; sleep 0.5; done
    fail "PostgreSQL did not come back" ;;
  *) fail "unknown action ${1:-}" ;;
esac
