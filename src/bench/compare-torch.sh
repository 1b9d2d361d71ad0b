#!/usr/bin/env bash
# Side-by-side training throughput: ActBench's engine against PyTorch on the CPU, same reference
# network, alternating the two programs ROUNDS times per activation; prints every run, the medians
# and their ratio. Needs `mvn -q package -DskipTests` and, once, as root:
#   apt-get install -y python3-torch libopenblas0-pthread
# Usage: src/bench/compare-torch.sh [ROUNDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
threads=${2:-2}
peer=../shared/bench/torch_peer.py
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for act in elu relu; do
  ours=(); theirs=()
  for r in $(seq 1 "$rounds"); do
    o=$(java -jar target/actbench.jar bench --activation "$act" --batch 64 --steps 50 --threads "$threads" | tail -1 | cut -d= -f2)
    t=$(/usr/bin/python3 "$peer" "$act" "$threads" 30 | tail -1 | cut -d= -f2)
    echo "$act round $r: actbench $o  pytorch $t"
    ours+=("$o"); theirs+=("$t")
  done
  mo=$(printf '%s\n' "${ours[@]}" | median)
  mt=$(printf '%s\n' "${theirs[@]}" | median)
  echo "$act median images/s: actbench $mo  pytorch $mt  ratio $(awk -v a="$mo" -v b="$mt" 'BEGIN {printf "%.2f", a / b}')"
done
