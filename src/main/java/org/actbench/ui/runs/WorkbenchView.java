package org.actbench.ui.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
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
import javafx.scene.layout.VBox;
import org.actbench.chart.Bars;
import org.actbench.chart.Heatmap;
import org.actbench.chart.Line;
import org.actbench.chart.LineChart;
import org.actbench.chart.Palette;
import org.actbench.chart.Series;
import org.actbench.data.Cifar10;
import org.actbench.engine.Kernels;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.Histogram;
import org.actbench.metrics.LayerDrift;
import org.actbench.ui.chart.FigurePane;

/**
 * The Runs tab: the form on the left, the run queue above, live charts below. Runs train in a
 * {@link RunQueue}; their records reach the charts through one {@link LiveDoor}.
 */
public final class WorkbenchView extends BorderPane {
  private final Path store;
  private final Path cacheDir;
  private final Function<String, Cifar10> datasets;
  private final RunConfigViewModel config = new RunConfigViewModel();
  private final ObservableList<LiveRun> rows = FXCollections.observableArrayList();
  private final StringProperty kernelsLine = new SimpleStringProperty("");
  private final TableView<LiveRun> table = new TableView<>(rows);
  private final Map<Integer, RunQueue> queues = new HashMap<>();
  private boolean background = true;
  private final LiveDoor door = new LiveDoor(rows, this::refresh);

  private final LineChart loss = new LineChart("Loss", "step", "cross-entropy");
  private final LineChart accuracy = new LineChart("Accuracy", "step", "accuracy");
  private final LineChart means = new LineChart("Unit means", "step", "unit mean");
  private final Heatmap heatmap = new Heatmap("Median unit mean per layer", "step", "layer", true);
  private final LineChart bias = new LineChart("Bias shift", "step", "ρ");
  private final Bars histogram = new Bars("Activation values", "activation value");
  private final Heatmap confusion = new Heatmap("Confusion (share of each true class)", "predicted", "true class", false);
  private final ChoiceBox<String> meansLayer = new ChoiceBox<>();
  private final ChoiceBox<String> biasLayer = new ChoiceBox<>();
  private final ChoiceBox<String> biasMetric = new ChoiceBox<>(FXCollections.observableArrayList(
      "ρ (share of bias shift)", "cosine(plain, natural)", "‖bias-shift term‖ / ‖natural‖"));
  private final ChoiceBox<String> histLayer = new ChoiceBox<>();
  private final TabPane charts = new TabPane();
  private final Map<Tab, FigurePane> panes = new HashMap<>();
  private final RunConfigController form;
  private final Label presetNote = new Label();

