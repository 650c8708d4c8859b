#!/usr/bin/env bash
# The counterpart of up.sh: stops the six services and the Kafka broker (and PostgreSQL or Redis
# only if the scripts started them), leaving no process of the suite behind.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for s in "${FT9_SERVICES[@]}"; do
  stop_pid "$s" "$FT9_PIDS/$s.pid"
done
# Services whose pid file was lost: found by the jar path, which is ours alone.
for pid in $(pgrep -f "$FT9_ROOT/[a-z-]*/target/quarkus-app/quarkus-run.jar" 2>/dev/null); do
  kill -TERM "$pid" 2>/dev/null && say "stopped a stray service process $pid"
done
stop_kafka
if [ -f "$FT9_RUN/started-by-ft9" ]; then
  if grep -qx redis "$FT9_RUN/started-by-ft9"; then stop_pid redis "$FT9_PIDS/redis.pid"; fi
  if grep -qx postgres "$FT9_RUN/started-by-ft9"; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop && say "stopped PostgreSQL"
  fi
  rm -f "$FT9_RUN/started-by-ft9"
fi
say "the suite is down"
