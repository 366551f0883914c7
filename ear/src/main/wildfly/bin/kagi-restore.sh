#!/usr/bin/env bash
# Restores a kagi-backup.sh backup onto a stopped node: KAGI_DATA_DIR from the archive, the database with pg_restore
# into KAGI_DB_URL's database (the schema keeps the name it had, see the manifest). Checks the manifest's checksums
# first. Refuses a target that already holds a Kagi (a keystore in the data directory, tables in the schema) unless
# --force, which replaces them.
# --skip-numbers N moves the dscaNNNNN sequence and the CRL number on by N: certificates and CRLs that the lost node
# issued after the backup are then never numbered again (see docs/operations.md, "Backup and restore").
# Usage: kagi-restore.sh [--force] [--skip-numbers N] <backup directory>   (the same KAGI_* variables as bin/kagi.sh)
set -euo pipefail
umask 077
here=$(cd "$(dirname "$0")" && pwd)
force=false skip=0
while [ $# -gt 1 ]; do
  case "$1" in
    --force) force=true; shift ;;
    --skip-numbers) skip=$2; shift 2 ;;
    *) break ;;
  esac
done
dir=${1:?usage: kagi-restore.sh [--force] [--skip-numbers N] <backup directory>}
[[ $skip =~ ^[0-9]+$ ]] || { echo "--skip-numbers takes a number" >&2; exit 2; }
manifest=$dir/manifest.txt
[ -f "$manifest" ] || { echo "No manifest.txt in $dir" >&2; exit 2; }
(cd "$dir" && sed -n 's/^sha256 //p' manifest.txt | sha256sum --check --quiet) \
  || { echo "Backup files do not match manifest.txt" >&2; exit 1; }
kind=$(sed -n 's/^database=//p' "$manifest")
data=${KAGI_DATA_DIR:-$here/../standalone/data/kagi}

if [ -e "$data/ca" ] || [ -e "$data/db" ]; then
  $force || { echo "$data already holds a Kagi (ca/ or db/): refusing to overwrite it without --force" >&2; exit 2; }
  rm -rf "$data/ca" "$data/db"
fi
if [ "$kind" = postgresql ]; then
  # shellcheck source=kagi-db-env.sh
  . "$here/kagi-db-env.sh"
  kagi_db_env
  schema=$(sed -n 's/^schema=//p' "$manifest")
  if [ "$KAGI_SCHEMA" != "$schema" ]; then
    echo "The backup is of schema $schema; set KAGI_DB_SCHEMA/currentSchema to it (pg_restore keeps schema names)" >&2
    exit 2
  fi
  tables=$(psql -qtAX -v ON_ERROR_STOP=1 -c \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = '$schema'")
  if [ "$tables" != 0 ]; then
    $force || { echo "Schema $schema in $PGDATABASE has $tables tables: refusing to overwrite it without --force" >&2; exit 2; }
    psql -qX -v ON_ERROR_STOP=1 -c "DROP SCHEMA \"$schema\" CASCADE"
  fi
  # An empty schema of that name (created by hand for the restore) would make pg_restore's CREATE SCHEMA fail.
  psql -qX -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS \"$schema\"" 2>/dev/null || true
  # --no-owner: the restoring role owns the objects (the one Kagi connects with); the privileges (the audit log's
  # REVOKE) come back as dumped.
  pg_restore --exit-on-error --no-owner --dbname="$PGDATABASE" "$dir/kagi-db.dump"
  if [ "$skip" != 0 ]; then
    # A CRL number of 0 means no CRL yet: the first one starts at the epoch millisecond, above anything the lost node
    # can have signed since the backup, so it stays 0.
    psql -qX -v ON_ERROR_STOP=1 -c "UPDATE \"$schema\".issuer SET next_cn_number = next_cn_number + $skip" \
      -c "UPDATE \"$schema\".crl_state SET next_number = next_number + $skip WHERE next_number <> 0"
  fi
elif [ "$kind" = h2 ]; then
  [ "$skip" = 0 ] || { echo "--skip-numbers: start Kagi on the restored H2, stop it, then use SQL (docs)" >&2; exit 2; }
else
  echo "Unknown database kind in manifest: $kind" >&2
  exit 2
fi
mkdir -p "$data"
tar -C "$data" -xzf "$dir/kagi-data.tar.gz"
chmod 700 "$data" # tar restores the archived directory's own mode
echo "Kagi restored from $dir into $data${kind:+ ($kind)}; start Kagi with bin/kagi.sh"
