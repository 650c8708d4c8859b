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
# A broker of their own too, on other ports and with its data made anew each run: the tests' consumers would otherwise
# read what a local suite left in its topics (a test billing-service counted the demo clinic's messages against its
# own plan and published a quota notice the suite applied). Exported, so the suite the system tests start uses it.
export KAFKA_PORT="${FT9_TEST_KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${FT9_TEST_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_NAME=kafka-test KAFKA_DATA="$FT9_RUN/kafka-test-data"
stop_kafka                      # one an interrupted run left
if ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
  rm -rf "$KAFKA_DATA"
  trap 'stop_kafka; rm -rf "$KAFKA_DATA"' EXIT   # leave nothing of ours running after the tests
fi
ensure_kafka

export_service_env
export DB_NAME=ft9_test
export REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/1"   # Redis's database 1: a suite's revocations and turns are in 0
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
