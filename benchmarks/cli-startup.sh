#!/usr/bin/env bash
# Start-up of the mfa command line, side by side in one run: `mfa get` on an empty store through
# the jlink distribution's bin/mfa, against `java -jar mfa.jar get` on the JDK on the PATH (the
# same jar), and bin/mfa with its application archive off (MFA_CDS=off) to show what that
# archive adds. Each round runs every variant once, in an order that rotates from round to round;
# the report gives medians of wall-clock and CPU (user + system) time, and the ratio of medians.
#
#   benchmarks/cli-startup.sh             RUNS rounds (default 41) after WARMUP (default 5)
#   RUNS=101 benchmarks/cli-startup.sh
#   BASELINE=old/mfa-0.1.0.zip benchmarks/cli-startup.sh
#                                         adds that distribution's bin/mfa as a fourth variant,
#                                         to compare a change with what came before in one run
#
# Builds examples/cli first when its distribution is missing. Writes
# benchmarks/target/cli-startup/{runs.tsv,report.md}.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${RUNS:-41}"
warmup="${WARMUP:-5}"
out="$root/benchmarks/target/cli-startup"

version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' mfa-bom/pom.xml | head -1)"
zip="$root/examples/cli/target/mfa-$version.zip"
jar="$root/examples/cli/target/mfa.jar"
if [ ! -f "$zip" ] || [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests package -pl examples/cli -am
fi

rm -rf "$out"
mkdir -p "$out"
unzip -q "$zip" -d "$out/install"
mfa="$out/install/mfa-$version/bin/mfa"
export XDG_CACHE_HOME="$out/cache"
store="$out/empty-store.json"   # never written: `get` only reads, and finds no file

variants=(jar dist dist-no-app-cds)
if [ -n "${BASELINE:-}" ]; then
  mkdir -p "$out/baseline"
  unzip -q "$BASELINE" -d "$out/baseline"
  baseline="$(echo "$out"/baseline/mfa-*/bin/mfa)"
  [ -x "$baseline" ] || { echo "cli-startup: no bin/mfa in $BASELINE" >&2; exit 1; }
  variants+=(baseline)
fi
run_variant() {
  case "$1" in
    jar) java -jar "$jar" get --store "$store" ;;
    dist) "$mfa" get --store "$store" ;;
    dist-no-app-cds) MFA_CDS=off "$mfa" get --store "$store" ;;
    baseline) "$baseline" get --store "$store" ;;
  esac
}

# One timed run: wall seconds, then the child's user + system CPU seconds (bash's `time`).
timed() {
  local TIMEFORMAT='%3R %3U %3S' line
  line="$( { time run_variant "$1" > "$out/last.out" 2>&1; } 2>&1 )" || { cat "$out/last.out" >&2; exit 1; }
  grep -qF '[ ]' "$out/last.out" || { echo "cli-startup: $1 did not print an empty list" >&2; cat "$out/last.out" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$line"
}

# The first bin/mfa run makes the application archive; warm-up rounds are not counted.
for _ in $(seq "$warmup"); do
  for v in "${variants[@]}"; do timed "$v" > /dev/null; done
done
ls "$XDG_CACHE_HOME"/mfa4j/*.jsa > /dev/null || { echo "cli-startup: bin/mfa made no archive" >&2; exit 1; }

{
  echo "# machine: $(nproc) cores, $(uname -sr), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java -jar uses: $(java -version 2>&1 | head -1); bin/mfa uses its runtime: $("$out/install/mfa-$version/runtime/bin/java" -version 2>&1 | head -1)"
  printf 'round\tvariant\twall_s\tcpu_s\n'
} > "$out/runs.tsv"
n=${#variants[@]}
for round in $(seq "$runs"); do
  for i in $(seq 0 $((n - 1))); do
    v="${variants[$(( (i + round) % n ))]}"
    read -r wall cpu < <(timed "$v")
    printf '%s\t%s\t%s\t%s\n' "$round" "$v" "$wall" "$cpu" >> "$out/runs.tsv"
  done
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/runs.tsv"

median() {  # median of column $2 for variant $1
  awk -F'\t' -v v="$1" -v c="$2" '$2 == v {print $c}' "$out/runs.tsv" | sort -n |
    awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
jar_wall="$(median jar 3)"; jar_cpu="$(median jar 4)"
{
  echo "| \`mfa get\`, empty store ($runs rounds) | median wall | median CPU | wall vs \`java -jar\` |"
  echo "|---|---|---|---|"
  for v in "${variants[@]}"; do
    wall="$(median "$v" 3)"; cpu="$(median "$v" 4)"
    case "$v" in
      jar) label="\`java -jar mfa.jar get\`" ;;
      dist) label="\`bin/mfa get\` (jlink runtime, archive of the classes mfa loads)" ;;
      dist-no-app-cds) label="\`MFA_CDS=off bin/mfa get\` (jlink runtime, JDK archive only)" ;;
      baseline) label="\`bin/mfa get\` of $(basename "$BASELINE")" ;;
    esac
    ratio="$(awk -v a="$wall" -v b="$jar_wall" 'BEGIN {printf "%.0f %%", 100 * a / b}')"
    echo "| $label | $wall s | $cpu s | $ratio |"
  done
  echo
  grep '^# ' "$out/runs.tsv" | sed 's/^# /- /'
} > "$out/report.md"
cat "$out/report.md"
