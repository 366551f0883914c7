#!/usr/bin/env bash
# Backs up Kagi: the database (pg_dump, custom format, Kagi's schema only) and KAGI_DATA_DIR (the CA keystore with the
# key-encryption keys, its password file, the 8444 trust files), into a new directory with a manifest of versions and
# SHA-256 checksums. Every file is 0600: the backup holds the CA keys and every pending private key.
# Usage: kagi-backup.sh <new backup directory>      (the same KAGI_* variables as bin/kagi.sh)
# PostgreSQL: taken while Kagi runs. The database first, then the data directory: the keystore only ever gains KEK
# versions while Kagi runs, so a keystore copied after the dump opens every row of the dump. A keystore changed in
# between (KEK rotated or retired, root key taken offline) fails the backup: run it again.
# Embedded H2: stop Kagi first and pass --stopped; the whole data directory (database included) is archived.
set -euo pipefail
umask 077
here=$(cd "$(dirname "$0")" && pwd)
stopped=false
if [ "${1:-}" = "--stopped" ]; then stopped=true; shift; fi
out=${1:?usage: kagi-backup.sh [--stopped] <new backup directory>}
data=${KAGI_DATA_DIR:-$here/../standalone/data/kagi}
keystore=$data/ca/kagi-ca.p12
[ -f "$keystore" ] || { echo "No CA keystore at $keystore (KAGI_DATA_DIR?)" >&2; exit 2; }
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then echo "$out exists and is not empty" >&2; exit 2; fi
mkdir -p "$out"
chmod 700 "$out"
before=$(sha256sum "$keystore" | cut -d' ' -f1)
{
  echo "# Kagi backup"
  echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(hostname)"
} >"$out/manifest.txt"
if [ -n "${KAGI_DB_URL:-}" ] && [[ ${KAGI_DB_URL} != jdbc:h2:* ]]; then
  # shellcheck source=kagi-db-env.sh
  . "$here/kagi-db-env.sh"
  kagi_db_env
  pg_dump --format=custom --schema="$KAGI_SCHEMA" --file="$out/kagi-db.dump"
  {
    echo "database=postgresql"
    echo "schema=$KAGI_SCHEMA"
    echo "schema_version=$(psql -qtAX -c "SELECT version FROM \"$KAGI_SCHEMA\".flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")"
    echo "server_version=$(psql -qtAX -c 'SHOW server_version')"
    echo "pg_dump=$(pg_dump --version)"
  } >>"$out/manifest.txt"
  # The H2 files of an earlier embedded run are no part of a PostgreSQL installation's state.
  tar -C "$data" --exclude=./db -czf "$out/kagi-data.tar.gz" .
else
  $stopped || { echo "Embedded H2: stop Kagi, then run kagi-backup.sh --stopped <dir> (a running H2 file is not consistent)" >&2; exit 2; }
  echo "database=h2" >>"$out/manifest.txt"
  tar -C "$data" -czf "$out/kagi-data.tar.gz" .
fi
after=$(sha256sum "$keystore" | cut -d' ' -f1)
if [ "$before" != "$after" ]; then
  echo "The CA keystore changed during the backup (KEK rotation, root key offline?): $out is not consistent, run again" >&2
  rm -rf "$out"
  exit 1
fi
echo "keystore_sha256=$after" >>"$out/manifest.txt"
(cd "$out" && sha256sum kagi-data.tar.gz $( [ -f kagi-db.dump ] && echo kagi-db.dump ) | sed 's/^/sha256 /') >>"$out/manifest.txt"
chmod 600 "$out"/*
echo "Kagi backup written to $out"
