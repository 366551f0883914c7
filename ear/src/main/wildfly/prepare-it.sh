#!/usr/bin/env bash
# Gives each integration-test run its own fresh server base directory (configuration, data, logs), so that tests
# never see the data of a development run nor of an earlier test run.
# Usage: prepare-it.sh <jboss-home> <it-dir> <postgresql schema of this build> <port offset>
set -euo pipefail
home=$1 dir=$2 schema=${3:-} offset=${4:-0}
rm -rf "$dir"
# Failsafe merges a run's summary into one left by an earlier build: start every build with no reports.
rm -rf "$(dirname "$dir")/failsafe-reports"
for db in h2 postgresql restart; do
  mkdir -p "$dir/$db"
  cp -r "$home/standalone/configuration" "$dir/$db/configuration"
  mkdir -p "$dir/$db/deployments" "$dir/$db/data" "$dir/$db/log"
  # What bin/kagi.sh does before a start: the 8444 listener's placeholder trust store and empty CRL.
  bash "$home/bin/kagi-asp-seed.sh" "$home/standalone/configuration/kagi-asp-placeholder.p12" "$dir/$db/data/kagi"
  # Certificates name http://localhost:8080/ocsp, but a test server listens on 8080 + offset: the 8444 listener asks
  # the server under test (arquillian.xml passes this file to the server with --properties).
  # javax.net.debug empty, as bin/kagi.sh sets it: refused TLS handshakes reach Kagi's handler.
  printf 'kagi.asp.ocsp.url=http://127.0.0.1:%s/ocsp\njavax.net.debug=\n' $((8080 + offset)) > "$dir/$db/kagi-it.properties"
done
# PostgreSQL runs use a schema of their own (kagi_it_<build time>, created by Flyway). The database is shared, so
# only our schemas go, and only those of builds older than six hours: a build running beside this one keeps its own.
if command -v psql >/dev/null 2>&1 && [ -n "$schema" ]; then
  cutoff=$(date -u -d '6 hours ago' +%Y%m%d%H%M%S)
  psql -h 127.0.0.1 -U postgres -d test -qtA -c "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kagi_it%'" \
      2>/dev/null | while read -r old; do
    stamp=${old#kagi_it_}
    if [ "$old" = "kagi_it" ] || { [[ $stamp =~ ^[0-9]{14}$ ]] && [ "$stamp" -lt "$cutoff" ]; }; then
      psql -h 127.0.0.1 -U postgres -d test -q -c "DROP SCHEMA IF EXISTS \"$old\" CASCADE" >/dev/null 2>&1 || true
    fi
  done
fi
