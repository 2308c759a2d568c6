#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md and writes benchmarks/target/results/:
#   1, 2  JMH (RequestSigningBenchmark, VerifyOverheadBenchmark), one JMH run per round
#   3     PasscodeLoad: mfa4j, duo-client and the java.net.http floor against one simulator JVM
#         on 127.0.0.1:443, at concurrency 1, 16 and 64, the clients alternating (order rotated) each round
#   4     PushConcurrency: 10,000 mfa4j pushes, then duo-client at growing counts until it fails
#   6     JMH RecoveryCodeCheckBenchmark: one recovery-code check (Argon2id), right and wrong codes
#   7     TotpVerifyBenchmark, paired in one JVM: TOTP verify through MfaService beside the fake
#         provider's path and the TOTP verifier alone (medians per path in totp-round*.txt)
#   8     StoreBenchmark: mfa4j's JDBC stores on a throwaway PostgreSQL against a bare-JDBC floor, one
#         and two node JVMs, data growing to 1,000,000 principals, lockout under load, Duo end to end
#         (benchmarks/store-load.sh; its own knobs are described there)
#   report.md  the tables (medians, ranges, ratios), made by Report from the raw results
#
# Usage: benchmarks/run.sh            (from anywhere; about 25 minutes on 2 cores)
# Knobs (environment): ROUNDS=3  WARMUP=15 (s, per load JVM)  MEASURE=10 (s, per level)  PUSHES=10000  DUO_COUNTS="100 1000 3000 5000 10000"
#                      SKIP="1 2 3 4 6 7 8" entries to skip, e.g. SKIP="3 4 7 8" for JMH only
#                      OUT=benchmarks/target/results (emptied first)
# Needs: JDK 17+, root (or CAP_NET_BIND_SERVICE) for port 443, which Duo's client requires; for 8,
# PostgreSQL or root with apt-get (.ci/postgres.sh installs Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-15}
SLICE=${SLICE:-350000}
MEASURE=${MEASURE:-10}
PUSHES=${PUSHES:-10000}
DUO_COUNTS=${DUO_COUNTS:-"100 1000 3000 5000 10000"}
SKIP=${SKIP:-}
OUT=${OUT:-benchmarks/target/results}
JAR=benchmarks/target/benchmarks.jar

skipped() { [[ " $SKIP " == *" $1 "* ]]; }

./mvnw -B -q -DskipTests package -pl benchmarks -am
SIM_JAR=$(ls mfa-testkit/target/mfa-testkit-*-standalone.jar | head -1)
rm -rf "$OUT"
mkdir -p "$OUT"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "jdk: $(java -version 2>&1 | sed -n 2p)"
  echo "kernel: $(uname -sr)"
  echo "open files limit: $(ulimit -n)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

SIM_PID=
stop_simulator() {
  if [[ -n "$SIM_PID" ]]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=
  fi
}
trap stop_simulator EXIT

# start_simulator CONFIG LOG: the testkit's standalone simulator on 127.0.0.1:443, in its own JVM.
start_simulator() {
  local config=$1 log=$2
  for attempt in $(seq 1 30); do
    java -Xmx2g $SIM_JVM_OPTS -jar "$SIM_JAR" --port 443 --bind 127.0.0.1 --config "$config" --cert-out "$OUT/simulator.pem" > "$log" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 120); do
      if grep -q 'Duo simulator listening' "$log"; then return 0; fi
      if ! kill -0 "$SIM_PID" 2>/dev/null; then break; fi
      sleep 0.5
    done
    stop_simulator
    # Another build's interop test may hold 443 for a while.
    echo "simulator did not start (attempt $attempt): $(tail -2 "$log")" >&2
    sleep 2
  done
  echo "cannot start the simulator on 127.0.0.1:443" >&2
  exit 1
}

SIM_ARGS=(--host localhost --port 443 --pem "$OUT/simulator.pem")
# The JDK HTTP server closes idle keep-alive connections past 200; a client that reuses one as it
# closes gets "header parser received no bytes". 10,000 pushes keep ~1,000 connections alive.
SIM_JVM_OPTS="-Dsun.net.httpserver.maxIdleConnections=20000"
# JDK 17's HttpClient.sendAsync completes every response through CompletableFuture's default
# executor; where the common pool has parallelism 1 (2 CPUs), that is a new thread per response.
# Every load client (mfa4j and the java.net.http floor alike; duo-client does not use it) runs with
# a common pool of 2, as docs/benchmarks.md recommends for hosts with 2 CPUs.
CLIENT_JVM_OPTS="-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"

# ---- 1 and 2: JMH ---------------------------------------------------------------------------
if ! skipped 1 || ! skipped 2; then
  PATTERN='RequestSigningBenchmark|VerifyOverheadBenchmark'
  skipped 1 && PATTERN='VerifyOverheadBenchmark'
  skipped 2 && PATTERN='RequestSigningBenchmark'
  for round in $(seq 1 "$ROUNDS"); do
    echo "JMH round $round of $ROUNDS"
    java -jar "$JAR" -f 1 -wi 8 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$OUT/jmh-round$round.json" "$PATTERN" \
      > "$OUT/jmh-round$round.txt" 2>&1
  done
fi

# ---- 6: a recovery-code check (Argon2id with the default policy) ----------------------------
if ! skipped 6; then
  for round in $(seq 1 "$ROUNDS"); do
    echo "JMH (recovery codes) round $round of $ROUNDS"
    java -jar "$JAR" -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "$OUT/jmh6-round$round.json" RecoveryCodeCheckBenchmark \
      > "$OUT/jmh6-round$round.txt" 2>&1
  done
