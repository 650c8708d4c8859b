#!/usr/bin/env bash
# Rotates a key of the running local suite without signing anyone out or refusing Meta (docs/operations.md, "Key
# rotation"). The new key goes into local.env, the old one stays beside it as "previous" until nothing needs it:
#   deploy/local/rotate.sh jwt                    a new JWT signing key; the old public key stays in the key set
#                                                 (FT9_JWT_PREVIOUS_PUBLIC_KEYS): tokens it signed work until they expire,
#                                                 refresh tokens are untouched; auth-service restarts, the other services
#                                                 fetch the key set again when they meet the new key's id
#   deploy/local/rotate.sh channel-token          a new sealing key for the numbers' access tokens; the old one opens what
#                                                 it sealed (FT9_CHANNEL_TOKEN_PREVIOUS_KEYS); tenant-service and the
#                                                 gateway restart and seal every stored token again
#   deploy/local/rotate.sh app-secret [SECRET] [HOURS]
#                                                 Meta's new app secret (the one "Reset" gave in the app's dashboard; a
#                                                 random one locally); the old one is still accepted HOURS (24) beside it
#   deploy/local/rotate.sh forget                 drops the previous keys once nothing needs them (access tokens expired,
#                                                 tokens sealed again, the window over); the services concerned restart
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_local_env >/dev/null

# Sets (or with no value, removes) one variable of local.env.
set_env() { # NAME [VALUE]
  python3 - "$FT9_ENV_FILE" "$1" "${2-}" "$#" <<'PY'
import sys
path, name, value, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = [l for l in open(path).read().splitlines() if not l.startswith(name + "=")]
if count > 1:
    lines.append(name + "=" + value)
open(path, "w").write("\n".join(lines) + "\n")
PY
}

restart() { # service...
  ensure_local_env >/dev/null
  export_suite_env
  for s in "$@"; do
    stop_service "$s" >/dev/null
    start_service "$s" append
  done
  for s in "$@"; do
    await_ready "$s" || fail "$s did not become ready again (log: $FT9_LOGS/$s.log)"
    say "$s restarted with the new key"
  done
}

running() { curl -fs -o /dev/null "http://127.0.0.1:$(service_port "$1")/q/health/ready" || fail "$1 is not up (deploy/local/up.sh)"; }

case "${1:-}" in
  jwt)
    running auth-service
    old_public="$(printf '%s' "$FT9_JWT_PRIVATE_KEY" | base64 -d | openssl pkey -inform DER -pubout -outform DER | base64 -w0)" \
      || fail "the current signing key in local.env cannot be read"
    previous="${FT9_JWT_PREVIOUS_PUBLIC_KEYS:+$FT9_JWT_PREVIOUS_PUBLIC_KEYS,}$FT9_JWT_KEY_ID=$old_public"
    new_key="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER \
      | base64 -w0)"
    new_id="local-$(rand_hex 4)"
    set_env FT9_JWT_PRIVATE_KEY "$new_key"
    set_env FT9_JWT_KEY_ID "$new_id"
    set_env FT9_JWT_PREVIOUS_PUBLIC_KEYS "$previous"
    restart auth-service
    kids="$(curl -fs "http://127.0.0.1:$(service_port auth-service)/.well-known/jwks.json" \
      | python3 -c 'import json,sys; print(", ".join(k["kid"] for k in json.load(sys.stdin)["keys"]))')"
    say "tokens are signed with $new_id now; the key set publishes $kids"
    say "once the access tokens signed before have expired (15 min), 'rotate.sh forget' drops the old key" ;;
  channel-token)
    running tenant-service; running whatsapp-gateway
    set_env FT9_CHANNEL_TOKEN_PREVIOUS_KEYS "${FT9_CHANNEL_TOKEN_PREVIOUS_KEYS:+$FT9_CHANNEL_TOKEN_PREVIOUS_KEYS,}$FT9_CHANNEL_TOKEN_KEY"
    set_env FT9_CHANNEL_TOKEN_KEY "$(openssl rand -base64 32)"
    restart tenant-service whatsapp-gateway
    for s in tenant-service whatsapp-gateway; do
      for _ in $(seq 1 40); do grep -q "sealed again with the current key\|tokens not sealed again" "$FT9_LOGS/$s.log" && break; sleep 0.25; done
      line="$(grep "sealed again with the current key\|tokens not sealed again" "$FT9_LOGS/$s.log" | tail -1)"
      say "$s: ${line:-no token needed sealing again}"
    done
    mark_local_state # the database's tokens are sealed with the new key now: up.sh must find them agreeing
    say "every stored token opens with the new key; 'rotate.sh forget' drops the old one" ;;
  app-secret)
    running whatsapp-gateway
    new_secret="${2:-$(rand_hex 32)}"; hours="${3:-24}"
    until="$(date -u -d "+$hours hours" +%Y-%m-%dT%H:%M:%SZ)"
    set_env WHATSAPP_APP_SECRET_PREVIOUS "$WHATSAPP_APP_SECRET"
    set_env WHATSAPP_APP_SECRET_PREVIOUS_UNTIL "$until"
    set_env WHATSAPP_APP_SECRET "$new_secret"
    restart whatsapp-gateway
    say "webhooks signed with the new app secret are accepted, and with the old one until $until" ;;
  forget)
    set_env FT9_JWT_PREVIOUS_PUBLIC_KEYS
    set_env FT9_CHANNEL_TOKEN_PREVIOUS_KEYS
    set_env WHATSAPP_APP_SECRET_PREVIOUS
    set_env WHATSAPP_APP_SECRET_PREVIOUS_UNTIL
    unset FT9_JWT_PREVIOUS_PUBLIC_KEYS FT9_CHANNEL_TOKEN_PREVIOUS_KEYS WHATSAPP_APP_SECRET_PREVIOUS WHATSAPP_APP_SECRET_PREVIOUS_UNTIL
    restart auth-service tenant-service whatsapp-gateway
    say "only the current keys remain" ;;
  *) fail "usage: rotate.sh jwt | channel-token | app-secret [SECRET] [HOURS] | forget" ;;
esac
