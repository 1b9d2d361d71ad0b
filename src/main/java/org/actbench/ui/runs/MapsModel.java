package org.actbench.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.actbench.chart.MapGrid;
import org.actbench.data.Cifar10;
import org.actbench.data.Preprocessor;
import org.actbench.data.Progress;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.Snapshot;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.ActivationMaps;

/**
 * The activation-maps tab: for a chosen test image, the first shown run's activation maps at every
 * activation layer and its first convolution's filters. Computed on the store's thread (a network
 * of its own, never the training thread's), handed back to the FX thread, and only while the tab is
 * shown.
 *
 * <p>A run that is training updates live, at most {@link #LIVE_PER_SECOND} times a second: the tab
 * asks the training thread for a copy of its state ({@link LiveRun#askForState}, one volatile
 * write), the training thread copies it at its next step end, the one door ({@link LiveDoor})
 * drains it into the row, and the next update computes the maps from it. Other runs (stored,
 * finished, not started) show their newest checkpoint, looked for at most once a second.
 */
final class MapsModel {
  private static final long EVERY_NANOS = 1_000_000_000L;

  /** How often a training run's maps are computed again, at most. */
  static final int LIVE_PER_SECOND = 2;

  private static final long LIVE_NANOS = 1_000_000_000L / LIVE_PER_SECOND;

  final MapGrid figure = new MapGrid("Activation maps", 16);
  private final Function<String, Cifar10> datasets;
  private final Path cacheDir;
  private final Executor io;
  private final Executor fx;
  private final Runnable changed;
  private final IntegerProperty image = new SimpleIntegerProperty(0);
  private final BooleanProperty visible = new SimpleBooleanProperty();
  private final StringProperty imageClass = new SimpleStringProperty("");
  private final Map<String, Preprocessor> fitted = new HashMap<>(); // io thread only

  // FX thread
  private boolean busy;
  private long lastAsked;
  private long lastAskedState;
  private String lastKey = "";
  private Snapshot lastState; // the live state last computed from
  private volatile String shownKey = ""; // run, image and checkpoint of what is drawn
  private int computed; // how many maps were computed from live states (for tests)

  MapsModel(
      Function<String, Cifar10> datasets,
      Path cacheDir,
      Executor io,
      Executor fx,
      Runnable changed) {
    this.datasets = datasets;
    this.cacheDir = cacheDir;
    this.io = io;
    this.fx = fx;
    this.changed = changed;
    image.addListener((o, a, b) -> changed.run());
    visible.addListener((o, a, b) -> changed.run());
  }

  /** The test image's index. */
  IntegerProperty image() {
    return image;
  }

  /** Whether the tab is shown: maps are computed only then. */
  BooleanProperty visible() {
    return visible;
  }

  /** The chosen image's class, e.g. "#12: cat". */
  StringProperty imageClass() {
    return imageClass;
  }

  /** How many times maps were computed from a training run's live state (FX thread). */
  int liveComputed() {
    return computed;
  }

  /** Asks for new maps if the tab is shown and something changed (FX thread, often). */
  void update(List<LiveRun> shown) {
    LiveRun run = shown.stream().filter(r -> RunNotes.folder(r) != null).findFirst().orElse(null);
    if (run == null) {
      figure.set(List.of());
      figure.setSubtitle("");
      figure.setEmptyText(
          shown.isEmpty() ? "no runs shown: select one above" : "no maps until the run starts");
      return;
    }
    if (!visible.get()) {
      return; // nothing asked of the training thread, nothing computed
    }
    String key = RunNotes.folder(run) + "#" + image.get();
    long now = System.nanoTime();
    if (now - lastAskedState >= LIVE_NANOS) {
      lastAskedState = now;
      run.askForState(); // a copy arrives through the door within a step or so
    }
    Snapshot state = run.liveState;
    boolean newState = state != null && state != lastState;
    if (busy
        || (key.equals(lastKey)
            && (newState ? now - lastAsked < LIVE_NANOS : now - lastAsked < EVERY_NANOS))) {
      return;
    }
    busy = true;
    lastAsked = now;
    lastKey = key;
    lastState = state;
    Path dir = RunNotes.folder(run);
    TrainSpec spec = run.spec();
    int index = image.get();
    io.execute(() -> compute(run.label(), spec, dir, state, index, key));
  }

