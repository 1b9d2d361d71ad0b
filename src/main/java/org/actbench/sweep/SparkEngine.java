package org.actbench.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.Threads;
import org.actbench.experiment.TrainSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * The sweep on Apache Spark: one task per run that the store does not hold as a result yet, each
 * training on its executor with the same engine and copying its run folder into the store at
 * checkpoints and at the end ({@link StoreRun}). A task whose executor dies is started again by
 * Spark and resumes from the store's last checkpoint. Runs under {@code spark-submit}, which sets
 * the master; {@code spark.task.cpus} is each run's share of native threads.
 */
public final class SparkEngine {
  private SparkEngine() {}

  /** Whether Spark is on the class path (under spark-submit; never in the desktop jar). */
  static boolean available() {
    return onClassPath("org.apache.spark.SparkContext");
  }

  static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, SparkEngine.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** What a task needs, serialised to the executor: the run and where its store is. */
  record Task(
      String store,
      String id,
      String specJson,
      Map<String, String> point,
      List<String> tags,
      int checkpointEvery)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Runs every run of the sweep that the store does not hold as a result, one Spark task each;
   * starts no Spark job when there is none.
   *
   * @return every run's outcome, in plan order
   */
  public static List<RunOutcome> run(Sweep sweep, String storeLocation, Consumer<String> log)
      throws IOException {
    if (!available()) {
      throw new IllegalArgumentException(
          "--engine spark runs under spark-submit with target/actbench-spark.jar"
              + " (README, \"Sweeps\"); this class path has no Spark");
    }
    if (!new SparkConf().contains("spark.master")) {
      throw new IllegalArgumentException(
          "--engine spark runs under spark-submit, which sets --master (README, \"Sweeps\")");
    }
    Store store = Store.open(storeLocation);
    // a plain path means the same place on every machine (a shared mount), not each one's own cwd
    String where =
        store.localRoot().isPresent() && !Store.isUri(storeLocation)
            ? store.localRoot().get().toString()
            : storeLocation;
    Map<String, RunOutcome> outcomes = new LinkedHashMap<>();
    List<Task> tasks = new ArrayList<>();
    for (SweepRun r : sweep.runs()) {
      String status = store.read(r.id() + "/status.json").orElse(null);
      if (status != null && RunFolders.stateOf(status).isResult()) {
        outcomes.put(r.id(), new RunOutcome(r.id(), "skipped", 0, 0, 0, "", ""));
        continue;
      }
      outcomes.put(r.id(), null);
      tasks.add(
          new Task(
              where,
              r.id(),
              Sweep.canonical(r.spec()),
              r.point(),
              List.of(sweep.tag()),
              sweep.checkpointEvery(r.spec())));
    }
    log.accept(
        String.format(
            "sweep=%s runs=%d to_run=%d already_done=%d engine=spark store=%s",
            sweep.name(),
            sweep.runs().size(),
            tasks.size(),
            sweep.runs().size() - tasks.size(),
            store.describe()));
    if (!tasks.isEmpty()) {
      SparkConf conf = new SparkConf().setAppName("actbench sweep " + sweep.name());
      try (JavaSparkContext spark = new JavaSparkContext(conf)) {
        for (RunOutcome o : spark.parallelize(tasks, tasks.size()).map(new RunTask()).collect()) {
          outcomes.put(o.run(), o);
          log.accept(LocalEngine.line(o));
        }
      }
    }
    return List.copyOf(outcomes.values());
  }

  /** Trains one run on an executor. */
  static final class RunTask implements Function<Task, RunOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public RunOutcome call(Task task) throws IOException {
      NativeBackend.select(); // before ND4J loads in this executor
      TaskContext context = TaskContext.get();
      Threads.set(Math.max(1, context.cpus()));
      TrainSpec spec = Sweep.MAPPER.readValue(task.specJson(), TrainSpec.class);
      SweepRun run = new SweepRun(0, task.id(), task.point(), spec);
      return StoreRun.run(
          Store.open(task.store()),
          run,
          task.tags(),
          task.checkpointEvery(),
          Datasets.shared().read(spec.data()),
          Datasets.shared().cacheDir(),
          context.attemptNumber());
    }
  }
}
