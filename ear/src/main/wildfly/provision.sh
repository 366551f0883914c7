#!/usr/bin/env bash
# Configures the unpacked wildfly-dist for Kagi, offline (embed-server), once per change of the CLI scripts.
# Usage: provision.sh <jboss-home> <dir holding wildfly-dist.zip and postgresql.jar>
set -euo pipefail
home=$1 extras=$2
pgjar=$extras/postgresql.jar
here=$(cd "$(dirname "$0")" && pwd)

stamp=$(cat "$here"/*.cli "$here"/provision.sh "$here"/bin/* | sha256sum | cut -c1-16)
marker="$home/.kagi-provisioned-$stamp"
if [ -f "$marker" ]; then
  echo "WildFly at $home already configured for Kagi ($stamp)"
  exit 0
fi
# Configuration is not idempotent: a changed script means a fresh server from the pristine zip. The data directory
# of a development run (standalone/data/kagi: CA keys, H2 database) is carried over, never thrown away.
keep=""
if [ -d "$home/standalone/data/kagi" ]; then
  keep=$(mktemp -d)
  mv "$home/standalone/data/kagi" "$keep/kagi"
fi
rm -rf "$home"
parent=$(dirname "$home")
mkdir -p "$parent"
unzip -q -o "$extras/wildfly-dist.zip" -d "$parent"
[ -d "$home" ] || { echo "wildfly-dist.zip did not unpack to $home" >&2; exit 1; }
if [ -n "$keep" ]; then
  mkdir -p "$home/standalone/data"
  mv "$keep/kagi" "$home/standalone/data/kagi"
  rmdir "$keep"
fi

# PostgreSQL JDBC driver as a static module (a module survives redeployments; a deployed driver jar does not).
mod="$home/modules/org/postgresql/main"
mkdir -p "$mod"
cp "$pgjar" "$mod/postgresql.jar"
cat > "$mod/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources><resource-root path="postgresql.jar"/></resources>
  <dependencies>
    <module name="java.logging"/>
    <module name="java.sql"/>
    <module name="java.management"/>
    <module name="java.naming"/>
    <module name="java.security.jgss"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML

install -m 0755 "$here/bin/kagi.sh" "$home/bin/kagi.sh"
install -m 0755 "$here/bin/kagi-asp-seed.sh" "$home/bin/kagi-asp-seed.sh"
install -m 0755 "$here/bin/kagi-cluster.sh" "$home/bin/kagi-cluster.sh"
chmod +x "$home"/bin/*.sh

# The 8444 trust store before Kagi's CA exists (first start): one throwaway self-signed certificate whose key is
# discarded at once, so that it admits nobody. Elytron needs at least one trust anchor to start the listener; the
# application replaces the store with the CA chain as soon as the CA is ready (jp.kagi.asp.AspTrustSync).
tmp=$(mktemp -d)
keytool -genkeypair -alias placeholder -keyalg EC -groupname secp256r1 -validity 1 \
  -dname "CN=Kagi ASP placeholder (no CA yet)" -keystore "$tmp/key.p12" -storetype PKCS12 -storepass placeholder >/dev/null 2>&1
keytool -exportcert -alias placeholder -keystore "$tmp/key.p12" -storepass placeholder -file "$tmp/placeholder.cer" >/dev/null 2>&1
keytool -importcert -noprompt -alias placeholder -file "$tmp/placeholder.cer" -storetype PKCS12 -storepass kagi-asp-trust \
  -keystore "$home/standalone/configuration/kagi-asp-placeholder.p12" >/dev/null 2>&1
rm -rf "$tmp"
# The embedded server of configure.cli starts the listener's trust manager, which needs both files.
bash "$home/bin/kagi-asp-seed.sh" "$home/standalone/configuration/kagi-asp-placeholder.p12" "$home/standalone/data/kagi"

# The same configuration for one server (standalone.xml) and for a cluster node (standalone-ha.xml, plus ha.cli), each
# in one batch: configure.cli for every server, metrics.cli (metrics and health), ha.cli for cluster nodes only.
for config in standalone.xml standalone-ha.xml; do
  script=$(mktemp)
  {
    echo "embed-server --std-out=discard --server-config=$config"
    echo "batch"
    cat "$here/configure.cli"
    [ -f "$here/metrics.cli" ] && cat "$here/metrics.cli"
    [ "$config" = standalone-ha.xml ] && [ -f "$here/ha.cli" ] && cat "$here/ha.cli"
    echo "run-batch"
    echo "stop-embedded-server"
  } >"$script"
  JAVA_OPTS="-Xmx512m" bash "$home/bin/jboss-cli.sh" --file="$script"
  rm -f "$script"
done
touch "$marker"
echo "WildFly at $home configured for Kagi ($stamp)"
