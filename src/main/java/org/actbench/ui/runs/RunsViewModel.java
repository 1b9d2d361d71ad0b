package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.actbench.chart.Callout;
import org.actbench.data.Cifar10;
import org.actbench.engine.InvalidField;
import org.actbench.engine.Kernels;
import org.actbench.engine.Threads;
import org.actbench.engine.train.LiveSettings;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.SnapshotRing;
import org.actbench.experiment.Fork;
import org.actbench.experiment.Json;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.RunTime;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.lesson.Lesson;

/**
 * The Runs tab's state and logic, without a scene graph: the rows (this window's runs and the
 * store's earlier ones), the selection, the run queues, what the charts show and the messages the
 * tab says. {@link WorkbenchView} lays it out and binds to it; tests drive it without a Stage.
 *
 * <p>Everything here runs on the FX thread except the readers it starts (the dataset, the store, a
 * stored run's files), which hand their results back through {@code fx}: {@code Platform::runLater}
 * in the window, a queue the test runs in tests.
 */
public final class RunsViewModel {
  private final Path store;
  private final Path cacheDir;
  private final Map<String, Cifar10> loaded = new ConcurrentHashMap<>();
  private final Function<String, Cifar10> datasets;
  private final List<String> dataChoices;
  private final Executor fx;
  private final RunConfigViewModel config = new RunConfigViewModel();
  private final ObservableList<LiveRun> rows = FXCollections.observableArrayList();
  private final ObservableList<LiveRun> selection = FXCollections.observableArrayList();
  private final Map<Integer, RunQueue> queues = new HashMap<>();
  private final RunCharts figures = new RunCharts();
  private final Measurements measurements;

  /** Step times measured for the presets, per kind of run and runs at once: once a window. */
  private final Map<String, RunTime> stepTimes = new ConcurrentHashMap<>();

