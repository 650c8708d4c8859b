#!/usr/bin/env bash
# The README's run command: builds and starts the whole suite (the console on 8080, six services on 8081-8086) with its
# infrastructure, waits until each is ready and prints where everything is.
#   FT9_SKIP_BUILD=1 deploy/local/up.sh   reuse the jars already built
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

running=()
for s in "${FT9_SERVICES[@]}"; do
  pid="$(cat "$FT9_PIDS/$s.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null && running+=("$s")
done
if [ ${#running[@]} -gt 0 ]; then
  say "the suite is already up (${running[*]}); stop it first with deploy/local/down.sh"
  exit 0
fi
for s in "${FT9_SERVICES[@]}"; do
  port_open 127.0.0.1 "$(service_port "$s")" && fail "port $(service_port "$s") for $s is taken by another process"
done

started=$(date +%s)
ensure_infrastructure
export_suite_env

cd "$FT9_ROOT"
# Up to date when every service jar exists and no source, resource or pom is newer than the oldest.
build_needed() {
  local oldest="" s jar
  for s in "${FT9_SERVICES[@]}"; do
    jar="$s/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || return 0
    if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest="$jar"; fi
  done
  [ -n "$(find pom.xml common "${FT9_SERVICES[@]}" \( -path '*/target' -o -name node_modules -o -name dist \) -prune -o -type f \
          \( -path '*/src/main/*' -o -name pom.xml \) -newer "$oldest" -print -quit)" ]
}
if [ "${FT9_SKIP_BUILD:-0}" = 1 ]; then
  say "FT9_SKIP_BUILD=1: using the jars already built"
elif build_needed; then
  say "building the services (log: ${FT9_LOGS#$FT9_ROOT/}/build.log)"
  command -v mvn >/dev/null || apt_install maven || fail "Maven is needed to build the services (apt-get install maven)"
  ensure_node
  # No test is compiled (common still makes its test jar, empty, for the services' builds to resolve).
  mvn -B -ntp package -Dmaven.test.skip=true -T 2 -pl '!system-tests' >"$FT9_LOGS/build.log" 2>&1 \
    || fail "the build failed: $(grep -m1 -E '\[ERROR\]' "$FT9_LOGS/build.log")"
else
  say "the service jars are up to date with the sources; not rebuilding"
fi

ensure_hunspell
for s in "${FT9_SERVICES[@]}"; do
  start_service "$s"
done

# Names the server a service could not reach, from its own log, instead of printing its stack trace.
diagnose() {
  local log="$1"
  if grep -qiE "($PG_PORT|postgres).*(refused|connect)|(refused|connect).*($PG_PORT|postgres)" "$log"; then echo "cannot reach PostgreSQL on $PG_HOST:$PG_PORT"
  elif grep -qiE "($REDIS_PORT|redis).*(refused|connect)" "$log"; then echo "cannot reach Redis on $REDIS_HOST:$REDIS_PORT"
  elif grep -qiE "($KAFKA_PORT|kafka).*(refused|connect)" "$log"; then echo "cannot reach Kafka on $KAFKA_HOST:$KAFKA_PORT"
  else grep -m1 -E 'ERROR' "$log" | cut -c1-300 || echo "see $log"; fi
}

failed=0
for s in "${FT9_SERVICES[@]}"; do
  port="$(service_port "$s")"; pid="$(cat "$FT9_PIDS/$s.pid")"; ready=0
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then ready=1; break; fi
    sleep 0.5
  done
  if [ "$ready" = 1 ] && [ "$s" = console ]; then
    say "ready  $s  http://localhost:$port  (the address people open; links in mails lead here)"
  elif [ "$ready" = 1 ]; then
    say "ready  $s  http://localhost:$port  (Swagger UI http://localhost:$port/q/swagger-ui)"
  elif ! kill -0 "$pid" 2>/dev/null; then
    say "FAILED $s exited: $(diagnose "$FT9_LOGS/$s.log") (log: $FT9_LOGS/$s.log)"; failed=1
  else
    down="$(curl -s "http://127.0.0.1:$port/q/health/ready" | tr -d '\n' | grep -oE '"name" *: *"[^"]*", *"status" *: *"DOWN"' | sed -E 's/"name" *: *"([^"]*)".*/\1/' | paste -sd, -)"
    say "FAILED $s is not ready after 120 s: ${down:-$(diagnose "$FT9_LOGS/$s.log")} (log: $FT9_LOGS/$s.log)"; failed=1
  fi
done
if [ "$failed" = 1 ]; then
  say "some services did not start; stopping the suite"
  "$FT9_LOCAL/down.sh" >/dev/null
  exit 1
fi

python3 "$FT9_LOCAL/demo/ft9demo.py" seed || { say "the demo clinic could not be seeded; the suite stays up"; }
say "the suite is up in $(( $(date +%s) - started )) s; logs in ${FT9_LOGS#$FT9_ROOT/}, stop it with deploy/local/down.sh"
cat <<INFO

  Console     $FT9_PUBLIC_URL
  Kafka       $KAFKA_HOST:$KAFKA_PORT     PostgreSQL  $PG_HOST:$PG_PORT/$PG_DB     Redis  $REDIS_HOST:$REDIS_PORT
  Secrets     deploy/local/local.env (generated, git-ignored)
  Sign in     admin@ft9.com.br / ft9demo (ORG_ADMIN of the demo clinic); root@ft9.com.br (password in local.env)
  Try         deploy/local/demo.sh      a patient's conversation through signed webhooks, turn by turn
              curl -s localhost:8086/q/health/ready
              curl -s localhost:8084/q/metrics | head
INFO
