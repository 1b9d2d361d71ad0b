package org.actbench.ui.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.data.Cifar10;
import org.actbench.engine.Kernels;
import org.actbench.engine.Threads;
import org.actbench.experiment.Json;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.RunTime;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.Histogram;
import org.actbench.metrics.LayerDrift;
import org.actbench.ui.chart.FigurePane;

/**
 * The Runs tab: the form on the left, the run queue above (this window's runs and the store's
 * earlier ones, read-only), the charts of the selected runs below. Runs train in a {@link
 * RunQueue}; their records reach the charts through one {@link LiveDoor}. The dataset is read once
 * per window, in the background from the start, so that a queued run starts at once.
 */
public final class WorkbenchView extends BorderPane {
  private final Path store;
  private final Path cacheDir;
  private final Map<String, Cifar10> loaded = new ConcurrentHashMap<>();
  private final Function<String, Cifar10> datasets;
  private final RunConfigViewModel config = new RunConfigViewModel();
  private final ObservableList<LiveRun> rows = FXCollections.observableArrayList();
  private final StringProperty kernelsLine = new SimpleStringProperty("");
  private final TableView<LiveRun> table = new TableView<>(rows);
  private final Map<Integer, RunQueue> queues = new HashMap<>();
  private boolean background = true;
  private final LiveDoor door = new LiveDoor(rows, this::refresh);
  private final RunCharts figures = new RunCharts();
  private final Measurements measurements;

  /**
   * Step times measured for the presets, per kind of run and runs at once: measured once a window.
   */
  private final Map<String, RunTime> stepTimes = new ConcurrentHashMap<>();

