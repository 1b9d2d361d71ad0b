package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.actbench.chart.Callout;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Annotations.Note;

/**
 * The callouts of the runs shown, kept in each run's folder ({@link Annotations}): read the first
 * time a run is shown, added and removed on the store's thread, handed back to the FX thread. A run
 * whose file is damaged shows no callouts and says so; the others are not touched.
 */
final class RunNotes {
  private final Map<Path, List<Note>> notes = new HashMap<>(); // FX thread
  private final Executor io;
  private final Executor fx;
  private final Consumer<String> say;
  private final Runnable changed;

  /**
   * @param io where the files are read and written (not the FX thread)
   * @param fx runs what {@code io} hands back on the FX thread
   * @param say tells the reader what happened
   * @param changed runs (FX thread) when a run's notes have been read or changed
   */
  RunNotes(Executor io, Executor fx, Consumer<String> say, Runnable changed) {
    this.io = io;
    this.fx = fx;
    this.say = say;
    this.changed = changed;
  }

  /** The run's folder, or null while a queued run has none yet. */
  static Path folder(LiveRun r) {
    if (r.stored() != null) {
      return r.stored().dir();
    }
    return r.run() == null ? null : r.run().folder();
  }

  /** Asks for the notes of the shown runs not read yet (FX thread). */
  void read(List<LiveRun> shown) {
    for (LiveRun r : shown) {
      Path dir = folder(r);
      if (dir != null && !notes.containsKey(dir)) {
        notes.put(dir, List.of()); // asked once
        io.execute(
            () -> {
              Annotations.Read read = Annotations.read(dir);
              fx.execute(
                  () -> {
                    notes.put(dir, read.notes());
                    if (read.problem() != null) {
                      say.accept(
                          r.label()
                              + ": its callouts are not shown, "
                              + read.problem()
                              + " (kept as "
                              + Annotations.DAMAGED
                              + " when a callout is added)");
                    }
                    changed.run();
                  });
            });
      }
    }
  }

  /**
   * Forgets what was read, so that the next {@link #read} reads every shown run's file again: the
   * Compare tab and the Explorer write callouts into the same files (FX thread).
   */
  void forget() {
    notes.clear();
  }

  /** The callouts on {@code chart} of the runs shown. */
  List<Callout> callouts(List<LiveRun> shown, String chart) {
    List<Callout> out = new ArrayList<>();
    for (LiveRun r : shown) {
      Path dir = folder(r);
      for (Note n : dir == null ? List.<Note>of() : notes.getOrDefault(dir, List.of())) {
        if (n.chart().equals(chart)) {
          out.add(new Callout(n.x(), n.y(), n.text()));
        }
      }
    }
    return out;
  }

  /**
   * Adds a callout to a shown run that has a folder: the one whose curve was nearest ({@code near},
   * a line's label, starts with its name), else the first (the first selected); it stays with that
   * run.
   */
  void add(List<LiveRun> shown, String chart, double x, double y, String text, String near) {
    List<LiveRun> withFolder = shown.stream().filter(r -> folder(r) != null).toList();
    LiveRun target =
        withFolder.stream()
            .filter(r -> near != null && near.startsWith(r.label()))
            .max((a, b) -> Integer.compare(a.label().length(), b.label().length()))
            .orElse(withFolder.isEmpty() ? null : withFolder.get(0));
    if (target == null) {
      say.accept("A callout needs a run: select one (a queued run has no folder yet).");
      return;
    }
    Note note;
    try {
      note = new Note(chart, x, y, text);
    } catch (IllegalArgumentException e) {
      say.accept("Callout not added: " + e.getMessage() + ".");
      return;
    }
    Path dir = folder(target);
    change(target, dir, () -> Annotations.add(dir, note), "Callout added to " + target.label());
  }

  /** Removes a callout from the shown run that has it. */
  void remove(List<LiveRun> shown, String chart, Callout c) {
    for (LiveRun r : shown) {
      Path dir = folder(r);
      for (Note n : dir == null ? List.<Note>of() : notes.getOrDefault(dir, List.of())) {
        if (n.chart().equals(chart)
            && n.x() == c.x()
            && n.y() == c.y()
            && n.text().equals(c.text())) {
          change(r, dir, () -> Annotations.remove(dir, n), "Callout removed from " + r.label());
          return;
        }
      }
    }
  }

  private interface Change {
    List<Note> apply() throws IOException;
  }

  private void change(LiveRun run, Path dir, Change change, String done) {
    io.execute(
        () -> {
          try {
            List<Note> now = change.apply();
            fx.execute(
                () -> {
                  notes.put(dir, now);
                  say.accept(done + " (" + Annotations.FILE + " in its folder).");
                  changed.run();
                });
          } catch (IOException | RuntimeException e) {
            fx.execute(() -> say.accept(run.label() + ": callout not saved: " + e.getMessage()));
          }
        });
  }
}