  /** On the store's thread: from the live state if it is newer than the newest checkpoint. */
  private void compute(
      String label, TrainSpec spec, Path dir, Snapshot state, int index, String key) {
    String error = null;
    List<MapGrid.Row> rows = null;
    String subtitle = "";
    String className = "";
    boolean live = false;
    try {
      Optional<Path> latest = Checkpoint.latest(dir);
      live = state != null && state.step() > latest.map(Checkpoint::stepOf).orElse(0L);
      String full =
          key
              + "@"
              + (live ? "live-" + state.step() : latest.map(Path::toString).orElse("initial"));
      if (full.equals(shownKey)) {
        fx.execute(() -> busy = false);
        return;
      }
      Cifar10 data = datasets.apply(spec.data());
      int i = Math.max(0, Math.min(index, data.test().size() - 1));
      List<String> names = data.classNames();
      className = "#" + i + ": " + names.get(data.test().label(i));
      Preprocessor pre =
          fitted.computeIfAbsent(
              spec.preprocessing().id() + "@" + data.origin(),
              k -> spec.preprocessing().preprocessing().fit(data.train(), cacheDir, Progress.NONE));
      ActivationMaps.Maps maps =
          live
              ? ActivationMaps.of(
                  spec.network(), spec.seed(), spec.newOptimizer(), state, data.test(), pre, i)
              : ActivationMaps.of(
                  spec.network(), spec.seed(), spec.newOptimizer(), dir, data.test(), pre, i);
      rows = rows(data, i, maps);
      subtitle =
          label
              + (maps.step() == 0
                  ? ", initial weights (no checkpoint yet)"
                  : ", step " + maps.step() + (live ? " (live)" : ""))
              + ": test image "
              + className
              + ", the network says "
              + names.get(maps.predicted());
      shownKey = full;
    } catch (Exception | OutOfMemoryError e) {
      error = label + ": no maps (" + e.getMessage() + ")";
    }
    String why = error;
    List<MapGrid.Row> done = rows;
    String sub = subtitle;
    String cls = className;
    boolean fromLive = live && done != null;
    fx.execute(
        () -> {
          busy = false;
          if (fromLive) {
            computed++;
          }
          imageClass.set(cls);
          if (done != null) {
            figure.set(done);
            figure.setSubtitle(sub);
          } else {
            figure.set(List.of());
            figure.setEmptyText(why);
          }
          changed.run();
        });
  }

  private static List<MapGrid.Row> rows(Cifar10 data, int i, ActivationMaps.Maps maps) {
    List<MapGrid.Row> rows = new ArrayList<>();
    byte[] px = data.test().pixels();
    float[] rgb = new float[3072];
    for (int k = 0; k < rgb.length; k++) {
      rgb[k] = (px[i * 3072 + k] & 0xFF) / 127.5f - 1; // −1..1: the row's scale is ±1
    }
    rows.add(new MapGrid.Row("image", 3, 32, 32, rgb, true));
    ActivationMaps.Grid f = maps.filters();
    if (f != null) {
      boolean colour = maps.inputs() == 3;
      rows.add(
          new MapGrid.Row(
              f.name() + " filters", f.channels(), f.height(), f.width(), f.values(), colour));
    }
    for (ActivationMaps.Grid g : maps.layers()) {
      rows.add(
          new MapGrid.Row(
              g.name() + String.format(Locale.ROOT, " %d×%d", g.height(), g.width()),
              g.channels(),
              g.height(),
              g.width(),
              g.values(),
              false));
    }
    return rows;
  }
}
