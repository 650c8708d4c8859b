#!/usr/bin/env bash
# The README's test command: starts what the tests need (PostgreSQL, Redis, a real Kafka broker),
# then runs the whole test suite with Maven and exits with Maven's status.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl memory-service -am
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_local_env
ensure_postgres
# Tests run against their own database, made anew each run: they never touch the data of a running
# local suite (database ft9), and never meet migrations or rows that an earlier checkout left.
pg_admin -d postgres -c "drop database if exists ft9_test with (force)" </dev/null >/dev/null \
  || fail "PostgreSQL: could not drop the old test database ft9_test"
ensure_database ft9_test
ensure_redis
kafka_was_up=0
port_open "$KAFKA_HOST" "$KAFKA_PORT" && kafka_was_up=1
ensure_kafka
if [ "$kafka_was_up" = 0 ]; then
  trap 'stop_kafka' EXIT        # leave nothing of ours running after the tests
fi

export_service_env
export DB_NAME=ft9_test
export FT9_ROOT
command -v mvn >/dev/null || apt_install maven || fail "Maven is needed to run the tests (apt-get install maven)"
ensure_node
ensure_chromium
ensure_hunspell

cd "$FT9_ROOT"
say "running the test suite: mvn verify $*"
mvn -B -ntp verify "$@"
status=$?
[ "$status" = 0 ] && say "test suite passed" || say "test suite FAILED (Maven exit $status)"
exit "$status"
