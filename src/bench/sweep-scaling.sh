#!/usr/bin/env bash
# A 16-run sweep on the sample set, on this machine's run queue (--parallel 2) and on a Spark
# standalone cluster of two one-core workers on this machine, alternating, ROUNDS rounds each
# (docs/scaling.md). Needs `mvn package` (target/actbench*.jar, target/spark-lib) and the test
# SPARK_HOME (target/spark-home, made by `mvn verify` or below). Prints one line per round and
# engine, and leaves the stores and logs under OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-40}
OUT=${OUT:-target/sweep-bench}
SH="$PWD/target/spark-home"
if [ ! -d "$SH/jars" ]; then
  mvn -B -q -f src/test/spark-home/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$SH/jars" -DincludeScope=runtime
fi
mkdir -p "$SH/launcher/target/scala-2.13" "$OUT"
export SPARK_HOME="$SH" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

# What a distribution's bin/spark-class does: Spark's launcher library writes the java command
# (class path from SPARK_HOME/jars, Java 17's --add-opens options) NUL-separated after a marker
# line, and we run it.
spark_class() {
  local cmd=() arg
  while IFS= read -r -d '' arg; do
    arg=${arg#$'\n'}
    if [ -n "$arg" ]; then cmd+=("$arg"); fi
  done < <(java -Xmx128m -cp "$SH/jars/*" org.apache.spark.launcher.Main "$@")
  "${cmd[@]}"
}

cat > "$OUT/sweep16.json" <<EOF
{"name": "bench16", "checkpointEvery": 10,
 "base": {"depth": 3, "width": 16, "batch": 32, "steps": $STEPS, "data": "sample"},
 "axes": {"activation": ["elu", "relu", "lrelu", "selu"], "seed": [1, 2, 3, 4]}}
EOF

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

local_round() {
  local store="$OUT/local-$1" t0 t1
  rm -rf "$store"
  t0=$(date +%s.%N)
  java -jar target/actbench.jar sweep run "$OUT/sweep16.json" --store "$store" --parallel 2 > "$OUT/local-$1.log" 2>&1
  t1=$(date +%s.%N)
  echo "round=$1 engine=local wall_s=$(echo "$t1 - $t0" | bc) load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
}

cluster_round() {
  local store="$OUT/cluster-$1" port ui log t0 t1 pids=()
  rm -rf "$store" "$OUT/work-$1"
  port=$(free_port)
  spark_class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port "$(free_port)" > "$OUT/master-$1.log" 2>&1 &
  pids+=($!)
  until grep -qs "I have been elected leader" "$OUT/master-$1.log"; do
    kill -0 "${pids[0]}" || { cat "$OUT/master-$1.log"; exit 1; }
    sleep 0.2
  done
  for w in 0 1; do
    spark_class org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 --cores 1 \
      --memory 3g --webui-port "$(free_port)" --work-dir "$OUT/work-$1/$w" > "$OUT/worker-$1-$w.log" 2>&1 &
    pids+=($!)
  done
  for w in 0 1; do until grep -qs "Successfully registered" "$OUT/worker-$1-$w.log"; do sleep 0.2; done; done
  t0=$(date +%s.%N)
  spark_class org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" --conf spark.ui.enabled=false \
    --jars 'target/spark-lib/*' --class org.actbench.Launcher target/actbench-spark.jar \
    sweep run "$OUT/sweep16.json" --store "file://$PWD/$store" --engine spark > "$OUT/cluster-$1.log" 2>&1
  t1=$(date +%s.%N)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "round=$1 engine=cluster wall_s=$(echo "$t1 - $t0" | bc) load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
}

uptime
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then local_round "$r"; cluster_round "$r"; else cluster_round "$r"; local_round "$r"; fi
done
uptime
# Per run: training time and whole attempt (the cluster's includes copying into the store).
python3 - "$OUT" "$ROUNDS" <<'PY'
import glob, json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
for engine in ("local", "cluster"):
    secs, train = [], []
    for r in range(1, rounds + 1):
        for line in open(f"{out}/{engine}-{r}.log"):
            if line.startswith("run="):
                kv = dict(p.split("=", 1) for p in line.split() if "=" in p)
                secs.append(float(kv["seconds"]))
                train.append(float(kv.get("train_seconds", kv["seconds"])))
    print(f"{engine}: runs={len(secs)} median_run_s={statistics.median(secs):.1f} "
          f"median_train_s={statistics.median(train):.1f} median_overhead_s={statistics.median(s - t for s, t in zip(secs, train)):.2f}")
PY
