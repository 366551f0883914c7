#!/usr/bin/env bash
# Gives each integration-test run its own fresh server base directory (configuration, data, logs), so that tests
# never see the data of a development run nor of an earlier test run.
# Usage: prepare-it.sh <jboss-home> <it-dir>
set -euo pipefail
home=$1 dir=$2
rm -rf "$dir"
for db in h2 postgresql; do
  mkdir -p "$dir/$db"
  cp -r "$home/standalone/configuration" "$dir/$db/configuration"
  mkdir -p "$dir/$db/deployments" "$dir/$db/data" "$dir/$db/log"
done
# PostgreSQL runs start from an empty schema; the database itself is shared with other projects, so only ours goes.
if command -v psql >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d test -q -c 'DROP SCHEMA IF EXISTS kagi_it CASCADE' >/dev/null 2>&1 ||
    echo "prepare-it: could not reset schema kagi_it on 127.0.0.1:5432 (PostgreSQL tests will fail if it holds old data)" >&2
fi
