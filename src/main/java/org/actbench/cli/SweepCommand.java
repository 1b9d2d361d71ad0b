package org.actbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.actbench.experiment.RunStore;
import org.actbench.sweep.LocalEngine;
import org.actbench.sweep.RunOutcome;
import org.actbench.sweep.SparkEngine;
import org.actbench.sweep.StepTimer;
import org.actbench.sweep.Store;
import org.actbench.sweep.Sweep;
import org.actbench.sweep.SweepFile;
import org.actbench.sweep.SweepRun;
import org.actbench.sweep.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code actbench sweep}: a grid of runs from one file, on this machine or on Apache Spark. */
@Command(
    name = "sweep",
    header = "Plan, run (here or on Apache Spark) and follow a grid of runs from a sweep file.",
    mixinStandardHelpOptions = true,
    description = {
      "A grid of runs from a sweep file (YAML or JSON: name, base spec, axes, exclude): plan it,",
      "run it here or on Apache Spark, and see where it stands. Runs land in the store as",
      "<name>-<run>-<hash>/, tagged sweep:<name>; running a sweep again skips finished runs and",
      "resumes interrupted ones from their last checkpoint."
    },
    subcommands = {SweepCommand.Plan.class, SweepCommand.Run.class, SweepCommand.Status.class})
final class SweepCommand implements Runnable {
  @ParentCommand ActBenchCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The sweep file and its store, for run and status (a picocli mixin). */
  static final class FileAndStore {
    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file")
    Path file;

    @Option(
        names = "--store",
        description =
            "the run store: a folder, or for spark a Hadoop URI (file://, hdfs://, s3a://) every"
                + " executor reaches (default: the window's store)")
    String store;
  }

  static Sweep plan(Path file) {
    return Sweep.plan(SweepFile.read(file));
  }

