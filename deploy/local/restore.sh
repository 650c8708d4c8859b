#!/usr/bin/env bash
# Puts a backup made by backup.sh back as the local suite's database, replacing what is there, then the suite starts
# again with up.sh from the state of the backup. What happened after the backup is not in it: events the broker still
# holds from after it are not applied again (the consumers' offsets are past them, and so are their producers'),
# events the backup had not yet published are published again from its outboxes (consumers apply each once).
#   deploy/local/restore.sh <file> [--yes]     asks first unless --yes; the suite must be stopped (down.sh)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

file="" yes=0
for arg in "$@"; do
  case "$arg" in
    --yes|-y) yes=1 ;;
    -*) fail "unknown option $arg (restore.sh <file> [--yes])" ;;
    *) [ -z "$file" ] || fail "one backup file at a time (restore.sh <file> [--yes])"; file="$arg" ;;
  esac
done
[ -n "$file" ] || fail "usage: deploy/local/restore.sh <file> [--yes] (backups are made by deploy/local/backup.sh)"
[ -s "$file" ] || fail "no backup at $file"
ensure_local_env >/dev/null
ensure_postgres >/dev/null
pg_admin_tool pg_restore -l "$file" >/dev/null 2>&1 </dev/null || fail "$file is not a backup pg_restore can read"
suite_running && fail "the suite is running on database $PG_DB: stop it first with deploy/local/down.sh"
if [ "$yes" = 0 ]; then
  [ -t 0 ] || fail "restoring replaces database $PG_DB; add --yes to do it without a terminal"
  printf '[ft9] This replaces database %s (everything in it now) with the backup %s.\n' "$PG_DB" "$file"
  read -r -p "[ft9] Type yes to go on: " answer
  [ "$answer" = yes ] || { say "nothing was restored"; exit 1; }
fi

pg_admin -d postgres -c "drop database if exists $PG_DB with (force)" </dev/null || fail "could not drop database $PG_DB"
ensure_database >/dev/null
# The schemas ensure_database made are replaced by the backup's (same names and owners); then its grants again.
if ! pg_admin_tool pg_restore --clean --if-exists --exit-on-error -d "$PG_DB" <"$file" >"$FT9_LOGS/restore.log" 2>&1; then
  fail "pg_restore failed, database $PG_DB is incomplete: $(grep -m1 -i error "$FT9_LOGS/restore.log")"
fi
ensure_database >/dev/null
say "restored database $PG_DB from $file; start the suite with deploy/local/up.sh"
