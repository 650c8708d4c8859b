#!/usr/bin/env bash
# Dead letters of the running local suite, as platform staff handle them (tenant-service's /api/operations/dead-letters,
# signed in as root@ft9.com.br with the password in local.env). Replays go back to the original topic unchanged;
# consumers apply an event once by its id, so replaying something already applied changes nothing.
#   deploy/local/deadletters.sh                          the pending ones (list PENDING)
#   deploy/local/deadletters.sh list [STATUS] [TOPIC]    STATUS: PENDING, REPLAYED, DISCARDED or all
#   deploy/local/deadletters.sh show ID                  one whole: reason, headers, the event's data
#   deploy/local/deadletters.sh replay ID                one, back to its topic
#   deploy/local/deadletters.sh replay-all [TOPIC]       every pending one (of one dead-letter topic), oldest first
#   deploy/local/deadletters.sh discard ID REASON...     set one aside for good, saying why
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_local_env >/dev/null
base="http://127.0.0.1:$(service_port tenant-service)/api/operations/dead-letters"
curl -fs -o /dev/null "http://127.0.0.1:$(service_port tenant-service)/q/health/ready" \
  || fail "tenant-service is not up (deploy/local/up.sh)"
token="$(curl -fs -X POST "http://127.0.0.1:$(service_port auth-service)/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"root@ft9.com.br\",\"password\":\"$FT9_SUPERADMIN_PASSWORD\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')" || fail "could not sign in as platform staff"

# Calls the API; prints the body, fails with the problem's detail on a 4xx/5xx.
call() { # method path [json]
  local out status
  out="$(curl -s -w '\n%{http_code}' -X "$1" "$base$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+-d "$3"})"
  status="${out##*$'\n'}"; out="${out%$'\n'*}"
  [ "${status:0:1}" = 2 ] || fail "$1 $2: HTTP $status $(python3 -c 'import json,sys; print(json.load(sys.stdin).get("detail",""))' <<<"$out" 2>/dev/null)"
  printf '%s' "$out"
}

quote() { python3 -c 'import json,sys; print(json.dumps(" ".join(sys.argv[1:])))' "$@"; }

case "${1:-list}" in
  list)
    status="${2:-PENDING}"; [ "$status" = all ] && status=""
    call GET "?size=100&status=$status&topic=${3:-}" | python3 -c '
import json, sys
page = json.load(sys.stdin)
print("%d dead letter(s)%s" % (page["total"], "" if page["total"] <= len(page["items"]) else ", the newest %d shown" % len(page["items"])))
for d in page["items"]:
    print("%s  %s  %-9s %s -> %s  %s\n    %s" % (d["id"], d["deadLetteredAt"][:19], d["status"], d["topic"], d["originalTopic"] or "?",
          d["eventType"] or "?", (d["reason"] or d["discardReason"] or "")[:160]))'
    ;;
  show)
    [ $# -eq 2 ] || fail "usage: deploy/local/deadletters.sh show ID"
    call GET "/$2" | python3 -m json.tool ;;
  replay)
    [ $# -eq 2 ] || fail "usage: deploy/local/deadletters.sh replay ID"
    call POST "/$2/replay" >/dev/null && say "replayed $2" ;;
  replay-all)
    result="$(call POST /replay "{\"topic\": $(quote "${2:-}")}")" || exit 1
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("[ft9] replayed %d, refused %d (discarded, or set aside for size)" % (r["replayed"], r["refused"]))' <<<"$result" ;;
  discard)
    [ $# -ge 3 ] || fail "usage: deploy/local/deadletters.sh discard ID REASON..."
    id="$2"; shift 2
    call POST "/$id/discard" "{\"reason\": $(quote "$@")}" >/dev/null && say "discarded $id" ;;
  *) fail "usage: deploy/local/deadletters.sh [list [STATUS] [TOPIC] | show ID | replay ID | replay-all [TOPIC] | discard ID REASON...]" ;;
esac