  private final ExecutorService storeReader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "actbench-store-reader");
            t.setDaemon(true);
            return t;
          });

  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty dataStatus = new SimpleStringProperty("");
  private final StringProperty placeholder = new SimpleStringProperty("Reading the run store…");
  private final StringProperty kernelsLine = new SimpleStringProperty("");

  private final ChartChoices choices = new ChartChoices(this::refresh);
  private final RunNotes notes;
  private final MapsModel maps;

  private boolean background = true;
  private boolean refreshing;
  private Runnable onRefreshed = () -> {};
  private final List<Runnable> alsoOnRefreshed = new ArrayList<>();
  private boolean storeRead; // FX thread
  private final List<Runnable> afterStoreRead = new ArrayList<>();
  private volatile boolean warmedUp;
  private boolean anyQueue; // under threadsLock: set when the first queue sets the threads
  private final Object threadsLock = new Object();

  /**
   * @param store where run folders go
   * @param datasets reads a spec's {@code data} ({@code sample}, {@code default}, a path)
   * @param dataChoices what the Data field offers; the first is read by {@link #start}
   * @param fx runs what the readers hand back on the FX thread
   */
  public RunsViewModel(
      Path store,
      Path cacheDir,
      Function<String, Cifar10> datasets,
      List<String> dataChoices,
      Executor fx) {
    this.store = store;
    this.cacheDir = cacheDir;
    this.datasets = data -> loaded.computeIfAbsent(data, datasets); // read once for all queues
    this.dataChoices = List.copyOf(dataChoices);
    this.fx = fx;
    this.measurements = new Measurements(store, this::explorerCandidates, storeReader, fx);
    this.notes = new RunNotes(storeReader, fx, message::set, this::refresh);
    this.maps = new MapsModel(this.datasets, cacheDir, storeReader, fx, this::refresh);
    if (!dataChoices.isEmpty()) {
      config.dataProperty().set(dataChoices.get(0));
    }
    selection.addListener((ListChangeListener<LiveRun>) c -> refresh());
  }

  /** Starts reading the first dataset and the store's runs, in the background. */
  public void start() {
    if (!dataChoices.isEmpty()) {
      readInBackground(dataChoices.get(0));
    }
    readStore();
  }

  public RunConfigViewModel config() {
    return config;
  }

  /** The table's rows: the store's earlier runs first, then this window's. */
  public ObservableList<LiveRun> rows() {
    return rows;
  }

  /** The selected rows; the view keeps it and the table's selection the same. */
  public ObservableList<LiveRun> selection() {
    return selection;
  }

  /** What the tab says about the last action. */
  public StringProperty message() {
    return message;
  }

  /** Whether the dataset is read, and how fast. */
  public StringProperty dataStatus() {
    return dataStatus;
  }

  /** What the empty table says. */
  public StringProperty placeholder() {
    return placeholder;
  }

  /** What ran this window's runs: e.g. " · runs on onednn" (empty before any run started). */
  public StringProperty kernelsLine() {
    return kernelsLine;
  }

  /** What the charts show. */
  public ChartChoices choices() {
    return choices;
  }

  RunCharts figures() {
    return figures;
  }

  /** Runs after every {@link #refresh}: the view redraws the chart shown. */
  public void setOnRefreshed(Runnable onRefreshed) {
    this.onRefreshed = onRefreshed;
  }

  /** The runs queued in this window, in the table's order. */
  public List<LiveRun> liveRuns() {
    return rows.stream().filter(r -> r.run() != null).toList();
  }

  /** The store's runs from before, as the table lists them. */
  public List<LiveRun> storedRuns() {
    return rows.stream().filter(r -> r.stored() != null).toList();
  }

  /** The runs the charts show: the selection, else this window's runs. */
  public List<LiveRun> shown() {
    return selection.isEmpty() ? liveRuns() : List.copyOf(selection);
  }

  /** The activation-maps tab's state and figure. */
  MapsModel maps() {
    return maps;
  }

  /** The callouts of the shown runs on a chart ({@code unit-means:network}, ...). */
  public List<Callout> callouts(String chart) {
    return notes.callouts(shown(), chart);
  }

  /**
   * Drops a callout on a chart; it is kept in the folder of the shown run whose line ({@code near},
   * a line's label, or null) it was dropped by, else of the first shown run.
   */
  public void annotate(String chart, double x, double y, String text, String near) {
    notes.add(shown(), chart, x, y, text, near);
  }

  /**
   * Reads the shown runs' callouts again (FX thread): when the Runs tab comes back into view, since
   * the Compare tab may have added or removed some in the same files.
   */
  public void rereadCallouts() {
    notes.forget();
    notes.read(shown());
  }

  /** Removes a callout from the shown run that has it. */
  public void removeCallout(String chart, Callout callout) {
    notes.remove(shown(), chart, callout);
  }

  /** What the explorer asks: see {@link Measurements#measured}. */
  public Measurements.Measured measured(String activationId, int layer) {
    return measurements.measured(activationId, layer);
  }

  /** Reads the store's moments again for the explorer, off the FX thread. */
  public void refreshStoredMoments(Runnable whenRead) {
    measurements.refreshStored(whenRead);
  }

  /** The selected runs first, then this window's newest first. */
  private List<LiveRun> explorerCandidates() {
    List<LiveRun> candidates = new ArrayList<>(selection);
    List<LiveRun> own = new ArrayList<>(liveRuns());
    Collections.reverse(own);
    candidates.addAll(own);
    return candidates;
  }

  /**
   * Whether the dataset a spec names has been read and the engine warmed up on it, so that a run
   * queued now shows its first loss within a second.
   */
  public boolean isReady(String data) {
    return loaded.containsKey(data) && warmedUp;
  }

  /**
   * Reads a dataset in the background, so that the first run does not wait for it, then warms the
   * engine up on it: two steps of the form's first run, written nowhere (the native libraries and
   * the compiled code a first step needs, and the data's preprocessing statistics).
   */
  private void readInBackground(String data) {
    String name = RunConfigController.dataName(data);
    dataStatus.set("Reading " + name + " in the background…");
    TrainSpec first = config.validate() ? config.specs().get(0) : null; // read on the FX thread
    int parallel = first != null ? config.parallelism() : 1;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    Thread reader =
        new Thread(
            () -> {
              long start = System.nanoTime();
              try {
                Cifar10 set = datasets.apply(data);
                String text =
                    String.format(
                        Locale.ROOT,
                        "%s ready: %,d training images (read in %.1f s)",
                        name,
                        set.train().size(),
                        (System.nanoTime() - start) / 1e9);
                fx.execute(() -> dataStatus.set(text));
                warmUp(first, data, set, threads);
              } catch (RuntimeException e) {
                String text = "Could not read " + name + ": " + e.getMessage();
                fx.execute(() -> dataStatus.set(text));
              }
              warmedUp = true;
            },
            "actbench-data-reader");
    reader.setDaemon(true);
    reader.setPriority(Thread.MIN_PRIORITY);
    reader.start();
  }

  /**
   * Two steps with the threads a run will get (oneDNN keeps its kernels per thread count); not once
   * a run is queued: its queue has set the threads, and a warm-up is no use any more.
   */
  private void warmUp(TrainSpec first, String data, Cifar10 set, int threads) {
    boolean warm;
    synchronized (threadsLock) {
      warm = first != null && !anyQueue;
      if (warm) {
        Threads.set(threads);
      }
    }
    if (warm) {
      try {
        RunTime.measure(first.withData(data), set, 1);
        Json.toJson(first); // and what writing a run's folder needs first
      } catch (RuntimeException e) {
        // only a warm-up: a run of this spec fails the same way and says why in its row
      }
    }
  }

  /** Lists the store's runs (off the FX thread) above this window's, read-only with their state. */
  private void readStore() {
    storeReader.execute(
        () -> {
          List<RunStore.Entry> entries;
          String problem = null;
          try {
            entries = StoredRuns.list(store);
          } catch (IOException | RuntimeException e) {
            entries = List.of();
            problem = "Could not read the run store " + store + ": " + e.getMessage();
          }
          List<RunStore.Entry> found = entries;
          String why = problem;
          fx.execute(() -> addStored(found, why));
        });
  }

  private void addStored(List<RunStore.Entry> found, String problem) {
    Set<Path> own = new HashSet<>();
    rows.stream()
        .map(LiveRun::run)
        .filter(Objects::nonNull)
        .map(RunQueue.Run::folder)
        .filter(Objects::nonNull)
        .forEach(own::add);
    List<LiveRun> stored =
        found.stream().filter(e -> !own.contains(e.dir())).map(LiveRun::stored).toList();
    rows.addAll(0, stored);
    storeRead = true;
    afterStoreRead.forEach(Runnable::run);
    afterStoreRead.clear();
    placeholder.set(
        problem != null ? problem : "No runs yet: choose activations and depths, then Queue.");
  }

  /**
   * What a paper preset with the form's seeds (their number), data and parallelism will queue; null
   * (and the message says why) when the form has errors. Makes the queue for that parallelism, so
   * that the threads each run gets are set before its steps are timed.
   */
  public PresetPlan planPreset(Preset preset) {
    if (!config.validate()) {
      message.set("The form has errors; a preset takes its seeds, data and runs at once from it.");
      return null;
    }
    int seeds = FormFields.parseInts(config.seedsProperty().get()).size();
    PresetPlan plan =
        new PresetPlan(preset, config.dataProperty().get(), seeds, config.parallelism());
    queue(config.parallelism());
    return plan;
  }

  /** A planned run's step time on this machine, measured once per kind of run (any thread). */
  public RunTime stepTime(TrainSpec spec, int atOnce) {
    return stepTimes.computeIfAbsent(
        PresetPlan.kind(spec) + " at " + atOnce,
        k -> RunTime.measure(spec, datasets.apply("sample"), 3));
  }

  /** The number of test images of a dataset, read if need be (any thread). */
  public int testImages(String data) {
    return datasets.apply(data).test().size();
  }

  /** Queues a planned preset and selects its runs. */
  public void queuePreset(PresetPlan plan) {
    RunQueue queue = queue(config.parallelism());
    List<LiveRun> added = new ArrayList<>();
    Kernels kernels = Kernels.parse(config.kernelsProperty().get());
    for (TrainSpec planned : plan.specs()) {
      TrainSpec spec = planned.withKernels(kernels);
      String name = unique(spec.shortName() + " [" + plan.preset().id() + "]");
      added.add(
          show(
              LiveRun.queued(name, spec),
              live -> queue.submit(spec, List.of(plan.preset().tag()), live)));
    }
    selection.setAll(added);
    message.set(
        "Queued " + plan.preset().title() + ": " + added.size() + " runs. " + plan.differences());
  }

  /** Queues a stored run to continue from its latest checkpoint (from the Compare tab). */
  public void resume(RunStore.Entry entry) {
    // joins the runs already going
    RunQueue queue = queues.isEmpty() ? queue(1) : queues.values().iterator().next();
    rows.removeIf(r -> r.stored() != null && r.stored().dir().equals(entry.dir())); // now live
    LiveRun live =
        show(
            LiveRun.queued(unique(entry.displayName() + " (resumed)"), entry.spec()),
            r -> queue.resume(entry.dir(), entry.spec(), r));
    selection.setAll(List.of(live));
  }

  /**
   * The folder of a row's run (a stored run's, or a run of this window once it has started), or
   * null while it has none.
   */
  static Path folderOf(LiveRun row) {
    if (row.stored() != null) {
      return row.stored().dir();
    }
    return row.run() == null ? null : row.run().folder();
  }

  /** The rows a fork may start from: the selected ones with a folder, else the shown ones. */
  public List<LiveRun> forkCandidates() {
    List<LiveRun> from = selection.isEmpty() ? shown() : selection;
    return from.stream().filter(r -> folderOf(r) != null).toList();
  }

  /**
   * Queues a fork of {@code parent} from its state after {@code step} with {@code child}'s settings
   * (the parent's spec with the changes), and selects it; a change a fork cannot make is refused
   * with the reason in the message line.
   *
   * @return the new row, or null if refused
   */
  public LiveRun fork(LiveRun parent, long step, TrainSpec child) {
    Path dir = folderOf(parent);
    if (dir == null) {
      message.set("That run has no folder yet: fork it once it has started.");
      return null;
    }
    try {
      Fork.check(parent.spec(), child);
    } catch (InvalidField e) {
      message.set("Cannot fork: " + e.getMessage());
      return null;
    }
    SnapshotRing ring = parent.run() == null ? null : parent.run().snapshots();
    RunQueue queue = queues.isEmpty() ? queue(1) : queues.values().iterator().next();
    LiveRun live =
        show(
            LiveRun.queued(unique(parent.label() + " fork@" + step), child),
            r -> queue.fork(dir, ring, step, child, r));
    selection.setAll(List.of(live));
    message.set(
        "Forking "
            + parent.label()
            + " at step "
            + step
            + (ring == null ? " from its checkpoints." : " from its snapshots in memory."));
    return live;
  }

  /**
   * Changes the learning rate or momentum of the selected runs that are going, from their next step
   * on (recorded in their events.csv and marked on the charts).
   */
  public void changeSelected(SettingChange.Setting setting, double value) {
    List<RunQueue.Run> runs = selectedGoing("change");
    int changed = 0;
    for (RunQueue.Run run : runs) {
      LiveSettings live = run.live();
      if (live == null) {
        continue;
      }
      try {
        live.request(setting, value, "window");
        changed++;
      } catch (IllegalArgumentException e) {
        message.set("Cannot change " + setting.id() + ": " + e.getMessage());
        return;
      }
    }
    message.set(
        changed == 0
            ? "Select running runs to change first."
            : setting.id() + " = " + value + " from the next step of " + count(runs) + ".");
  }

  /**
   * What opening a session asks of the window beyond this model (FX thread): the chart tab, the
   * presenter layout and the lesson.
   */
  public interface SessionWindow {
    void showTab(String title);

    /** Shows or hides the presenter layout at its scale. */
    default void presenter(Session.PresenterState state) {}

    /** Opens the lesson (read and checked) at {@code at}'s step, or closes the one shown (null). */
    default void lesson(Lesson lesson, Session.LessonAt at) {}
  }

  /** The window's state now, without presenter or lesson (FX thread, no I/O). */
  public Session session(String chartTab) {
    return session(chartTab, null, null);
  }

  /**
   * The window's state now (FX thread, no I/O): the runs shown by folder, the selected ones, the
   * runs queued but not started by spec, the form's fields, the charts' choices and zoom, the
   * presenter layout and the lesson's step (null: none).
   */
  public Session session(
      String chartTab, Session.PresenterState presenter, Session.LessonAt lesson) {
    List<String> folders = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    List<TrainSpec> queued = new ArrayList<>();
    for (LiveRun r : rows) {
      Path dir = folderOf(r);
      if (dir != null) {
        folders.add(dir.toAbsolutePath().toString());
        if (selection.contains(r)) {
          selected.add(dir.toAbsolutePath().toString());
        }
      } else if (r.run() != null && r.run().state() == RunQueue.State.QUEUED) {
        queued.add(r.spec());
      }
    }
    return new Session(
        Session.VERSION,
        folders,
        selected,
        queued,
        config.texts(),
        SessionParts.chart(choices, chartTab),
        SessionParts.views(figures),
        presenter,
        lesson);
  }

  /** Writes {@code now} ({@link #session}) to {@code file} off the FX thread and says where. */
  public void saveSession(Path file, Session now) {
    storeReader.execute(
        () -> {
          String said;
          try {
            now.write(file);
            said = "Saved the session (" + now.runs().size() + " runs) to " + file;
          } catch (IOException | RuntimeException e) {
            said = "Could not save the session to " + file + ": " + e.getMessage();
          }
          String s = said;
          fx.execute(() -> message.set(s));
        });
  }

  /**
   * Writes the window's state without presenter or lesson (see {@link #saveSession(Path,
   * Session)}).
   */
  public void saveSession(Path file, String chartTab) {
    saveSession(file, session(chartTab));
  }

  /**
   * Opens a session file: read and checked whole off the FX thread (with the stored runs and the
   * lesson it names), then applied on it: the form, the charts' choices and zoom, the runs listed
   * and selected, the queued ones queued again, the presenter layout and the lesson at its step. A
   * malformed file changes nothing and the message says why, naming the file and the field; runs
   * whose folders are gone are named.
   */
  public void openSession(Path file, SessionWindow window) {
    storeReader.execute(
        () -> {
          Session session;
          Lesson lesson;
          List<RunStore.Entry> found = new ArrayList<>();
          List<String> missing = new ArrayList<>();
          try {
            session = Session.read(file);
            config.checkTexts(session.form());
            SessionParts.checkChart(session.chart());
            lesson = session.lesson() == null ? null : SessionParts.lesson(session.lesson());
            Map<Path, List<RunStore.Entry>> stores = new HashMap<>();
            for (String folder : session.runs()) {
              Path dir = Path.of(folder).toAbsolutePath().normalize();
              Path parent = dir.getParent();
              List<RunStore.Entry> listed =
                  parent == null || !Files.isDirectory(parent)
                      ? List.of()
                      : stores.computeIfAbsent(parent, StoredRuns::listOrNone);
              listed.stream()
                  .filter(e -> e.dir().toAbsolutePath().normalize().equals(dir))
                  .findFirst()
                  .ifPresentOrElse(found::add, () -> missing.add(folder));
            }
          } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String why = m.startsWith(file.toString()) ? m : file + " is not a session file: " + m;
            fx.execute(() -> message.set("Session not opened: " + why));
            return;
          }
          fx.execute(() -> apply(session, lesson, found, missing, window));
        });
  }

  private void apply(
      Session session,
      Lesson lesson,
      List<RunStore.Entry> found,
      List<String> missing,
      SessionWindow window) {
    config.setTexts(session.form());
    List<LiveRun> chosen = new ArrayList<>();
    for (RunStore.Entry e : found) {
      LiveRun row =
          rows.stream()
              .filter(r -> e.dir().equals(folderOf(r)))
              .findFirst()
              .orElseGet(
                  () -> {
                    LiveRun stored = LiveRun.stored(e);
                    rows.add(stored);
                    return stored;
                  });
      if (session.selected().contains(e.dir().toAbsolutePath().toString())) {
        chosen.add(row);
      }
    }
    List<TrainSpec> queued = new ArrayList<>(session.queued());
    if (lesson != null) { // the lesson queues its own runs again
      String data = config.dataProperty().get();
      queued.removeIf(
          q -> lesson.runs().stream().anyMatch(r -> LessonViewModel.sameTraining(r.spec(data), q)));
    }
    if (!queued.isEmpty()) {
      RunQueue queue = queue(config.parallelism());
      for (TrainSpec spec : queued) {
        chosen.add(
            show(
                LiveRun.queued(unique(spec.shortName()), spec),
                r -> queue.submit(spec, List.of(), r)));
      }
    }
    selection.setAll(chosen);
    SessionParts.applyChart(session.chart(), choices);
    String tab = session.chart().get("tab");
    if (tab != null && !tab.isEmpty()) {
      window.showTab(tab);
    }
    if (session.presenter() != null) {
      window.presenter(session.presenter());
    }
    if (session.version() >= 2) { // a version 1 file says nothing about lessons: left as it is
      window.lesson(lesson, session.lesson());
    }
    refresh(); // a bias quantity sets its chart's scale; the session's zoom comes after
    SessionParts.applyViews(session.views(), figures);
    refresh();
    message.set(
        "Opened the session: "
            + found.size()
            + " runs"
            + (queued.isEmpty() ? "" : ", " + queued.size() + " queued again")
            + (lesson == null
                ? ""
                : ", the lesson '" + lesson.title() + "' at step " + (session.lesson().step() + 1))
            + (missing.isEmpty() ? "." : "; not found: " + String.join(", ", missing)));
  }

  /** Queues every combination of the form, if valid, and selects the new runs. */
  public void queueAll() {
    if (!config.validate()) {
      return; // the form shows its errors at the fields
    }
    RunQueue queue = queue(config.parallelism());
    List<LiveRun> added = new ArrayList<>();
    for (TrainSpec spec : config.specs()) {
      String name = spec.shortName() + (spec.data().equals("sample") ? " (sample)" : "");
      added.add(
          show(LiveRun.queued(unique(name), spec), live -> queue.submit(spec, List.of(), live)));
    }
    selection.setAll(added);
    message.set("Queued " + added.size() + (added.size() == 1 ? " run." : " runs."));
  }

  /**
   * Queues runs of a lesson or the demo under the given names (made unique), tagged, with the
   * form's kernels and runs at once, and selects them.
   *
   * @param runs name → spec, in order
   */
  public List<LiveRun> queueNamed(Map<String, TrainSpec> runs, String tag) {
    RunQueue queue = queue(Math.max(runs.size(), 1));
    Kernels kernels = kernelsOrPreferred();
    List<LiveRun> added = new ArrayList<>();
    runs.forEach(
        (name, planned) -> {
          TrainSpec spec = planned.withKernels(kernels);
          added.add(
              show(
                  LiveRun.queued(unique(name), spec),
                  live -> queue.submit(spec, List.of(tag), live)));
        });
    selection.setAll(added);
    return added;
  }

  private Kernels kernelsOrPreferred() {
    try {
      return Kernels.parse(config.kernelsProperty().get());
    } catch (IllegalArgumentException e) {
      return Kernels.preferred();
    }
  }

  /** Selects these rows (the charts follow the selection). */
  public void select(List<LiveRun> runs) {
    selection.setAll(runs);
  }

  /** Stops these runs of this window (a lesson restarting); what they measured is kept. */
  public void stop(List<LiveRun> runs) {
    runs.stream()
        .map(LiveRun::run)
        .filter(r -> r != null && !r.state().isDone())
        .forEach(RunQueue.Run::stop);
    refresh();
  }

  /** The runs shown that this window trains: the presenter's keys act on them. */
  private List<RunQueue.Run> shownGoing() {
    return shown().stream()
        .map(LiveRun::run)
        .filter(r -> r != null && !r.state().isDone())
        .toList();
  }

  /** Space in the presenter layout: pauses the shown runs, or resumes them if all are paused. */
  public void togglePauseShown() {
    List<RunQueue.Run> runs = shownGoing();
    if (runs.isEmpty()) {
      message.set("No run shown is training.");
    } else if (runs.stream().allMatch(r -> r.state() == RunQueue.State.PAUSED)) {
      runs.forEach(RunQueue.Run::resume);
      message.set("Resumed " + count(runs) + ".");
    } else {
      runs.forEach(RunQueue.Run::pause);
      message.set("Paused " + count(runs) + " (space resumes, → trains one more batch).");
    }
  }

  /** → in the presenter layout: one more batch for each shown run (pausing them first). */
  public void stepShown() {
    List<RunQueue.Run> runs = shownGoing();
    if (runs.isEmpty()) {
      message.set("No run shown is training.");
      return;
    }
    List<RunQueue.Run> going =
        runs.stream().filter(r -> r.state() != RunQueue.State.PAUSED).toList();
    if (!going.isEmpty()) {
      going.forEach(RunQueue.Run::pause);
      message.set("Paused " + count(going) + "; → again trains one batch.");
      return;
    }
    runs.forEach(RunQueue.Run::stepOnce);
    message.set("One more batch for " + count(runs) + ".");
  }

  /** The name, or the name with #2, #3, ... if a row has it: every row's name is its own. */
  String unique(String name) {
    Set<String> taken = new HashSet<>();
    rows.forEach(r -> taken.add(r.label()));
    if (!taken.contains(name)) {
      return name;
    }
    for (int i = 2; ; i++) {
      if (!taken.contains(name + " #" + i)) {
        return name + " #" + i;
      }
    }
  }

  /** The queue for this many runs at once (one per setting, made on first use). */
  private RunQueue queue(int parallelism) {
    synchronized (threadsLock) {
      anyQueue = true;
      return queues.computeIfAbsent(
          parallelism,
          p -> {
            RunQueue q = new RunQueue(store, cacheDir, datasets, p, background);
            try {
              q.keepSnapshots(SnapshotRing.Settings.fromProperties(System.getProperties()));
            } catch (IllegalArgumentException e) {
              message.set(e.getMessage() + "; the snapshot defaults hold");
            }
            return q;
          });
    }
  }

  /**
   * Whether training threads run at background CPU priority (the default), so the window stays
   * smooth however many run. Read when the first run of a given parallelism is queued; the frame
   * benchmark turns it off before queuing anything, to measure the difference.
   */
  public void trainInBackground(boolean yes) {
    background = yes;
  }

  /** The training threads' CPU priority, per queue ("SCHED_IDLE", "nice 19", "normal", ...). */
  public List<String> trainingPriorities() {
    return queues.values().stream().map(RunQueue::priority).distinct().toList();
  }

  /** Starts a run (given its row) and lists it. */
  private LiveRun show(LiveRun live, Function<LiveRun, RunQueue.Run> start) {
    live.attach(start.apply(live));
    rows.add(live);
    return live;
  }

  /** The selected runs of this window; says so when the selection has none. */
  private List<RunQueue.Run> selectedRuns(String what) {
    List<RunQueue.Run> runs =
        selection.stream().map(LiveRun::run).filter(Objects::nonNull).toList();
    if (runs.isEmpty()) {
      message.set(
          selection.isEmpty()
              ? "Select runs to " + what + " first."
              : "Stored runs are read-only: resume one from its checkpoint in the Compare tab.");
    }
    return runs;
  }

  private List<RunQueue.Run> selectedGoing(String what) {
    return selectedRuns(what).stream().filter(r -> !r.state().isDone()).toList();
  }

  public void pauseSelected() {
    List<RunQueue.Run> runs = selectedGoing("pause");
    runs.forEach(RunQueue.Run::pause);
    if (!runs.isEmpty()) {
      message.set("Pausing " + count(runs) + " after the current batch.");
    }
  }

  public void resumeSelected() {
    List<RunQueue.Run> runs = selectedGoing("resume");
    runs.forEach(RunQueue.Run::resume);
    if (!runs.isEmpty()) {
      message.set("Resumed " + count(runs) + ".");
    }
  }

  public void stepSelected() {
    List<RunQueue.Run> runs = selectedRuns("step");
    List<RunQueue.Run> paused =
        runs.stream().filter(r -> r.state() == RunQueue.State.PAUSED).toList();
    paused.forEach(RunQueue.Run::stepOnce);
    if (!paused.isEmpty()) {
      String steps =
          String.join(", ", paused.stream().map(r -> "step " + (r.step() + 1)).distinct().toList());
      message.set("One more batch for " + count(paused) + ": " + steps + ".");
    } else if (!runs.isEmpty()) {
      message.set("Step trains one batch of a paused run: pause it first.");
    }
  }

  public void stopSelected() {
    List<RunQueue.Run> runs = selectedGoing("stop");
    runs.forEach(RunQueue.Run::stop);
    if (!runs.isEmpty()) {
      message.set("Stopping " + count(runs) + "; what they measured is kept.");
    }
    refresh(); // a run still waiting in the queue shows Cancelled at once
  }

  private static String count(List<?> runs) {
    return runs.size() == 1 ? "1 run" : runs.size() + " runs";
  }

  /** Moves what every row's inbox received into its series (the door, FX thread). */
  boolean drain() {
    boolean any = false;
    for (LiveRun r : rows) {
      any |= r.drain();
    }
    return any;
  }

  /** Whether a run of this window is still queued or going. */
  boolean anyActive() {
    return rows.stream().anyMatch(r -> r.run() != null && !r.run().state().isDone());
  }

  /**
   * Updates the rows and rebuilds the figures from the shown runs' series (FX thread); asks for a
   * stored run's files the first time it is shown. Then {@link #setOnRefreshed}'s action runs.
   */
  public void refresh() {
    if (refreshing) {
      return; // a choice changed by this refresh: it goes on with the new choice
    }
    refreshing = true;
    try {
      rows.forEach(LiveRun::updateRow);
      Set<String> kernels = new TreeSet<>();
      for (LiveRun r : rows) {
        if (r.run() != null && r.run().kernels() != null) {
          kernels.add(r.run().kernels());
        }
      }
      kernelsLine.set(kernels.isEmpty() ? "" : " · runs on " + String.join(" and ", kernels));
      List<LiveRun> shown = shown();
      for (LiveRun r : shown) {
        if (r.classNames.isEmpty() && loaded.containsKey(r.spec().data())) {
          r.classNames = loaded.get(r.spec().data()).classNames();
        }
        if (r.stored() != null && !r.storedRead) { // its files, once, off the FX thread
          r.storedRead = true;
          storeReader.execute(
              () -> {
                r.deliver(StoredRuns.read(r.stored()));
                StoredRuns.changes(r.stored()).forEach(r::accept);
              });
        }
      }
      choices.offer(shown);
      notes.read(shown);
      maps.update(shown);
      figures.update(shown, choices.now());
    } finally {
      refreshing = false;
    }
    onRefreshed.run();
    alsoOnRefreshed.forEach(Runnable::run);
  }

  /** Runs the action once the store's runs are listed (at once if they are): FX thread. */
  public void whenStoreRead(Runnable action) {
    if (storeRead) {
      action.run();
    } else {
      afterStoreRead.add(action);
    }
  }

  /** One more action after each refresh (the presenter layout's charts), beside the tabs'. */
  public void addOnRefreshed(Runnable action) {
    alsoOnRefreshed.add(action);
  }

  /** Stops every run (closing the window); waits briefly for them to end. */
  public void shutdown() {
    storeReader.shutdownNow();
    for (RunQueue q : queues.values()) {
      try {
        q.stopAll(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
