#!/usr/bin/env bash
# Benchmark 5 of docs/benchmarks.md: PUSHES browsers' worth of pushes waiting at once through the
# mfa4j step of a Spring Boot application (Tomcat with its default thread pool), against the Duo
# simulator; ROUNDS runs, one JVM each. Writes benchmarks/web-push/target/results/round-N.txt.
#
# Usage: benchmarks/web-push/run.sh      (from anywhere; about a minute a round on 2 cores)
# Knobs (environment): PUSHES=1000 ROUNDS=3 HEAP=1g
set -euo pipefail
cd "$(dirname "$0")/../.."

PUSHES=${PUSHES:-1000}
ROUNDS=${ROUNDS:-3}
HEAP=${HEAP:-1g}
OUT=benchmarks/web-push/target/results

./mvnw -B -q -DskipTests package -pl benchmarks/web-push -am
rm -rf "$OUT"
mkdir -p "$OUT"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "jdk: $(java -version 2>&1 | sed -n 2p)"
  echo "open files limit: $(ulimit -n)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
for round in $(seq 1 "$ROUNDS"); do
  timeout -k 30 600 java "-Xmx$HEAP" -jar benchmarks/web-push/target/web-push.jar --pushes "$PUSHES" --limit-seconds 300 \
    > "$OUT/round-$round.log" 2>&1 || echo "round $round: exit $?" >&2
  grep '^RESULT ' "$OUT/round-$round.log" | sed 's/^RESULT //' > "$OUT/round-$round.txt" || true
  echo "round $round: $(cat "$OUT/round-$round.txt")"
done
