#!/usr/bin/env bash
# The README's run command ends here: deploy the freshly built EAR and start WildFly in the foreground.
# Usage: run.sh <jboss-home> <kagi.ear>
set -uo pipefail
home=$1 ear=$2
rm -f "$home"/standalone/deployments/kagi.ear.*
cp "$ear" "$home/standalone/deployments/kagi.ear"
bash "$home/bin/kagi.sh"
status=$?
# Stopping with Ctrl-C or a TERM signal is the normal way to end a foreground server, not a build failure.
case $status in 130 | 143) exit 0 ;; *) exit $status ;; esac
