#!/usr/bin/env bash
# The counterpart of up.sh: stops the console, the six services and the Kafka broker (and PostgreSQL or Redis
# only if the scripts started them), leaving no process of the suite behind.
#   deploy/local/down.sh --reset [--yes]   also drops the suite's database and local.env (asks first unless --yes),
#                                          so that the next up.sh starts from a new local state
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

reset=0 yes=0
for arg in "$@"; do
  case "$arg" in
    --reset) reset=1 ;;
    --yes|-y) yes=1 ;;
    *) fail "unknown option $arg (down.sh [--reset [--yes]])" ;;
  esac
done
if [ "$reset" = 1 ] && [ "$yes" = 0 ]; then
  [ -t 0 ] || fail "--reset deletes database $PG_DB and deploy/local/local.env; add --yes to do it without a terminal"
  printf '[ft9] This deletes database %s (every organisation, message and setting of the local suite) and deploy/local/local.env.\n' "$PG_DB"
  read -r -p "[ft9] Type yes to go on: " answer
  [ "$answer" = yes ] || { say "nothing was reset"; exit 1; }
fi

# All at once: a service's stop is mostly waiting (its consumers leave their groups, a first stop writes its class
# archive), and one after the other the suite took two minutes to stop after a build.
for s in "${FT9_SERVICES[@]}"; do
  stop_service "$s" &
done
wait
# Services whose pid file was lost: found by the jar path, which is ours alone.
for pid in $(pgrep -f "$FT9_ROOT/[a-z-]*/target/quarkus-app/quarkus-run.jar" 2>/dev/null); do
  kill -TERM "$pid" 2>/dev/null && say "stopped a stray service process $pid"
done
stop_kafka
if [ "$reset" = 1 ]; then
  reset_local_state
fi
if [ -f "$FT9_RUN/started-by-ft9" ]; then
  if grep -qx redis "$FT9_RUN/started-by-ft9"; then stop_pid redis "$FT9_PIDS/redis.pid"; fi
  if grep -qx postgres "$FT9_RUN/started-by-ft9"; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop && say "stopped PostgreSQL"
  fi
  rm -f "$FT9_RUN/started-by-ft9"
fi
say "the suite is down"
