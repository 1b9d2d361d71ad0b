#!/usr/bin/env bash
# Before and after: the same `bench` run on ND4J's ops (the engine before oneDNN) and on oneDNN,
# alternating ROUNDS times in fresh JVMs; prints every run with the load average, the medians and
# their ratio. Any other bench options follow, e.g. --family plain --depth 8 --width 16, --batch 128.
# Timed at steady state: WARMUP untimed steps (default 40, the JIT's warm-up), STEPS timed steps
# (default 100).
# Needs `mvn -q package -DskipTests`.
# Usage: [WARMUP=40] [STEPS=100] src/bench/kernels.sh ROUNDS [bench options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
shift || true
warmup=${WARMUP:-40}
steps=${STEPS:-100}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
run() { java -jar target/actbench.jar bench --warmup "$warmup" --steps "$steps" "$@" | tail -1 | cut -d= -f2; }
nd4j=(); onednn=()
for r in $(seq 1 "$rounds"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  a=$(run --kernels nd4j "$@")
  b=$(run --kernels onednn "$@")
  echo "round $r (load $load): nd4j $a  onednn $b"
  nd4j+=("$a"); onednn+=("$b")
done
ma=$(printf '%s\n' "${nd4j[@]}" | median)
mb=$(printf '%s\n' "${onednn[@]}" | median)
echo "median images/s ($*): nd4j $ma  onednn $mb  ratio $(awk -v a="$mb" -v b="$ma" 'BEGIN {printf "%.2f", a / b}')"
