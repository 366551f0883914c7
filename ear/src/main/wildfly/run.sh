#!/usr/bin/env bash
# The README's run command ends here: deploy the freshly built EAR and start WildFly in the foreground.
# Usage: run.sh <jboss-home> <kagi.ear>
set -euo pipefail
home=$1 ear=$2
rm -f "$home"/standalone/deployments/kagi.ear.*
cp "$ear" "$home/standalone/deployments/kagi.ear"
exec bash "$home/bin/kagi.sh"
