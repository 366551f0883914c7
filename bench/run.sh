#!/usr/bin/env bash
# Runs Kagi's benchmarks on the provisioned WildFly and rewrites their sections of docs/performance.md.
# Usage: bench/run.sh [BenchmarkIT class pattern]   (default: every *BenchmarkIT)
set -euo pipefail
cd "$(dirname "$0")/.."
pattern=${1:-'*BenchmarkIT'}
./mvnw -B -ntp verify -Pbench -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$pattern"
echo "Results: docs/performance.md"
