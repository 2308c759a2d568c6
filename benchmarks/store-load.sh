# Benchmark 8 of docs/benchmarks.md: passcode verification on PostgreSQL. Sourced by run.sh, which
# defines OUT, JAR, ROUNDS, WARMUP, MEASURE, SIM_ARGS, start_simulator and stop_simulator.
#
# Starts a throwaway PostgreSQL as .ci/run does (.ci/postgres.sh, Debian's package installed when
# missing), with pg_stat_statements preloaded, and the Duo simulator for the end-to-end part; runs
# StoreBenchmark, which starts the StoreLoad node JVMs and samples the database; stops both.
# Knobs (environment): STORE_PARTS="main growth lockout duo"  STORE_PRINCIPALS=10000
#                      STORE_GROWTH=10000,100000,1000000  STORE_POOL=10 (connections per node)
#                      STORE_LEVELS=1,16,64  STORE_GROWTH_LEVELS=1,16  STORE_WARMUP=30 (s, per node JVM: two
#                      JVMs compiling at once on 2 cores need longer than benchmark 3's WARMUP)
#                      STORE_LOOKUP_CACHE=5 (s: the check interval of the "mfa4j-cache" subject, mfa4j with
#                      JdbcMfaConfigurationStore's lookup cache on, run beside mfa4j and the floor; 0 leaves it out)
#                      STORE_SUBJECTS= (the main part's subjects, e.g. "mfa4j:1,mfa4j-cache:1,floor:1"; empty: all,
#                      one and two nodes)
#                      STORE_PG_OPTIONS= (more server options, e.g. "-c shared_buffers=1GB")
STORE_PARTS=${STORE_PARTS:-"main growth lockout duo"}
STORE_PG_DIR=$(mktemp -d -t mfa4j-bench-pg.XXXXXX)
stop_store_postgres() {
  if [[ -n "${STORE_PG_DIR:-}" ]]; then
    bash .ci/postgres.sh stop "$STORE_PG_DIR" 2>/dev/null || true
    STORE_PG_DIR=
  fi
}
trap 'stop_simulator; stop_store_postgres' EXIT
MFA4J_PG_SERVER_OPTIONS="-c shared_preload_libraries=pg_stat_statements ${STORE_PG_OPTIONS:-}" bash .ci/postgres.sh start "$STORE_PG_DIR" > /dev/null
. "$STORE_PG_DIR/env"
store_args=()
if [[ " $STORE_PARTS " == *" duo "* ]]; then
  # 1,000 users with 400 passcodes each: every call of the one duo node is a fresh, valid passcode.
  java -cp "$JAR" dev.mfa4j.benchmarks.SimulatorConfigs passcodes "$OUT/simulator-store.json" 1000 400
  start_simulator "$OUT/simulator-store.json" "$OUT/simulator-store.log"
  store_args=("${SIM_ARGS[@]}")
fi
echo "store load (benchmark 8): $STORE_PARTS"
java -Xmx1g -cp "$JAR" dev.mfa4j.benchmarks.StoreBenchmark --out "$OUT" --pg-dir "$STORE_PG_DIR" --parts "$STORE_PARTS" \
  --rounds "$ROUNDS" --warmup "${STORE_WARMUP:-30}" --measure "$MEASURE" --principals "${STORE_PRINCIPALS:-10000}" \
  --growth "${STORE_GROWTH:-10000,100000,1000000}" --pool "${STORE_POOL:-10}" --levels "${STORE_LEVELS:-1,16,64}" \
  --growth-levels "${STORE_GROWTH_LEVELS:-1,16}" --lookup-cache "${STORE_LOOKUP_CACHE:-5}" \
  ${STORE_SUBJECTS:+--subjects "$STORE_SUBJECTS"} "${store_args[@]}" 2>&1 | tee "$OUT/store-benchmark.log" | grep -v '^\[main\] INFO' || true
stop_simulator
stop_store_postgres
trap stop_simulator EXIT
