#!/usr/bin/env bash
# Runs the whole suite several times in a row, each time in a new random order of test classes
# and of the methods within each class, while other processes keep cores busy: a test that leans
# on another's leftovers, on the order it runs in, or on a real-time margin fails here.
#
#   bash .ci/order-and-load.sh [RUNS] [BUSY]     RUNS: default 5; BUSY: busy processes, default 2
#
# Not part of .ci/run: each run is a full './mvnw -B verify', every test of the reactor (the
# browser tests too: .ci/chromium.sh as in .ci/run), without the CLI's distribution archives
# (-Dmfa.dist.skip=true, packaging only) and without .ci/run's release steps, so without the
# consumer tests, which need a staged release. Each run's random seed is printed; to replay a
# failing order, pass the same -Djunit.jupiter.execution.order.random.seed with the two
# orderers below. The PostgreSQL tests get a throwaway server (.ci/postgres.sh), as in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
busy="${2:-2}"
logs="$(mktemp -d -t mfa4j-order-and-load.XXXXXX)"
pg_dir="$(mktemp -d -t mfa4j-pg.XXXXXX)"
load_pids=()

cleanup() {
  # Only the processes this script started, by their ids.
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash .ci/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash .ci/postgres.sh start "$pg_dir" >/dev/null
. "$pg_dir/env"
bash .ci/chromium.sh >/dev/null
export CI=true

# The load: one busy loop per core to keep busy. 'yes' needs nothing installed.
for _ in $(seq 1 "$busy"); do
  yes > /dev/null &
  load_pids+=("$!")
done
echo "order-and-load: $runs runs, $busy busy processes (${load_pids[*]}), logs in $logs"

failed=0
for run in $(seq 1 "$runs"); do
  seed="$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
  started="$(date +%s)"
  if ./mvnw -B verify -Dmfa.dist.skip=true \
      '-Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$Random' \
      '-Djunit.jupiter.testmethod.order.default=org.junit.jupiter.api.MethodOrderer$Random' \
      "-Djunit.jupiter.execution.order.random.seed=$seed" \
      > "$logs/run-$run.log" 2>&1; then
    result=green
  else
    result=RED
    failed=$((failed + 1))
  fi
  echo "run $run: seed $seed: $result in $(( $(date +%s) - started )) s (load average $(cut -d' ' -f1 /proc/loadavg))"
done

if [ "$failed" -gt 0 ]; then
  echo "order-and-load: $failed of $runs runs failed; see $logs" >&2
  exit 1
fi
echo "order-and-load: all $runs runs green"