  /**
   * @param store where run folders go
   * @param datasets reads a spec's {@code data} ({@code sample}, {@code default}, a path)
   * @param dataChoices what the Data field offers
   */
  public WorkbenchView(Path store, Path cacheDir, Function<String, Cifar10> datasets, List<String> dataChoices) {
    this.store = store;
    this.cacheDir = cacheDir;
    Map<String, Cifar10> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    this.datasets = data -> loaded.computeIfAbsent(data, datasets); // read once for all queues
    getStylesheets().add(WorkbenchView.class.getResource("/org/actbench/ui/workbench.css").toExternalForm());
    FXMLLoader loader = new FXMLLoader(WorkbenchView.class.getResource("/org/actbench/ui/runs/RunConfig.fxml"));
    Parent formRoot;
    try {
      formRoot = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("the run form (RunConfig.fxml) could not be loaded", e);
    }
    form = loader.getController();
    if (!dataChoices.isEmpty()) {
      config.dataProperty().set(dataChoices.get(0));
    }
    form.bind(config, dataChoices, this::queueAll);
    ScrollPane formScroll = new ScrollPane(formRoot);
    formScroll.setFitToWidth(true);
    formScroll.setPrefWidth(300);
    setLeft(formScroll);

    table.setId("run-queue");
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<LiveRun>) c -> refresh());
    TableColumn<LiveRun, String> name = new TableColumn<>("Run");
    name.setCellValueFactory(r -> new SimpleStringProperty(r.getValue().label()));
    name.setPrefWidth(220);
    TableColumn<LiveRun, String> status = new TableColumn<>("Status");
    status.setCellValueFactory(r -> r.getValue().status);
    status.setPrefWidth(110);
    TableColumn<LiveRun, Double> progress = new TableColumn<>("Progress");
    progress.setCellValueFactory(r -> r.getValue().progress.asObject());
    progress.setCellFactory(ProgressBarTableCell.forTableColumn());
    progress.setPrefWidth(140);
    TableColumn<LiveRun, String> elapsed = new TableColumn<>("Elapsed");
    elapsed.setCellValueFactory(r -> r.getValue().elapsed);
    TableColumn<LiveRun, String> eta = new TableColumn<>("ETA");
    eta.setCellValueFactory(r -> r.getValue().eta);
    table.getColumns().addAll(List.of(name, status, progress, elapsed, eta));
    table.setPlaceholder(new Label("No runs yet: choose activations and depths, then Queue."));

    Button pause = button("pause", "Pause", "Pause the selected runs after their current batch",
        () -> selected().forEach(RunQueue.Run::pause));
    Button resume = button("resume", "Resume", "Resume the selected runs", () -> selected().forEach(RunQueue.Run::resume));
    Button step = button("step", "Step", "Train one batch of each selected paused run",
        () -> selected().forEach(RunQueue.Run::stepOnce));
    Button stop = button("stop", "Stop", "Stop the selected runs; what they measured so far is kept",
        () -> selected().forEach(RunQueue.Run::stop));
    javafx.scene.control.MenuButton presets = new javafx.scene.control.MenuButton("Paper presets");
    presets.setId("presets");
    presets.setTooltip(new Tooltip("Queue one of the paper's experiments at small scale, with the form's seeds,"
        + " data and runs at once"));
    for (org.actbench.experiment.Preset p : org.actbench.experiment.Preset.values()) {
      javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(p.title());
      item.setId("preset-" + p.id());
      item.setOnAction(e -> queuePreset(p));
      presets.getItems().add(item);
    }
    presetNote.setId("preset-note");
    presetNote.setWrapText(true);
    HBox controls = new HBox(6, pause, resume, step, stop, presets);
    controls.getStyleClass().add("chart-tools");
    VBox queuePane = new VBox(controls, presetNote, table);
    VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);

    meansLayer.setId("means-layer");
    biasLayer.setId("bias-layer");
    histLayer.setId("hist-layer");
    biasMetric.getSelectionModel().select(0);
    for (ChoiceBox<String> c : List.of(meansLayer, biasLayer, biasMetric, histLayer)) {
      c.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refresh());
    }
    meansLayer.setTooltip(new Tooltip("Which activation layer: median unit mean with the quartile band"));
    biasLayer.setTooltip(new Tooltip("The conv or dense layer whose incoming units cause the bias shift"));
    charts.setId("charts");
    addChart("Loss", loss, null);
    addChart("Accuracy", accuracy, null);
    addChart("Unit means", means, new HBox(6, new Label("Layer"), meansLayer));
    addChart("Mean heatmap", heatmap, null);
    addChart("Bias shift", bias, new HBox(6, new Label("Layer"), biasLayer, new Label("Quantity"), biasMetric));
    addChart("Histogram", histogram, new HBox(6, new Label("Layer"), histLayer));
    addChart("Confusion", confusion, null);
    charts.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> redrawVisible());

    SplitPane split = new SplitPane(queuePane, charts);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.3);
    setCenter(split);
    door.start();
  }

  private void addChart(String title, org.actbench.chart.Figure figure, HBox tools) {
    FigurePane pane = new FigurePane(figure);
    pane.setId("chart-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
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

  public List<LiveRun> liveRuns() {
    return List.copyOf(rows);
  }

  public LineChart lossChart() {
    return loss;
  }

  /**
   * For the explorer: the selected (else the latest) run with this activation, and the moments of
   * its {@code layer}-th activation layer (from 1; the last if it has fewer) at the latest logged
   * step; null if there is none yet.
   */
  public Measured measured(String activationId, int layer) {
    List<LiveRun> candidates = new ArrayList<>(table.getSelectionModel().getSelectedItems());
    List<LiveRun> all = new ArrayList<>(rows);
    java.util.Collections.reverse(all);
    candidates.addAll(all);
    for (LiveRun r : candidates) {
      if (r.run() != null && r.run().spec().activation().id().equals(activationId) && !r.lastLogged.isEmpty()) {
        List<LayerDrift> layers = new ArrayList<>(r.lastLogged.values());
        LayerDrift d = layers.get(Math.min(layer, layers.size()) - 1);
        return new Measured(r.label(), r.lastLoggedStep, d.layer(), d.input(), d.output());
      }
    }
    List<RunData.LayerMoments> saved = storedMoments.get(activationId);
    if (saved != null) {
      RunData.LayerMoments d = saved.get(Math.min(layer, saved.size()) - 1);
      return new Measured(storedNames.get(activationId) + " (stored)", d.step(), d.layer(),
          new LayerDrift.Moments(d.inputMean(), d.inputVariance()),
          new LayerDrift.Moments(d.outputMean(), d.outputVariance()));
    }
    return null;
  }

  private Map<String, List<RunData.LayerMoments>> storedMoments = Map.of();
  private Map<String, String> storedNames = Map.of();

  /**
   * Reads the run store again for the explorer, off the FX thread: per activation, the stored run
   * whose layers.csv changed last and has moments, for when no run of this window has measured it.
   * Damaged runs are passed over. {@code whenRead} runs on the FX thread once they are in.
   */
  public void refreshStoredMoments(Runnable whenRead) {
    Thread reader = new Thread(() -> {
      Map<String, List<RunData.LayerMoments>> moments = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      readStoredMoments(moments, names);
      javafx.application.Platform.runLater(() -> {
        storedMoments = moments;
        storedNames = names;
        whenRead.run();
      });
    }, "actbench-store-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readStoredMoments(Map<String, List<RunData.LayerMoments>> moments, Map<String, String> names) {
    Map<String, RunStore.Entry> newest = new HashMap<>();
    Map<String, Long> when = new HashMap<>();
    try {
      for (RunStore.Entry e : RunStore.load(store)) {
        java.nio.file.Path layers = e.dir().resolve("layers.csv");
        if (!e.usable() || !java.nio.file.Files.exists(layers)) {
          continue;
        }
        long modified = java.nio.file.Files.getLastModifiedTime(layers).toMillis();
        String id = e.spec().activation().id();
        if (modified > when.getOrDefault(id, Long.MIN_VALUE)) {
          newest.put(id, e);
          when.put(id, modified);
        }
      }
    } catch (java.io.IOException e) {
      return; // no store yet, or unreadable: the explorer shows what this window measured
    }
    newest.forEach((id, e) -> {
      try {
        List<RunData.LayerMoments> m = RunData.lastLayerMoments(e.dir());
        if (!m.isEmpty()) {
          moments.put(id, m);
          names.put(id, e.displayName());
        }
      } catch (IllegalArgumentException damaged) {
        // named in the Compare tab; nothing to show here
      }
    });
  }

  /** What a run measured at one activation layer: the moments of its input x and output f(x). */
  public record Measured(String run, long step, String layer, LayerDrift.Moments input, LayerDrift.Moments output) {}

  public LiveDoor door() {
    return door;
  }

  /** Queues a paper preset with the form's seeds (their number), data and parallelism. */
  private void queuePreset(org.actbench.experiment.Preset preset) {
    if (!config.validate()) {
      return; // the form shows what is wrong
    }
    int seeds = RunConfigViewModel.parseInts(config.seedsProperty().get()).size();
    List<TrainSpec> specs =
        preset.specs(config.dataProperty().get(), seeds, preset.defaultSteps()).stream()
            .map(s -> s.withKernels(Kernels.parse(config.kernelsProperty().get())))
            .toList();
    RunQueue queue = queue(config.parallelism());
    for (TrainSpec spec : specs) {
      show(new LiveRun(spec.shortName() + " [" + preset.id() + "]"),
          live -> queue.submit(spec, List.of(preset.tag()), live.trainingListener(), live.metricsListener()));
    }
    presetNote.setText(preset.title() + " (" + specs.size() + " runs): " + preset.differences(seeds, preset.defaultSteps()));
  }

  /** Queues a stored run to continue from its latest checkpoint (from the Compare tab). */
  public void resume(org.actbench.experiment.RunStore.Entry entry) {
    RunQueue queue = queues.isEmpty() ? queue(1) : queues.values().iterator().next(); // joins the runs already going
    show(new LiveRun(entry.displayName() + " (resumed)"),
        live -> queue.resume(entry.dir(), live.trainingListener(), live.metricsListener()));
  }

  /** Queues every combination of a valid form. */
  private void queueAll(RunConfigViewModel model) {
    RunQueue queue = queue(model.parallelism());
    for (TrainSpec spec : model.specs()) {
      show(new LiveRun(spec.shortName() + (spec.data().equals("sample") ? " (sample)" : "")),
          live -> queue.submit(spec, List.of(), live.trainingListener(), live.metricsListener()));
    }
  }

  /** The queue for this many runs at once (one per setting, made on first use). */
  private RunQueue queue(int parallelism) {
    return queues.computeIfAbsent(parallelism, p -> new RunQueue(store, cacheDir, datasets, p, background));
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

  /** Starts a run (given its live view) and shows it in the table and the charts. */
  private void show(LiveRun live, java.util.function.Function<LiveRun, RunQueue.Run> start) {
    live.attach(start.apply(live));
    rows.add(live);
  }

  private List<RunQueue.Run> selected() {
    return table.getSelectionModel().getSelectedItems().stream()
        .map(LiveRun::run).filter(java.util.Objects::nonNull).toList();
  }

  /** The runs the charts show: the selection, or all. */
  private List<LiveRun> shown() {
    List<LiveRun> s = new ArrayList<>(table.getSelectionModel().getSelectedItems());
    return s.isEmpty() ? new ArrayList<>(rows) : s;
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /**
   * What ran this window's runs, for the status line: e.g. "runs on onednn" (empty before any run
   * started; both names when runs used different kernels).
   */
  public ReadOnlyStringProperty kernelsLine() {
    return kernelsLine;
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
    loss.clear();
    accuracy.clear();
    means.clear();
    bias.clear();
    List<Bars.Histogram> hists = new ArrayList<>();
    updateChoices(shown);
    int metric = Math.max(0, biasMetric.getSelectionModel().getSelectedIndex());
    bias.setTitle(biasMetric.getValue());
    for (int i = 0; i < shown.size(); i++) {
      LiveRun r = shown.get(i);
      int color = Palette.categorical(rows.indexOf(r));
      loss.add(Line.of(r.label() + " train", color, r.trainLoss));
      loss.add(new Line(r.label() + " test", color, true, r.testLoss, null, null));
      accuracy.add(Line.of(r.label() + " train", color, r.trainAcc));
      accuracy.add(new Line(r.label() + " test", color, true, r.testAcc, null, null));
      Series[] d = r.drift.get(meansLayer.getValue());
      if ("network".equals(meansLayer.getValue())) {
        means.add(Line.of(r.label(), color, r.networkMedian));
      } else if (d != null) {
        means.add(new Line(r.label(), color, false, d[0], d[1], d[2]));
      }
      Series[] b = r.biasShift.get(biasLayer.getValue());
      if (b != null) {
        bias.add(Line.of(r.label(), color, b[metric]));
      }
      for (Histogram h : r.histograms) {
        if (h.layer().equals(histLayer.getValue())) {
          hists.add(new Bars.Histogram(r.label() + " @" + h.step(), color, h.lo(), h.hi(), h.counts()));
        }
      }
    }
    histogram.set(hists);
    LiveRun first = shown.isEmpty() ? null : shown.get(0);
    updateHeatmap(first);
    updateConfusion(first);
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

  private void updateHeatmap(LiveRun run) {
    if (run == null || run.drift.isEmpty()) {
      heatmap.set(List.of(), List.of(), new double[0][0]);
      return;
    }
    List<String> layers = new ArrayList<>(run.drift.keySet());
    int columns = run.drift.values().iterator().next()[0].size();
    double[][] v = new double[layers.size()][columns];
    List<String> steps = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      steps.add(Long.toString((long) run.drift.get(layers.get(0))[0].x(c)));
    }
    for (int l = 0; l < layers.size(); l++) {
      Series median = run.drift.get(layers.get(l))[0];
      for (int c = 0; c < columns; c++) {
        v[l][c] = c < median.size() ? median.y(c) : Double.NaN;
      }
    }
    heatmap.set(layers, steps, v);
  }

  private void updateConfusion(LiveRun run) {
    if (run == null || run.lastEval == null) {
      confusion.set(List.of(), List.of(), new double[0][0]);
      return;
    }
    int[][] counts = run.lastEval.confusion();
    double[] perClass = run.lastEval.perClassAccuracy();
    double[][] share = new double[counts.length][counts.length];
    List<String> rowsLabels = new ArrayList<>();
    List<String> cols = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      int total = java.util.Arrays.stream(counts[t]).sum();
      for (int p = 0; p < counts.length; p++) {
        share[t][p] = total == 0 ? Double.NaN : (double) counts[t][p] / total;
      }
      rowsLabels.add(t + String.format(Locale.ROOT, " (%.0f%%)", 100 * perClass[t]));
      cols.add(Integer.toString(t));
    }
    confusion.set(rowsLabels, cols, share);
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
    for (RunQueue q : queues.values()) {
      try {
        q.stopAll(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
