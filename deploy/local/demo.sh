#!/usr/bin/env bash
# Plays a patient's conversation with the demo clinic through the public entry points only (signed Meta webhooks,
# the REST APIs, a signed Stripe webhook) and prints, turn by turn, what the platform sent back, the automation runs,
# the hand-off and the plan change. Exits non-zero if an expected effect is missing. Needs the suite up (up.sh).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_local_env
export_demo_env
for s in "${FT9_SERVICES[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$(service_port "$s")/q/health/ready" \
    || fail "$s is not up on port $(service_port "$s"); start the suite with deploy/local/up.sh"
done
exec python3 "$FT9_LOCAL/demo/ft9demo.py" play
