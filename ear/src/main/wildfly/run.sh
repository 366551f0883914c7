#!/usr/bin/env bash
# The README's run command ends here: deploy the freshly built EAR and start WildFly in the foreground.
# Usage: run.sh <jboss-home> <kagi.ear>
set -uo pipefail
home=$1 ear=$2
rm -f "$home"/standalone/deployments/kagi.ear.*
cp "$ear" "$home/standalone/deployments/kagi.ear"
# WildFly's own script writes the server's PID to JBOSS_PIDFILE (in background mode, still in the foreground for the
# user: it waits and relays Ctrl-C), under this checkout's ear/target: .ci/run stops a server left running by it alone.
export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=${KAGI_PID_FILE:-$(dirname "$ear")/wildfly-run.pid}
bash "$home/bin/kagi.sh"
status=$?
# Stopping with Ctrl-C or a TERM signal is the normal way to end a foreground server, not a build failure.
case $status in 130 | 143) exit 0 ;; *) exit $status ;; esac
