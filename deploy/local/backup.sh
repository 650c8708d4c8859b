#!/usr/bin/env bash
# A backup of the local suite's database: every service's schema in one consistent snapshot (pg_dump's custom format),
# taken while the suite runs or not.
#   deploy/local/backup.sh [file]     default deploy/local/backups/<database>-<UTC time>.dump (git-ignored)
# It holds the organisations' data (patients' messages included): keep it where only the operator can read it.
# Kubernetes: CloudNativePG's scheduled backups (deploy/k8s/base/postgres); see docs/operations.md.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -le 1 ] || fail "usage: deploy/local/backup.sh [file]"
ensure_local_env >/dev/null
ensure_postgres >/dev/null
[ "$(pg_admin -d postgres -Atc "select 1 from pg_database where datname='$PG_DB'" </dev/null)" = 1 ] \
  || fail "there is no database $PG_DB to back up"
file="${1:-$FT9_LOCAL/backups/$PG_DB-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
schemas=()
for s in "${FT9_SCHEMAS[@]}"; do schemas+=(-n "$s"); done
umask 077
if ! pg_admin_tool pg_dump -Fc "${schemas[@]}" -d "$PG_DB" >"$file.partial" 2>"$FT9_LOGS/backup.log"; then
  rm -f "$file.partial"
  fail "pg_dump failed: $(head -1 "$FT9_LOGS/backup.log")"
fi
mv "$file.partial" "$file"
say "backed up database $PG_DB (schemas ${FT9_SCHEMAS[*]}) to $file ($(du -h "$file" | cut -f1))"
say "restore it with: deploy/local/restore.sh $file"
