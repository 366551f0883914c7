#!/usr/bin/env bash
# Starts Kagi's WildFly in the foreground. Picks the JDBC driver from KAGI_DB_URL so that operators set only the
# variables SPEC.md names (KAGI_DB_URL, KAGI_DB_USER, KAGI_DB_PASSWORD).
here=$(cd "$(dirname "$0")" && pwd)
case "${KAGI_DB_URL:-}" in
  jdbc:postgresql:*) export KAGI_DB_DRIVER=postgresql ;;
  "" | jdbc:h2:*) ;;
  *) echo "KAGI_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL" >&2; exit 2 ;;
esac
# The 8444 listener's trust store and CRL under the data directory: a placeholder that admits nobody until the
# application writes Kagi's CA chain there (first start only; see configure.cli).
data=${KAGI_DATA_DIR:-$here/../standalone/data/kagi}
bash "$here/kagi-asp-seed.sh" "$here/../standalone/configuration/kagi-asp-placeholder.p12" "$data"
# The TLS keystore's password (configure.cli, kagi.tls.keystore.password): random per installation, generated at the
# first start into a file only the server's user can read, and handed to WildFly as a properties file, so that it
# appears on no command line.
tls=$here/../standalone/configuration/kagi-tls.properties
if [ ! -s "$tls" ]; then
  (umask 077 && printf 'kagi.tls.keystore.password=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" >"$tls.tmp" \
    && mv "$tls.tmp" "$tls")
fi
chmod 600 "$tls"
# javax.net.debug set and empty: the JDK reports refused TLS handshakes to the System.Logger javax.net.ssl, where
# Kagi counts and logs them (configure.cli); it must be set before the first TLS use, hence here.
# KAGI_LOG_FORMAT=json: the console and server log write JSON (one object a line) instead of text (metrics.cli).
logs=()
case "${KAGI_LOG_FORMAT:-text}" in
  json) logs=(-Dkagi.log.plain.level=OFF -Dkagi.log.json.level=ALL) ;;
  text) ;;
  *) echo "KAGI_LOG_FORMAT must be text or json" >&2; exit 2 ;;
esac
exec bash "$here/standalone.sh" -Djavax.net.debug= "--properties=file:$tls" "${logs[@]}" "$@"
