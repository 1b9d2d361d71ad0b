#!/usr/bin/env bash
# The probe on the step's own batch against the probe batch's, on the same run: measurements never
# change what training computes, so two runs of one spec that differ only in --probe-source train
# identically and probe at the same steps. Prints, per receiving layer, the medians over the run's
# probes of each source's rho and cosine, the median absolute difference, and the correlation of the
# two curves; and how far the probe batch's own points move from one probe to the next (its
# sampling error, the scale the difference is to be read against).
#
#   src/bench/probe-agreement.sh [--activation A] [any other train option]   (defaults: the form's
#   net: plain, depth 6, width 16, batch 64, 300 steps, CIFAR-10 from ACTBENCH_CIFAR10)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
common=(--depth 6 --width 16 --steps 300 --probe-every 10 --fixed-intervals --histogram-every 0 "$@")
java -jar target/actbench.jar train "${common[@]}" --probe-source probe --out "$out/probe" | tail -1
java -jar target/actbench.jar train "${common[@]}" --probe-source step --out "$out/step" | tail -1
python3 - "$out" <<'PY'
import csv, glob, statistics as st, sys
def load(kind):
    path = glob.glob(f"{sys.argv[1]}/{kind}/*/layers.csv")[0]
    out = {}
    for r in csv.DictReader(open(path)):
        if r["bias_shift_rho"]:
            out[(r["receiver"], int(r["step"]))] = (float(r["bias_shift_rho"]), float(r["natgrad_cosine"]))
    return out
probe, step = load("probe"), load("step")
layers = sorted({k[0] for k in probe}, key=lambda n: (len(n), n))
def corr(a, b):
    ma, mb = st.mean(a), st.mean(b)
    sa = sum((x - ma) ** 2 for x in a) ** .5
    sb = sum((y - mb) ** 2 for y in b) ** .5
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (sa * sb) if sa and sb else float("nan")
print("| layer | probes | rho: probe batch | rho: step | median abs diff | corr | probe's step-to-step | cosine: probe batch | cosine: step | median abs diff | corr | probe's step-to-step |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for layer in layers:
    steps = sorted(s for (l, s) in probe if l == layer and (l, s) in step)
    row = [layer, str(len(steps))]
    for q in (0, 1):
        a = [probe[(layer, s)][q] for s in steps]
        b = [step[(layer, s)][q] for s in steps]
        jitter = st.median(abs(x - y) for x, y in zip(a[1:], a[:-1]))
        row += [f"{st.median(a):.3f}", f"{st.median(b):.3f}",
                f"{st.median(abs(x - y) for x, y in zip(a, b)):.3f}", f"{corr(a, b):.2f}", f"{jitter:.3f}"]
    print("| " + " | ".join(row) + " |")
PY
rm -rf "$out"
