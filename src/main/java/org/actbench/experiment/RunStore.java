package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store: one folder per run. {@link #load} reads every run's {@code spec.json}, {@code
 * status.json} and {@code metrics.csv}; a run whose process died while it said "running" is {@code
 * interrupted}; a run with a damaged file is listed with the reason, and never stops the others
 * from loading.
 */
public final class RunStore {
  private RunStore() {}

  /**
   * One run in the store.
   *
   * @param state queued, running, finished, diverged, cancelled, failed or interrupted
   * @param steps the last step in metrics.csv
   * @param problem why it cannot be used (a damaged file), or null
   */
  public record Entry(
      String id, Path dir, TrainSpec spec, String state, long steps, String problem, RunMeta meta) {
    public boolean usable() {
      return problem == null;
    }

    /** The user's name for the run, else its id. */
    public String displayName() {
      return meta.name().isBlank() ? id : meta.name();
    }
  }

  /** {@code meta.json}: what the user says about a run (a name, tags); never touches its data. */
  public record RunMeta(String name, List<String> tags) {
    public RunMeta {
      name = name == null ? "" : name.strip();
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static final RunMeta NONE = new RunMeta("", List.of());
  }

  /** Names a run (written whole by rename, like every file describing a run as a whole). */
  public static void rename(Entry run, String name) throws IOException {
    Json.write(run.dir().resolve("meta.json"), new RunMeta(name, currentMeta(run).tags()));
  }

  /** What meta.json says now (another window or command may have changed it since loading). */
  private static RunMeta currentMeta(Entry run) {
    Path file = run.dir().resolve("meta.json");
    return Files.exists(file) ? Json.read(file, RunMeta.class) : RunMeta.NONE;
  }

  public static void tag(Entry run, String tag) throws IOException {
    if (tag.isBlank() || tag.contains(",")) {
      throw new IllegalArgumentException(
          "a tag must be non-empty and without commas, got '" + tag + "'");
    }
    RunMeta meta = currentMeta(run);
    List<String> tags = new ArrayList<>(meta.tags());
    if (!tags.contains(tag.strip())) {
      tags.add(tag.strip());
    }
    Json.write(run.dir().resolve("meta.json"), new RunMeta(meta.name(), tags));
  }

  /**
   * Deletes a run's folder, holding its lock while it does; refuses one that a process (any
   * process, in any container sharing the store) is training.
   */
  public static void delete(Entry run) throws IOException {
    try (RunLock lock = RunLock.acquire(run.dir())) {
      org.actbench.data.FileTrees.delete(run.dir());
    } catch (RunLock.RunBusyException e) {
      throw new IllegalArgumentException("run '" + run.id() + "' is still training; stop it first");
    }
  }

  /** {@code ${XDG_DATA_HOME:-~/.local/share}/actbench/runs}: where the window keeps its runs. */
  public static Path defaultLocation(java.util.Map<String, String> env, Path home) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
    return base.resolve("actbench/runs");
  }

  /** Files only a run folder has; a folder with any of them but no spec.json is a damaged run. */
  private static final List<String> RUN_FILES =
      List.of("spec.json", "status.json", "metrics.csv", "layers.csv", "meta.json", "checkpoints");

  /**
   * Every run folder in {@code store}, by id; an absent store is empty. A damaged run (a file
   * missing, unreadable, cut short or not a plain file) is listed with the reason and never stops
   * the others from loading.
   */
  public static List<Entry> load(Path store) throws IOException {
    if (!Files.isDirectory(store)) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(store)) {
      for (Path dir :
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing(Path::getFileName))
              .toList()) {
        if (RUN_FILES.stream()
            .anyMatch(f -> Files.exists(dir.resolve(f), LinkOption.NOFOLLOW_LINKS))) {
          out.add(entry(dir));
        }
      }
    }
    return out;
  }

  static Entry entry(Path dir) {
    String id = dir.getFileName().toString();
    if (!Files.exists(dir.resolve("spec.json"), LinkOption.NOFOLLOW_LINKS)) {
      return new Entry(id, dir, null, "damaged", 0, "spec.json is missing", RunMeta.NONE);
    }
    TrainSpec spec;
    try {
      spec = Json.readSpec(dir.resolve("spec.json"));
    } catch (IllegalArgumentException e) {
      return new Entry(id, dir, null, "damaged", 0, e.getMessage(), RunMeta.NONE);
    }
    long steps = 0;
    try {
      if (Files.exists(dir.resolve("metrics.csv"), LinkOption.NOFOLLOW_LINKS)) {
        steps = RunData.lastStep(dir.resolve("metrics.csv"));
      }
    } catch (IllegalArgumentException e) {
      return new Entry(id, dir, spec, "damaged", 0, e.getMessage(), RunMeta.NONE);
    }
    String state;
    Path statusFile = dir.resolve("status.json");
    boolean locked = RunLock.isHeld(dir);
    if (Files.exists(statusFile, LinkOption.NOFOLLOW_LINKS)) {
      try {
        state = state(Json.read(statusFile, RunStatus.class), locked);
      } catch (IllegalArgumentException e) {
        return new Entry(id, dir, spec, "damaged", steps, e.getMessage(), RunMeta.NONE);
      }
    } else if (locked) {
      state = "running";
    } else { // written before status files existed: judge by the steps
      state = steps >= spec.steps() ? "finished" : "interrupted";
    }
    RunMeta meta = RunMeta.NONE;
    if (Files.exists(dir.resolve("meta.json"), LinkOption.NOFOLLOW_LINKS)) {
      try {
        meta = Json.read(dir.resolve("meta.json"), RunMeta.class);
      } catch (IllegalArgumentException e) {
        return new Entry(id, dir, spec, "damaged", steps, e.getMessage(), RunMeta.NONE);
      }
    }
    return new Entry(id, dir, spec, state, steps, null, meta);
  }

  /**
   * What a run's status means now: its lock decides whether it is running (whatever process, pid
   * namespace or machine holds it); "running" without the lock was interrupted, and so was a run
   * queued by a process that is gone.
   */
  private static String state(RunStatus status, boolean locked) {
    if (locked) {
      return "running";
    }
    return switch (status.state()) {
      case "running" -> "interrupted";
      case "queued" -> status.processAlive() ? "queued" : "interrupted";
      default -> status.state();
    };
  }
}
