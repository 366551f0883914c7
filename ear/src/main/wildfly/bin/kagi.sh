#!/usr/bin/env bash
# Starts Kagi's WildFly in the foreground. Picks the JDBC driver from KAGI_DB_URL so that operators set only the
# variables SPEC.md names (KAGI_DB_URL, KAGI_DB_USER, KAGI_DB_PASSWORD).
here=$(cd "$(dirname "$0")" && pwd)
case "${KAGI_DB_URL:-}" in
  jdbc:postgresql:*) export KAGI_DB_DRIVER=postgresql ;;
  "" | jdbc:h2:*) ;;
  *) echo "KAGI_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL" >&2; exit 2 ;;
esac
exec bash "$here/standalone.sh" "$@"
