#!/bin/sh
# Kagi ASP kit: refreshes the CRL of Kagi's issuing CA in this directory, for Apache's SSLCARevocationFile.
# Customer: {{CUSTOMER}}
#
# Downloads the CRL (DER), checks its signature against ca-chain.pem, converts it to PEM and, only when it changed,
# replaces issuing-ca.crl and issuing-ca.crl.pem and reloads the web server. A download that is not a valid Kagi
# CRL (an error page, a cut-off file) never replaces the good one. Exit status 0: unchanged or updated.
#
# The reload command: KAGI_RELOAD_COMMAND, by default "apachectl -k graceful" (graceful: open connections finish).
# Needs curl (or wget), openssl and cmp.
set -eu

CRL_URL={{SHELL_CRL_URL}}
KIT_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
RELOAD=${KAGI_RELOAD_COMMAND:-apachectl -k graceful}

new=$(mktemp "$KIT_DIR/.issuing-ca.crl.XXXXXX")
trap 'rm -f "$new" "$new.pem"' EXIT

if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 60 -o "$new" "$CRL_URL"
else
    wget -q -T 60 -O "$new" "$CRL_URL"
fi

if ! openssl crl -inform DER -in "$new" -CAfile "$KIT_DIR/ca-chain.pem" -noout >/dev/null 2>&1; then
    echo "refresh-crl: $CRL_URL did not give a CRL signed by Kagi's issuing CA; keeping the current one" >&2
    exit 1
fi
openssl crl -inform DER -in "$new" -outform PEM -out "$new.pem"

if [ -f "$KIT_DIR/issuing-ca.crl.pem" ] && cmp -s "$new.pem" "$KIT_DIR/issuing-ca.crl.pem"; then
    echo "refresh-crl: unchanged"
    exit 0
fi

chmod 644 "$new" "$new.pem"
mv -f "$new" "$KIT_DIR/issuing-ca.crl"
mv -f "$new.pem" "$KIT_DIR/issuing-ca.crl.pem"
echo "refresh-crl: updated ($(openssl crl -in "$KIT_DIR/issuing-ca.crl.pem" -noout -crlnumber)); reloading"
sh -c "$RELOAD"
