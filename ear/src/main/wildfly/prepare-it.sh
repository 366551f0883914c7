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
  # System properties of each test server (arquillian.xml passes this file with --properties). A test server listens
  # on 8080 + offset: the plain-HTTP URL that certificates and the ASP kit print, and the 8444 listener's OCSP
  # responder, must reach the server under test; an IP, so that relying parties such as nginx need no DNS resolver.
  # javax.net.debug empty, as bin/kagi.sh sets it: refused TLS handshakes reach Kagi's handler.
  printf 'kagi.public.http.url=http://127.0.0.1:%s\nkagi.asp.ocsp.url=http://127.0.0.1:%s/ocsp\njavax.net.debug=\n' \
      $((8080 + offset)) $((8080 + offset)) > "$dir/$db/kagi-it.properties"
  # The TLS keystore's password, random per server as bin/kagi.sh makes it (configure.cli); TransportIT reads it here.
  printf 'kagi.tls.keystore.password=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
      >> "$dir/$db/kagi-it.properties"
  chmod 600 "$dir/$db/kagi-it.properties"
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