  /** A plain path, or a file: URI, as a local folder; other URIs are for the Spark engine. */
  static Path localStore(String store) {
    if (Store.isUri(store)) {
      URI uri = URI.create(store);
      if (!"file".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "--store "
                + store
                + ": the local engine writes to a folder;"
                + " Hadoop file systems are for --engine spark");
      }
      return Path.of(uri);
    }
    return Path.of(store);
  }

  static String storeOrDefault(String store) {
    return store != null
        ? store
        : RunStore.defaultLocation(System.getenv(), Path.of(System.getProperty("user.home")))
            .toString();
  }

  @Command(
      name = "plan",
      header = "Print the runs a sweep file expands to, each timed on this machine.",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Print the runs a sweep file expands to, with the time each takes on this",
        "machine (measured as bench does: each distinct network trains a few steps)."
      })
  static final class Plan implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "the sweep file (.json, .yaml or .yml)")
    Path file;

    @Option(names = "--no-estimate", description = "do not time the networks")
    boolean noEstimate;

    @Override
    public Integer call() {
      Sweep sweep = plan(file);
      PrintWriter out = spec.commandLine().getOut();
      StepTimer timer = noEstimate ? null : StepTimer.on(parent.root.locator);
      List<String> axes = List.copyOf(sweep.runs().get(0).point().keySet());
      out.printf(
          Locale.ROOT,
          "%-4s %-44s %s %8s %10s%n",
          "#",
          "run",
          String.join(" ", axes),
          "steps",
          noEstimate ? "" : "estimate");
      double total = 0;
      long steps = 0;
      for (SweepRun r : sweep.runs()) {
        double seconds = timer == null ? Double.NaN : timer.estimate(r.spec());
        total += seconds;
        steps += r.spec().steps();
        out.printf(
            Locale.ROOT,
            "%-4d %-44s %s %8d %10s%n",
            r.index() + 1,
            r.id(),
            String.join(" ", r.point().values()),
            r.spec().steps(),
            timer == null ? "" : duration(seconds));
      }
      out.printf(
          Locale.ROOT,
          "sweep=%s runs=%d steps=%d%s%n",
          sweep.name(),
          sweep.runs().size(),
          steps,
          timer == null
              ? ""
              : " estimated="
                  + duration(total)
                  + " (one run at a time on this machine; steps timed on the sample set)");
      return 0;
    }
  }

  static String duration(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    return seconds < 7200
        ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
        : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }

  @Command(
      name = "run",
      header = "Run the sweep's runs that the store does not hold as a result.",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Run every run of the sweep that the store does not hold as a result.",
        "--engine local (default): this machine's run queue. --engine spark: one Spark task per",
        "run, under spark-submit with target/actbench-spark.jar (README, \"Sweeps\"). Prints one",
        "line per run, run=<id> status=<...>; exit 0 when every run is finished or diverged."
      })
  static final class Run implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Mixin FileAndStore args;

    @Option(names = "--engine", description = "local or spark (default: ${DEFAULT-VALUE})")
    String engine = "local";

    @Option(names = "--parallel", description = "local: runs at once (default: ${DEFAULT-VALUE})")
    int parallel = 1;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Sweep sweep = plan(args.file); // a bad file stops here, before anything starts
      PrintWriter out = spec.commandLine().getOut();
      List<RunOutcome> outcomes;
      switch (engine) {
        case "local" ->
            outcomes =
                LocalEngine.run(
                    sweep,
                    localStore(storeOrDefault(args.store)),
                    parallel,
                    parent.root.locator,
                    out::println);
        case "spark" -> {
          if (args.store == null) {
            throw new IllegalArgumentException(
                "--engine spark needs --store: a path or URI every executor reaches");
          }
          try {
            outcomes = SparkEngine.run(sweep, args.store, out::println);
          } catch (IllegalArgumentException e) {
            throw e;
          } catch (RuntimeException e) {
            // the job gave up (a task lost on every retry); the store keeps what was done
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            spec.commandLine().getErr().println("error: the Spark job failed: " + first);
            return 1;
          }
        }
        default ->
            throw new IllegalArgumentException(
                "--engine must be local or spark, got '" + engine + "'");
      }
      Map<String, Long> counts =
          outcomes.stream()
              .collect(
                  Collectors.groupingBy(RunOutcome::outcome, TreeMap::new, Collectors.counting()));
      out.println(
          "sweep="
              + sweep.name()
              + " "
              + counts.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" ")));
      return outcomes.stream().allMatch(RunOutcome::done) ? 0 : 1;
    }
  }

  @Command(
      name = "status",
      header = "Count the sweep's runs in the store by state.",
      mixinStandardHelpOptions = true,
      description = {
        "Count the sweep's runs in the store by state: finished, diverged, running,",
        "failed, interrupted (the next sweep run resumes them) and pending; then list the runs",
        "that are not finished."
      })
  static final class Status implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Mixin FileAndStore args;

    @Override
    public Integer call() throws IOException {
      Sweep sweep = plan(args.file);
      String store = storeOrDefault(args.store);
      if (!java.nio.file.Files.isDirectory(Path.of(store))) { // not "every run pending"
        throw new IllegalArgumentException(
            "--store "
                + store
                + " is not a folder of runs: nothing has run there (give the store the sweep ran"
                + " in)");
      }
      SweepStatus status = SweepStatus.of(sweep, store);
      PrintWriter out = spec.commandLine().getOut();
      for (SweepStatus.Line l : status.runs()) {
        if (!l.state().equals("finished") && !l.state().equals("diverged")) {
          out.printf(
              Locale.ROOT,
              "%-12s %s  %s%s%n",
              l.state(),
              l.id(),
              l.point(),
              l.attempts() > 0 ? "  attempts=" + l.attempts() : "");
        }
      }
      out.println(
          "sweep="
              + sweep.name()
              + " runs="
              + sweep.runs().size()
              + " "
              + status.counts().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" ")));
      return 0;
    }
  }
}