fi

# ---- 7: TOTP verify through MfaService, paired with the fake provider's path in one JVM --------
if ! skipped 7; then
  for round in $(seq 1 "$ROUNDS"); do
    echo "TOTP paired run, round $round of $ROUNDS"
    java -cp "$JAR" dev.mfa4j.benchmarks.TotpVerifyBenchmark 20 2000 > "$OUT/totp-round$round.txt" 2>&1
  done
fi

# ---- 3: passcode verifications end to end ---------------------------------------------------
# One JVM per client and round: JIT warm-up, then concurrency 1, 16 and 64. Each JVM uses its own
# slice of $SLICE passcodes (1,000 users), so every call is a valid, unused passcode; a JVM that
# uses its slice up stops early and says so (sliceExhausted).
if ! skipped 3; then
  java -cp "$JAR" dev.mfa4j.benchmarks.SimulatorConfigs passcodes "$OUT/simulator-passcodes.json" 1000 $(( (3 * ROUNDS + 1) * SLICE / 1000 ))
  start_simulator "$OUT/simulator-passcodes.json" "$OUT/simulator-passcodes.log"
  echo "passcode load: warming up the simulator"
  java -Xmx512m $CLIENT_JVM_OPTS -cp "$JAR" dev.mfa4j.benchmarks.PasscodeLoad --client floor --concurrency 16 --warmup 15 --measure 5 \
    --offset 0 --limit "$SLICE" "${SIM_ARGS[@]}" > "$OUT/passcode-simulator-warmup.log" 2>&1 || true
  CLIENTS=(mfa4j duo-client floor)
  slice=1
  for round in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2; do
      # The order rotates each round, so no client always runs first or last.
      client=${CLIENTS[$(( (i + round - 1) % 3 ))]}
      echo "passcode load round $round: $client at 1, 16, 64"
      java -Xmx512m $CLIENT_JVM_OPTS -cp "$JAR" dev.mfa4j.benchmarks.PasscodeLoad --client "$client" --concurrency 1,16,64 \
        --offset $((slice * SLICE)) --limit "$SLICE" --users 1000 --warmup "$WARMUP" --measure "$MEASURE" --round "$round" \
        "${SIM_ARGS[@]}" > "$OUT/passcode-$round-$client.log" 2>&1 || true
      grep '^RESULT ' "$OUT/passcode-$round-$client.log" | cut -c8- >> "$OUT/passcode-load.jsonl" || true
      slice=$((slice + 1))
    done
  done
  stop_simulator
fi

# ---- 4: push concurrency --------------------------------------------------------------------
if ! skipped 4; then
  java -cp "$JAR" dev.mfa4j.benchmarks.SimulatorConfigs pushes "$OUT/simulator-pushes.json" "$PUSHES"
  # mfa4j: RequestTimeout 60s (a burst of 10,000 logins queues its calls; see docs), then once
  # with every option at its default, to show what the default 10 s does to such a burst.
  for round in $(seq 1 "$ROUNDS") defaults; do
    extra=(--request-timeout 60s)
    [[ "$round" == defaults ]] && extra=()
    echo "push concurrency round $round: mfa4j, $PUSHES pushes"
    start_simulator "$OUT/simulator-pushes.json" "$OUT/simulator-pushes-mfa4j-$round.log"
    java -Xmx256m $CLIENT_JVM_OPTS -cp "$JAR" dev.mfa4j.benchmarks.PushConcurrency --client mfa4j --count "$PUSHES" --round "$round" \
      "${extra[@]}" "${SIM_ARGS[@]}" > "$OUT/push-mfa4j-$round.log" 2>&1 || true
    grep '^RESULT ' "$OUT/push-mfa4j-$round.log" | cut -c8- >> "$OUT/push-concurrency.jsonl" || true
    stop_simulator
  done
  for count in $DUO_COUNTS; do
    echo "push concurrency: duo-client, $count pushes"
    start_simulator "$OUT/simulator-pushes.json" "$OUT/simulator-pushes-duo-client-$count.log"
    # A JVM past its heap can spin in full GCs without ever reaching its own time limit, and then
    # ignore SIGTERM too (it cannot run its shutdown hooks): KILL follows 30 s later.
    timeout -k 30 360 java -Xmx256m $CLIENT_JVM_OPTS -cp "$JAR" dev.mfa4j.benchmarks.PushConcurrency --client duo-client --count "$count" --limit-seconds 240 \
      "${SIM_ARGS[@]}" > "$OUT/push-duo-client-$count.log" 2>&1 || true
    stop_simulator
    line=$(grep '^RESULT ' "$OUT/push-duo-client-$count.log" | cut -c8- || true)
    if [[ -z "$line" ]]; then
      line="{\"benchmark\":\"push-concurrency\",\"client\":\"duo-client\",\"count\":$count,\"allApproved\":false,\"error\":\"no result within 360 s (killed) or the JVM died: $(tail -1 "$OUT/push-duo-client-$count.log" | tr -d '"\\' | cut -c1-200)\"}"
    fi
    echo "$line" >> "$OUT/push-concurrency.jsonl"
    [[ "$line" == *'"allApproved":true'* ]] || break
  done
fi

# ---- 8: passcode verification on PostgreSQL -------------------------------------------------
if ! skipped 8; then
  . benchmarks/store-load.sh
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
java -cp "$JAR" dev.mfa4j.benchmarks.Report "$OUT" > "$OUT/report.md"
java -cp "$JAR" dev.mfa4j.benchmarks.StoreReport "$OUT" >> "$OUT/report.md"
echo "Results in $OUT; tables in $OUT/report.md"
