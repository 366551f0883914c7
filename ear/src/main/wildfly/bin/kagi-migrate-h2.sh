#!/usr/bin/env bash
# Moves Kagi from the embedded H2 to PostgreSQL: Flyway creates the schema in the (empty) target, then every table is
# copied with its ids and bytes, the identity sequences are moved on, and the row counts are compared
# (kagi-migrate-h2.java). Stop Kagi first. Afterwards start Kagi with KAGI_DB_URL and the SAME KAGI_DATA_DIR: the CA
# keystore stays where it is.
# Usage: KAGI_DB_URL=jdbc:postgresql://host/db KAGI_DB_USER=… KAGI_DB_PASSWORD=… [KAGI_DB_SCHEMA=…] \
#        kagi-migrate-h2.sh [kagi.ear]     (default: the deployed standalone/deployments/kagi.ear)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "$here/.." && pwd)
ear=${1:-$home/standalone/deployments/kagi.ear}
[ -f "$ear" ] || { echo "No Kagi EAR at $ear: pass its path" >&2; exit 2; }
export KAGI_DATA_DIR=${KAGI_DATA_DIR:-$home/standalone/data/kagi}
[ -f "$KAGI_DATA_DIR/db/kagi.mv.db" ] || { echo "No H2 database at $KAGI_DATA_DIR/db/kagi.mv.db" >&2; exit 2; }
h2=$(ls "$home"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar | head -1)
pg=$home/modules/org/postgresql/main/postgresql.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Flyway (and what it needs) and the migrations, exactly as the EAR runs them.
unzip -q "$ear" 'lib/*' kagi-ejb.jar -d "$tmp"
cp="$tmp/kagi-ejb.jar:$h2:$pg"
for jar in "$tmp"/lib/*.jar; do cp="$cp:$jar"; done
java -cp "$cp" "$here/kagi-migrate-h2.java"
