#!/usr/bin/env bash
# Seeds the 8444 listener's trust store (a placeholder trusting nobody) and an empty CRL file when they are missing,
# so that Elytron can start the listener before Kagi's CA exists. Never overwrites what the application wrote.
# Usage: kagi-asp-seed.sh <placeholder.p12> <kagi data dir>
set -euo pipefail
placeholder=$1 data=$2
mkdir -p "$data/asp"
[ -f "$data/asp/trust.p12" ] || cp "$placeholder" "$data/asp/trust.p12"
[ -f "$data/asp/issuing-ca.crl" ] || : > "$data/asp/issuing-ca.crl"
