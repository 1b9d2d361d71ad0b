#!/usr/bin/env bash
# Side-by-side training throughput: ActBench's engine against PyTorch on the CPU, same reference
# network, alternating the programs ROUNDS times per activation; prints every run with the load
# average, the medians and their ratio. With BEFORE_JAR set to an older build's jar, that build
# runs in each round too (before/after). KERNELS (onednn or nd4j) picks ActBench's kernels.
# Both sides are timed at steady state: ActBench after WARMUP untimed steps (default 40: the JIT
# compiles the step's Java code during the first few dozen steps, which a run of thousands of steps
# pays once), STEPS timed steps each (default 100), PyTorch after its own 5 warm-up steps.
# WARMUP=5 STEPS=50 gives the short protocol the first measurements used.
# Needs `mvn -q package -DskipTests` and, once, as root:
#   apt-get install -y python3-torch libopenblas0-pthread
# Usage: [BEFORE_JAR=old/actbench.jar] [KERNELS=onednn] [WARMUP=40] [STEPS=100] src/bench/compare-torch.sh [ROUNDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
threads=${2:-2}
kernels=${KERNELS:-onednn}
before=${BEFORE_JAR:-}
warmup=${WARMUP:-40}
steps=${STEPS:-100}
peer=../shared/bench/torch_peer.py
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
bench() { java -jar "$1" bench --activation "$act" --batch 64 --warmup "$warmup" --steps "$steps" --threads "$threads" "${@:2}" | tail -1 | cut -d= -f2; }
for act in elu relu; do
  ours=(); theirs=(); olds=()
  for r in $(seq 1 "$rounds"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    o=$(bench target/actbench.jar --kernels "$kernels")
    t=$(/usr/bin/python3 "$peer" "$act" "$threads" "$steps" | tail -1 | cut -d= -f2)
    line="$act round $r (load $load): actbench $o  pytorch $t"
    ours+=("$o"); theirs+=("$t")
    if [[ -n "$before" ]]; then
      b=$(bench "$before")
      olds+=("$b")
      line="$line  before $b"
    fi
    echo "$line"
  done
  mo=$(printf '%s\n' "${ours[@]}" | median)
  mt=$(printf '%s\n' "${theirs[@]}" | median)
  summary="$act median images/s: actbench $mo  pytorch $mt  ratio $(awk -v a="$mo" -v b="$mt" 'BEGIN {printf "%.2f", a / b}')"
  if [[ -n "$before" ]]; then
    mb=$(printf '%s\n' "${olds[@]}" | median)
    summary="$summary  before $mb  after/before $(awk -v a="$mo" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')"
  fi
  echo "$summary"
done