  private final ExecutorService storeReader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "actbench-store-reader");
            t.setDaemon(true);
            return t;
          });

  private final ChoiceBox<String> meansLayer = new ChoiceBox<>();
  private final ChoiceBox<String> biasLayer = new ChoiceBox<>();
  private final ChoiceBox<String> biasMetric =
      new ChoiceBox<>(
          FXCollections.observableArrayList(
              "ρ (share of bias shift)",
              "cosine(plain, natural)",
              "‖bias-shift term‖ / ‖natural‖"));
  private final ChoiceBox<String> histLayer = new ChoiceBox<>();
  private final TabPane charts = new TabPane();
  private final Map<Tab, FigurePane> panes = new HashMap<>();
  private final Label message = new Label();
  private final Label dataStatus = new Label();

  /**
   * @param store where run folders go
   * @param datasets reads a spec's {@code data} ({@code sample}, {@code default}, a path)
   * @param dataChoices what the Data field offers; the first is read at once, in the background
   */
  public WorkbenchView(
      Path store, Path cacheDir, Function<String, Cifar10> datasets, List<String> dataChoices) {
    this.store = store;
    this.cacheDir = cacheDir;
    this.datasets = data -> loaded.computeIfAbsent(data, datasets); // read once for all queues
    this.measurements = new Measurements(store, this::explorerCandidates);
    getStylesheets()
        .add(WorkbenchView.class.getResource("/org/actbench/ui/workbench.css").toExternalForm());
    FXMLLoader loader =
        new FXMLLoader(WorkbenchView.class.getResource("/org/actbench/ui/runs/RunConfig.fxml"));
    Parent formRoot;
    try {
      formRoot = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("the run form (RunConfig.fxml) could not be loaded", e);
    }
    RunConfigController form = loader.getController();
    if (!dataChoices.isEmpty()) {
      config.dataProperty().set(dataChoices.get(0));
    }
    form.bind(config, dataChoices, this::queueAll);
    ScrollPane formScroll = new ScrollPane(formRoot);
    formScroll.setFitToWidth(true);
    formScroll.setPrefWidth(300);
    setLeft(formScroll);

    setUpTable();
    Button pause =
        button(
            "pause",
            "Pause",
            "Pause the selected runs after their current batch",
            this::pauseSelected);
    Button resume = button("resume", "Resume", "Resume the selected runs", this::resumeSelected);
    Button step =
        button("step", "Step", "Train one batch of each selected paused run", this::stepSelected);
    Button stop =
        button(
            "stop",
            "Stop",
            "Stop the selected runs; what they measured so far is kept",
            this::stopSelected);
    MenuButton presets = new MenuButton("Paper presets");
    presets.setId("presets");
    presets.setTooltip(
        new Tooltip(
            "One of the paper's experiments at small scale, with the form's seeds, data"
                + " and runs at once: shows what will run and how long it takes, then asks"));
    for (Preset p : Preset.values()) {
      MenuItem item = new MenuItem(p.title());
      item.setId("preset-" + p.id());
      item.setOnAction(e -> askPreset(p));
      presets.getItems().add(item);
    }
    message.setId("queue-message");
    dataStatus.setId("data-status");
    for (javafx.scene.control.Control c : List.of(pause, resume, step, stop, presets)) {
      c.setMinWidth(Region.USE_PREF_SIZE); // the texts shorten, never the buttons
    }
    for (Label l : List.of(message, dataStatus)) {
      l.setMinWidth(0);
      l.tooltipProperty()
          .bind(
              javafx.beans.binding.Bindings.createObjectBinding(
                  () -> l.getText().isEmpty() ? null : new Tooltip(l.getText()), l.textProperty()));
    }
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox.setHgrow(message, Priority.SOMETIMES);
    HBox controls = new HBox(6, pause, resume, step, stop, presets, message, gap, dataStatus);
    controls.getStyleClass().add("chart-tools");
    VBox queuePane = new VBox(controls, table);
    VBox.setVgrow(table, Priority.ALWAYS);

    meansLayer.setId("means-layer");
    biasLayer.setId("bias-layer");
    histLayer.setId("hist-layer");
    biasMetric.getSelectionModel().select(0);
    for (ChoiceBox<String> c : List.of(meansLayer, biasLayer, biasMetric, histLayer)) {
      c.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refresh());
    }
    meansLayer.setTooltip(
        new Tooltip("Which activation layer: median unit mean with the quartile band"));
    biasLayer.setTooltip(
        new Tooltip("The conv or dense layer whose incoming units cause the bias shift"));
    charts.setId("charts");
    addChart("Loss", figures.loss, null);
    addChart("Accuracy", figures.accuracy, null);
    addChart("Unit means", figures.means, new HBox(6, new Label("Layer"), meansLayer));
    addChart("Mean heatmap", figures.heatmaps, null);
    addChart(
        "Bias shift",
        figures.bias,
        new HBox(6, new Label("Layer"), biasLayer, new Label("Quantity"), biasMetric));
    addChart("Histogram", figures.histogram, new HBox(6, new Label("Layer"), histLayer));
    addChart("Confusion", figures.confusions, null);
    charts.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refresh());

    SplitPane split = new SplitPane(queuePane, charts);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.3);
    setCenter(split);
    door.start();
    if (!dataChoices.isEmpty()) {
      readInBackground(dataChoices.get(0));
    }
    readStore();
  }

  private void setUpTable() {
    table.setId("run-queue");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener((ListChangeListener<LiveRun>) c -> refresh());
    TableColumn<LiveRun, String> name = new TableColumn<>("Run");
    name.setCellValueFactory(r -> new SimpleStringProperty(r.getValue().label()));
    name.setPrefWidth(260);
    TableColumn<LiveRun, String> status = new TableColumn<>("Status");
    status.setCellValueFactory(r -> r.getValue().status);
    status.setPrefWidth(150);
    TableColumn<LiveRun, String> steps = new TableColumn<>("Step");
    steps.setCellValueFactory(r -> r.getValue().steps);
    steps.setPrefWidth(110);
    TableColumn<LiveRun, Double> progress = new TableColumn<>("Progress");
    progress.setCellValueFactory(r -> r.getValue().progress.asObject());
    progress.setCellFactory(ProgressBarTableCell.forTableColumn());
    progress.setPrefWidth(140);
    TableColumn<LiveRun, String> elapsed = new TableColumn<>("Elapsed");
    elapsed.setCellValueFactory(r -> r.getValue().elapsed);
    TableColumn<LiveRun, String> eta = new TableColumn<>("ETA");
    eta.setCellValueFactory(r -> r.getValue().eta);
    TableColumn<LiveRun, String> kernels = new TableColumn<>("Kernels");
    kernels.setCellValueFactory(r -> r.getValue().kernels);
    kernels.setPrefWidth(80);
    table.getColumns().addAll(List.of(name, status, steps, progress, elapsed, eta, kernels));
    table.setPlaceholder(new Label("Reading the run store…"));
  }

  private void addChart(String title, Figure figure, HBox tools) {
    FigurePane pane = new FigurePane(figure);
    pane.setId("chart-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
    pane.setFileName(() -> fileName(title));
    pane.setOnSaved(file -> message.setText("Saved " + title + " to " + file));
    Tab tab = new Tab(title);
    tab.setClosable(false);
    if (tools != null) {
      tools.getStyleClass().add("chart-tools");
      BorderPane box = new BorderPane(pane);
      box.setTop(tools);
      tab.setContent(box);
    } else {
      tab.setContent(pane);
    }
    panes.put(tab, pane);
    charts.getTabs().add(tab);
  }

  /**
   * A file name for an exported chart: what it shows and of which runs, e.g. {@code
   * loss-elu-d6-w16-s1}.
   */
  private String fileName(String chart) {
    List<LiveRun> shown = shown();
    String runs = shown.size() == 1 ? shown.get(0).label() : shown.size() + "-runs";
    return (chart + "-" + runs).toLowerCase(Locale.ROOT);
  }

  private static Button button(String id, String text, String help, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(help));
    b.setOnAction(e -> action.run());
    return b;
  }

  public RunConfigViewModel config() {
    return config;
  }

  /** The runs queued in this window, in the table's order. */
  public List<LiveRun> liveRuns() {
    return rows.stream().filter(r -> r.run() != null).toList();
  }

  /** The store's runs from before, as the table lists them. */
  public List<LiveRun> storedRuns() {
    return rows.stream().filter(r -> r.stored() != null).toList();
  }

  public LineChart lossChart() {
    return figures.loss;
  }

  RunCharts figures() {
    return figures;
  }

  /** What the explorer asks: see {@link Measurements#measured}. */
  public Measurements.Measured measured(String activationId, int layer) {
    return measurements.measured(activationId, layer);
  }

  /**
   * Reads the store's moments again for the explorer, off the FX thread; see {@link Measurements}.
   */
  public void refreshStoredMoments(Runnable whenRead) {
    measurements.refreshStored(whenRead);
  }

  /** The selected runs first, then this window's newest first. */
  private List<LiveRun> explorerCandidates() {
    List<LiveRun> candidates = new ArrayList<>(table.getSelectionModel().getSelectedItems());
    List<LiveRun> own = new ArrayList<>(rows.stream().filter(r -> r.run() != null).toList());
    java.util.Collections.reverse(own);
    candidates.addAll(own);
    return candidates;
  }

  public LiveDoor door() {
    return door;
  }

  /**
   * Whether the dataset a spec names has been read and the engine warmed up on it, so that a run
   * queued now shows its first loss within a second.
   */
  public boolean isReady(String data) {
    return loaded.containsKey(data) && warmedUp;
  }

  private volatile boolean warmedUp;
  private boolean
      anyQueue; // under threadsLock: set when the first queue is made, which sets the threads
  private final Object threadsLock = new Object();

  /**
   * Reads a dataset in the background, so that the first run does not wait for it, then warms the
   * engine up on it: two steps of the form's first run, written nowhere (the native libraries and
   * the compiled code a first step needs, and the data's preprocessing statistics).
   */
  private void readInBackground(String data) {
    String name = RunConfigController.dataName(data);
    dataStatus.setText("Reading " + name + " in the background…");
    TrainSpec first = config.validate() ? config.specs().get(0) : null; // read on the FX thread
    int threads =
        Math.max(
            1,
            Runtime.getRuntime().availableProcessors()
                / (first != null ? config.parallelism() : 1));
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
                Platform.runLater(() -> dataStatus.setText(text));
                // with the threads a run will get (oneDNN keeps its kernels per thread count); not
                // once a run
                // is queued: its queue has set the threads, and a warm-up is no use any more
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
              } catch (RuntimeException e) {
                String text = "Could not read " + name + ": " + e.getMessage();
                Platform.runLater(() -> dataStatus.setText(text));
              }
              warmedUp = true;
            },
            "actbench-data-reader");
    reader.setDaemon(true);
    reader.setPriority(Thread.MIN_PRIORITY);
    reader.start();
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
          Platform.runLater(
              () -> {
                Set<Path> own = new HashSet<>();
                rows.stream()
                    .map(LiveRun::run)
                    .filter(Objects::nonNull)
                    .map(RunQueue.Run::folder)
                    .filter(Objects::nonNull)
                    .forEach(own::add);
                List<LiveRun> stored =
                    found.stream()
                        .filter(e -> !own.contains(e.dir()))
                        .map(LiveRun::stored)
                        .toList();
                rows.addAll(0, stored);
                table.setPlaceholder(
                    new Label(
                        why != null
                            ? why
                            : "No runs yet: choose activations and depths, then Queue."));
              });
        });
  }

  /**
   * Asks, then queues a paper preset with the form's seeds (their number), data and parallelism.
   */
  private void askPreset(Preset preset) {
    if (!config.validate()) {
      message.setText(
          "The form has errors; a preset takes its seeds, data and runs at once from it.");
      return;
    }
    int seeds = RunConfigViewModel.parseInts(config.seedsProperty().get()).size();
    String data = config.dataProperty().get();
    PresetPlan plan = new PresetPlan(preset, data, seeds, config.parallelism());
    queue(config.parallelism()); // sets the threads each run gets, with which the steps are timed
    int atOnce = config.parallelism();
    PresetDialog dialog =
        new PresetDialog(
            plan,
            getScene().getWindow(),
            spec ->
                stepTimes.computeIfAbsent(
                    PresetPlan.kind(spec) + " at " + atOnce,
                    k -> RunTime.measure(spec, datasets.apply("sample"), 3)),
            () -> datasets.apply(data).test().size());
    dialog
        .showAndWait()
        .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
        .ifPresent(b -> queuePreset(plan));
  }

  private void queuePreset(PresetPlan plan) {
    RunQueue queue = queue(config.parallelism());
    List<LiveRun> added = new ArrayList<>();
    Kernels kernels = Kernels.parse(config.kernelsProperty().get());
    for (TrainSpec planned : plan.specs()) {
      TrainSpec spec = planned.withKernels(kernels);
      added.add(
          show(
              LiveRun.queued(unique(spec.shortName() + " [" + plan.preset().id() + "]"), spec),
              live ->
                  queue.submit(
                      spec,
                      List.of(plan.preset().tag()),
                      live.trainingListener(),
                      live.metricsListener())));
    }
    select(added);
    message.setText(
        "Queued " + plan.preset().title() + ": " + added.size() + " runs. " + plan.differences());
  }

  /** Queues a stored run to continue from its latest checkpoint (from the Compare tab). */
  public void resume(RunStore.Entry entry) {
    RunQueue queue =
        queues.isEmpty()
            ? queue(1)
            : queues.values().iterator().next(); // joins the runs already going
    rows.removeIf(
        r -> r.stored() != null && r.stored().dir().equals(entry.dir())); // it becomes a live run
    LiveRun live =
        show(
            LiveRun.queued(unique(entry.displayName() + " (resumed)"), entry.spec()),
            r -> queue.resume(entry.dir(), r.trainingListener(), r.metricsListener()));
    select(List.of(live));
  }

  /** Queues every combination of a valid form, and selects the new runs. */
  private void queueAll(RunConfigViewModel model) {
    RunQueue queue = queue(model.parallelism());
    List<LiveRun> added = new ArrayList<>();
    for (TrainSpec spec : model.specs()) {
      String name = spec.shortName() + (spec.data().equals("sample") ? " (sample)" : "");
      added.add(
          show(
              LiveRun.queued(unique(name), spec),
              live ->
                  queue.submit(spec, List.of(), live.trainingListener(), live.metricsListener())));
    }
    select(added);
    message.setText("Queued " + added.size() + (added.size() == 1 ? " run." : " runs."));
  }

  /**
   * The name, or the name with #2, #3, ... if a row has it already: every row's name is its own.
   */
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

  /** Selects these rows (the charts follow them) and scrolls the first into view. */
  private void select(List<LiveRun> added) {
    if (added.isEmpty()) {
      return;
    }
    table.getSelectionModel().clearSelection();
    added.forEach(r -> table.getSelectionModel().select(r));
    table.scrollTo(added.get(0));
  }

  /** The queue for this many runs at once (one per setting, made on first use). */
  private RunQueue queue(int parallelism) {
    synchronized (threadsLock) {
      anyQueue = true;
      return queues.computeIfAbsent(
          parallelism, p -> new RunQueue(store, cacheDir, datasets, p, background));
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

  /** Starts a run (given its row) and shows it in the table and the charts. */
  private LiveRun show(LiveRun live, Function<LiveRun, RunQueue.Run> start) {
    live.attach(start.apply(live));
    rows.add(live);
    return live;
  }

  private List<LiveRun> selectedRows() {
    return List.copyOf(table.getSelectionModel().getSelectedItems());
  }

  /** The selected runs of this window; says so when the selection has none. */
  private List<RunQueue.Run> selectedRuns(String what) {
    List<RunQueue.Run> runs =
        selectedRows().stream().map(LiveRun::run).filter(Objects::nonNull).toList();
    if (runs.isEmpty()) {
      message.setText(
          selectedRows().isEmpty()
              ? "Select runs to " + what + " first."
              : "Stored runs are read-only: resume one from its checkpoint in the Compare tab.");
    }
    return runs;
  }

  private void pauseSelected() {
    List<RunQueue.Run> runs =
        selectedRuns("pause").stream().filter(r -> !r.state().isDone()).toList();
    runs.forEach(RunQueue.Run::pause);
    if (!runs.isEmpty()) {
      message.setText("Pausing " + count(runs) + " after the current batch.");
    }
  }

  private void resumeSelected() {
    List<RunQueue.Run> runs =
        selectedRuns("resume").stream().filter(r -> !r.state().isDone()).toList();
    runs.forEach(RunQueue.Run::resume);
    if (!runs.isEmpty()) {
      message.setText("Resumed " + count(runs) + ".");
    }
  }

  private void stepSelected() {
    List<RunQueue.Run> runs = selectedRuns("step");
    List<RunQueue.Run> paused =
        runs.stream().filter(r -> r.state() == RunQueue.State.PAUSED).toList();
    paused.forEach(RunQueue.Run::stepOnce);
    if (!paused.isEmpty()) {
      message.setText(
          "One more batch for "
              + count(paused)
              + ": "
              + paused.stream()
                  .map(r -> "step " + (r.step() + 1))
                  .distinct()
                  .reduce((a, b) -> a + ", " + b)
                  .orElse("")
              + ".");
    } else if (!runs.isEmpty()) {
      message.setText("Step trains one batch of a paused run: pause it first.");
    }
  }

  private void stopSelected() {
    List<RunQueue.Run> runs =
        selectedRuns("stop").stream().filter(r -> !r.state().isDone()).toList();
    runs.forEach(RunQueue.Run::stop);
    if (!runs.isEmpty()) {
      message.setText("Stopping " + count(runs) + "; what they measured is kept.");
    }
    refresh(); // a run still waiting in the queue shows Cancelled at once
  }

  private static String count(List<?> runs) {
    return runs.size() == 1 ? "1 run" : runs.size() + " runs";
  }

  /** The runs the charts show: the selection, else this window's runs. */
  private List<LiveRun> shown() {
    List<LiveRun> s = selectedRows();
    return s.isEmpty() ? rows.stream().filter(r -> r.run() != null).toList() : s;
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /**
   * What ran this window's runs, for the status line: e.g. "runs on onednn" (empty before any run
   * started; both names when runs used different kernels).
   */
  public ReadOnlyStringProperty kernelsLine() {
    return kernelsLine;
  }

  /** A duration in words for a decision: "40 s", "12 min", "2 h 5 min". */
  static String roughly(double seconds) {
    long s = Math.round(seconds);
    if (s < 90) {
      return s + " s";
    }
    long min = Math.round(seconds / 60);
    return min < 120 ? min + " min" : min / 60 + " h " + min % 60 + " min";
  }

  /** Rebuilds the figures from the runs' series and redraws the visible one (FX thread). */
  void refresh() {
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
        storeReader.execute(() -> r.deliver(StoredRuns.read(r.stored())));
      }
    }
    updateChoices(shown);
    int metric = Math.max(0, biasMetric.getSelectionModel().getSelectedIndex());
    figures.update(
        shown,
        new RunCharts.Choices(
            meansLayer.getValue(),
            biasLayer.getValue(),
            metric,
            biasMetric.getValue(),
            histLayer.getValue(),
            visible() == figures.heatmaps || visible() == figures.confusions));
    redrawVisible();
  }

  private void updateChoices(List<LiveRun> shown) {
    List<String> layers = new ArrayList<>(List.of("network"));
    List<String> receivers = new ArrayList<>();
    for (LiveRun r : shown) {
      r.drift.keySet().stream().filter(k -> !layers.contains(k)).forEach(layers::add);
      r.biasShift.keySet().stream().filter(k -> !receivers.contains(k)).forEach(receivers::add);
    }
    sync(meansLayer, layers);
    sync(biasLayer, receivers);
    sync(histLayer, layers.subList(1, layers.size()));
  }

  private static void sync(ChoiceBox<String> box, List<String> items) {
    if (!box.getItems().equals(items)) {
      String keep = box.getValue();
      box.getItems().setAll(items);
      box.setValue(items.contains(keep) ? keep : items.isEmpty() ? null : items.get(0));
    }
  }

  /** The figure of the chart tab shown. */
  private Figure visible() {
    FigurePane pane = panes.get(charts.getSelectionModel().getSelectedItem());
    return pane == null ? null : pane.figure();
  }

  private void redrawVisible() {
    FigurePane pane = panes.get(charts.getSelectionModel().getSelectedItem());
    if (pane != null) {
      pane.redraw();
    }
  }

  /** Stops every run (closing the window); waits briefly for them to end. */
  public void shutdown() {
    door.stop();
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
