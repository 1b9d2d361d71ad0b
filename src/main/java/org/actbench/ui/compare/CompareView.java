package org.actbench.ui.compare;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.DirectoryChooser;
import org.actbench.chart.Callout;
import org.actbench.chart.Exports;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Compare;
import org.actbench.experiment.Comparison;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Smoothing;
import org.actbench.export.ChartCallouts;
import org.actbench.export.ChartKind;
import org.actbench.export.FigureExport;
import org.actbench.ui.chart.FigurePane;

/**
 * The Compare tab: the store's runs (finished, interrupted, damaged with the reason), grouped by
 * spec fields into mean curves with 95 % bands over seeds, a summary table per group, and exports
 * with sidecars (one chart, or all of them into a folder with an index).
 */
public final class CompareView extends BorderPane {
  private Path store;
  private List<RunStore.Entry> loaded = List.of();
  private final ChoiceBox<String> tagFilter = new ChoiceBox<>();
  private final TableView<RunStore.Entry> runs = new TableView<>();
  private final TableView<Compare.Summary> summary = new TableView<>();
  private final ChoiceBox<String> chart = new ChoiceBox<>();
  private final ChoiceBox<String> metric = new ChoiceBox<>();
  private final ChoiceBox<String> smoothing = new ChoiceBox<>();
  private final CheckBox logY = new CheckBox("Log scale");
  private final ChoiceBox<String> pairedWith = new ChoiceBox<>();
  private final CheckBox envelope = new CheckBox("Envelope");
  private final List<CheckBox> groupBy = new ArrayList<>();
  private final FigurePane figure = new FigurePane(new LineChart("Compare", "step", ""));
  private final Label message = new Label();

  /**
   * Readings of the store or the runs' files under way (FX thread): the spinner turns while any.
   */
  private final IntegerProperty reading = new SimpleIntegerProperty();

  private final ProgressIndicator busy = new ProgressIndicator();

  private final java.util.function.Consumer<RunStore.Entry> resume;

  /**
   * @param resume queues a stored run to continue from its latest checkpoint
   */
  public CompareView(Path store, java.util.function.Consumer<RunStore.Entry> resume) {
    this.store = store;
    this.resume = resume;
    chart.getItems().setAll(FigureExport.CHARTS);
    chart.setValue("loss");
    chart.setId("compare-chart");
    metric.getItems().add("(chart's own)");
    metric.getItems().addAll(RunData.STEP_METRICS);
    metric.getItems().addAll(RunData.LAYER_METRICS);
    metric.setValue("(chart's own)");
    smoothing.getItems().setAll("none", "ema:0.6", "ema:0.9", "ma:5", "ma:21");
    smoothing.setValue("none");
    smoothing.setTooltip(
        new Tooltip("EMA (debiased) or centred moving average; the raw curve stays, faint"));
    FlowPane controls = new FlowPane(8, 6);
    controls.setPadding(new Insets(6, 8, 6, 8));
    controls.getChildren().add(new Label("Group by"));
    for (String f :
        List.of("activation", "depth", "width", "bn", "lr", "optimizer", "data", "seed")) {
      CheckBox box = new CheckBox(f);
      box.setId("group-" + f);
      box.setSelected(f.equals("activation"));
      box.setOnAction(e -> redraw());
      groupBy.add(box);
      controls.getChildren().add(box);
    }
    Button reload = new Button("Reload");
    reload.setId("reload");
    reload.setTooltip(new Tooltip("Read the store again"));
    reload.setOnAction(e -> reload());
    Button openStore = new Button("Open store…");
    openStore.setId("open-store");
    openStore.setTooltip(
        new Tooltip(
            "Compare the runs of another store: a sweep's, one a cluster wrote, a colleague's copy"));
    openStore.setOnAction(e -> chooseStore());
    tagFilter.setId("tag-filter");
    tagFilter.setTooltip(new Tooltip("Only the runs with this tag, e.g. one sweep's (sweep:NAME)"));
    tagFilter.getItems().setAll(ALL_TAGS);
    tagFilter.setValue(ALL_TAGS);
    tagFilter.setOnAction(e -> showRuns());
    Button exportAll = new Button("Export all…");
    exportAll.setId("export-all");
    exportAll.setTooltip(
        new Tooltip(
            "Every chart of this comparison, as PDF, SVG and PNG with sidecars, into a folder with an index"));
    exportAll.setOnAction(e -> exportAll());
    pairedWith.setId("paired-with");
    pairedWith.getItems().setAll("(none)", FigureExport.PARENT, "bn", "no-bn");
    pairedWith
        .getItems()
        .addAll(2, ActivationKind.IN_THE_PAPER.stream().map(ActivationKind::id).toList());
    pairedWith.setValue("(none)");
    pairedWith.setTooltip(
        new Tooltip(
            "Draw each group minus this one, seed by seed (the same initial weights):"
                + " the value of the first group-by field; 'parent': each fork minus its"
                + " parent's continuation, aligned at the fork step"));
    busy.setId("compare-busy");
    busy.setPrefSize(18, 18);
    busy.setTooltip(new Tooltip("Reading the store and the runs' files"));
    busy.visibleProperty().bind(reading.greaterThan(0));
    controls
        .getChildren()
        .addAll(
            new Label("Chart"),
            chart,
            new Label("Metric"),
            metric,
            new Label("Smoothing"),
            smoothing,
            envelope,
            logY,
            new Label("Minus"),
            pairedWith,
            new Label("Tag"),
            tagFilter,
            openStore,
            reload,
            exportAll,
            busy);
    envelope.setTooltip(
        new Tooltip(
            "With smoothing: the raw curve's minimum and maximum within each window, dashed"));
    envelope.setOnAction(e -> redraw());
    for (ChoiceBox<String> c : List.of(chart, metric, smoothing, pairedWith)) {
      c.setOnAction(e -> redraw());
    }
    logY.setOnAction(e -> redraw());
    setTop(controls);

    runs.setId("store-runs");
    runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    runs.getSelectionModel()
        .getSelectedItems()
        .addListener((javafx.collections.ListChangeListener<RunStore.Entry>) c -> redraw());
    runs.getColumns().add(column("Run", 260, e -> e.displayName()));
    runs.getColumns().add(column("State", 100, RunStore.Entry::state));
    runs.getColumns().add(column("Steps", 70, e -> Long.toString(e.steps())));
    runs.getColumns().add(column("Tags", 120, e -> String.join(", ", e.meta().tags())));
    runs.getColumns().add(column("Problem", 360, e -> e.usable() ? "" : e.problem()));
    runs.setPlaceholder(new Label("No runs in " + store + " yet."));
    MenuItem rename = new MenuItem("Rename…");
    rename.setOnAction(e -> withSelected(this::rename));
    MenuItem tag = new MenuItem("Tag…");
    tag.setOnAction(e -> withSelected(this::tag));
    MenuItem delete = new MenuItem("Delete…");
    delete.setOnAction(e -> withSelected(this::delete));
    MenuItem resumeItem = new MenuItem("Resume from last checkpoint");
    resumeItem.setOnAction(
        e ->
            withSelected(
                run -> {
                  if (run.state().equals("running")) {
                    throw new IllegalArgumentException(run.displayName() + " is still training");
                  }
                  resume.accept(run);
                  message.setText("Resuming " + run.displayName() + " in the Runs tab.");
                }));
    runs.setContextMenu(new ContextMenu(rename, tag, delete, resumeItem));

    TableColumn<Compare.Summary, String> groupColumn = new TableColumn<>("group");
    groupColumn.setCellValueFactory(r -> new SimpleStringProperty(r.getValue().group()));
    groupColumn.setPrefWidth(200);
    summary.getColumns().add(groupColumn);
    summary.getColumns().add(number("n", s -> (double) s.n()));
    summary.getColumns().add(number("final step", Compare.Summary::finalStep));
    summary.getColumns().add(estimate("final [95% CI]", Compare.Summary::fin));
    summary.getColumns().add(estimate("best [95% CI]", Compare.Summary::best));
    summary.getColumns().add(estimate("mean over run [95% CI]", Compare.Summary::area));
    summary.setId("summary");
    SplitPane tables = new SplitPane(runs, summary);
    SplitPane split = new SplitPane(figure, tables);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.62);
    setCenter(split);
    message.setId("compare-message");
    message.setPadding(new Insets(2, 8, 2, 8));
    setBottom(message);
    figure.setExporter(
        (fig, file, format, w, h) -> {
          FigureExport.Request r = request(format, w, h);
          Path from = store;
          return () -> FigureExport.write(r, file.toPath(), from);
        });
    figure.setAnnotating(
        new FigurePane.Annotating() {
          @Override
          public void add(double x, double y) {
            FigurePane.askCalloutText(
                    "A callout on this comparison's "
                        + chart.getValue()
                        + " chart, kept with the first run of the nearest group")
                .ifPresent(t -> annotate(x, y, t));
          }

          @Override
          public void remove(Callout callout) {
            changeCallouts(
                r -> {
                  ChartCallouts.remove(r, store, callout);
                  return "Callout removed";
                });
          }
        });
    figure.setFileName(this::fileName);
    figure.setOnSaved(
        file ->
            message.setText(
                "Saved "
                    + chart.getValue()
                    + " to "
                    + file
                    + " with "
                    + file.getName()
                    + ".json and .csv"));
    reload();
  }

  /**
   * Keeps a callout at (x, y) of the chart shown with the first run of the group whose line is
   * nearest ({@link ChartCallouts}); it is drawn on every chart of the same quantity that compares
   * that run, in the Runs tab too, and in exports.
   */
  private void annotate(double x, double y, String text) {
    String near = figure.figure() instanceof LineChart c ? c.nearestLine(x, y) : null;
    changeCallouts(
        r ->
            "Callout kept with "
                + ChartCallouts.add(r, store, near, new Callout(x, y, text)).getFileName()
                + " ("
                + Annotations.FILE
                + " in its folder)");
  }

  private interface CalloutChange {
    String apply(FigureExport.Request r) throws IOException;
  }

  /** Changes a callout file off the FX thread, then says what happened and draws again. */
  private void changeCallouts(CalloutChange change) {
    FigureExport.Request r = request(Exports.Format.PNG, 640, 400);
    read(
        () -> {
          String said;
          try {
            said = change.apply(r) + ".";
          } catch (IOException | RuntimeException e) {
            said = "Callout not saved: " + e.getMessage();
          }
          String text = said;
          Platform.runLater(
              () -> {
                reading.set(reading.get() - 1);
                redraw();
                message.setText(text);
              });
        });
  }

  /** A numeric column: sorts by value, shows 4 decimals (blank for none). */
  private static TableColumn<Compare.Summary, Double> number(
      String title, java.util.function.ToDoubleFunction<Compare.Summary> value) {
    TableColumn<Compare.Summary, Double> col = new TableColumn<>(title);
    col.setCellValueFactory(
        r -> new javafx.beans.property.SimpleObjectProperty<>(value.applyAsDouble(r.getValue())));
    col.setCellFactory(
        c ->
            new javafx.scene.control.TableCell<>() {
              @Override
              protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(
                    empty || v == null
                        ? ""
                        : title.equals("n") ? Long.toString(Math.round(v)) : f(v));
              }
            });
    col.setPrefWidth(90);
    return col;
  }

  private static TableColumn<RunStore.Entry, String> column(
      String title, double width, java.util.function.Function<RunStore.Entry, String> value) {
    TableColumn<RunStore.Entry, String> col = new TableColumn<>(title);
    col.setCellValueFactory(r -> new SimpleStringProperty(value.apply(r.getValue())));
    col.setPrefWidth(width);
    return col;
  }

  private static final String ALL_TAGS = "(all)";

  /**
   * Reads the store again, off the FX thread; past runs appear, interrupted and damaged ones say
   * so. Selected runs stay selected; the tag filter keeps its choice while the tag exists.
   */
  public void reload() {
    Path from = store;
    read(
        () -> {
          List<RunStore.Entry> entries;
          String problem = null;
          try {
            entries = RunStore.load(from);
          } catch (IOException | RuntimeException e) {
            entries = List.of();
            problem = "Could not read the store " + from + ": " + e.getMessage();
          }
          List<RunStore.Entry> found = entries;
          String why = problem;
          Platform.runLater(
              () -> {
                reading.set(reading.get() - 1);
                if (!from.equals(store)) {
                  return; // another store was opened meanwhile
                }
                loaded = found;
                List<String> tags = new ArrayList<>(List.of(ALL_TAGS));
                found.stream()
                    .flatMap(e -> e.meta().tags().stream())
                    .distinct()
                    .sorted()
                    .forEach(tags::add);
                String chosen = tagFilter.getValue();
                loading = true;
                tagFilter.getItems().setAll(tags);
                tagFilter.setValue(tags.contains(chosen) ? chosen : ALL_TAGS);
                loading = false;
                showRuns();
                if (why != null) {
                  message.setText(why);
                }
              });
        });
  }

  /** Compares the runs of another store from now on (the window's own store is unchanged). */
  public void open(Path otherStore) {
    store = otherStore;
    runs.setPlaceholder(new Label("No runs in " + store + "."));
    reload();
  }

  private void chooseStore() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open a run store");
    if (Files.isDirectory(store)) {
      chooser.setInitialDirectory(store.toFile());
    }
    File dir = chooser.showDialog(getScene().getWindow());
    if (dir != null) {
      open(dir.toPath());
    }
  }

  /** The loaded runs that carry the chosen tag (all of them without one); selections kept. */
  private void showRuns() {
    if (loading) {
      return;
    }
    String tag = tagFilter.getValue();
    List<RunStore.Entry> shown =
        tag == null || tag.equals(ALL_TAGS)
            ? loaded
            : loaded.stream().filter(e -> e.meta().tags().contains(tag)).toList();
    List<String> selected =
        runs.getSelectionModel().getSelectedItems().stream().map(RunStore.Entry::id).toList();
    loading = true; // one redraw for the whole change, not one per selected row
    runs.getItems().setAll(shown);
    for (int i = 0; i < shown.size(); i++) {
      if (selected.contains(shown.get(i).id())) {
        runs.getSelectionModel().select(i);
      }
    }
    loading = false;
    message.setText(
        shown.size()
            + " runs in "
            + store
            + (tag == null || tag.equals(ALL_TAGS) ? "" : " tagged " + tag));
    redraw();
  }

  private boolean loading;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "actbench-compare-reader");
            t.setDaemon(true);
            return t;
          });
  private long drawn; // FX thread: the number of the latest redraw asked for

  public List<RunStore.Entry> storeRuns() {
    return List.copyOf(runs.getItems());
  }

  /** The runs compared: the selection, or every usable run. */
  private List<RunStore.Entry> chosen() {
    List<RunStore.Entry> selected = new ArrayList<>(runs.getSelectionModel().getSelectedItems());
    return (selected.isEmpty() ? runs.getItems() : selected)
        .stream().filter(RunStore.Entry::usable).toList();
  }

  private FigureExport.Request request(Exports.Format format, double w, double h) {
    List<String> fields =
        groupBy.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
    String m = metric.getValue().startsWith("(") ? null : metric.getValue();
    String paired =
        pairedWith.getValue() == null || pairedWith.getValue().startsWith("(")
            ? null
            : pairedWith.getValue();
    return new FigureExport.Request(
        ChartKind.parse(chart.getValue()),
        chosen(),
        fields,
        m,
        null,
        Smoothing.parse(smoothing.getValue()),
        format,
        w,
        h,
        150,
        logY.isSelected(),
        paired,
        envelope.isSelected(),
        false); // the theory overlay is the Runs tab's and the export command's
  }

  /**
   * Draws the comparison again: the request is taken here, the runs' files are read and the figure
   * and summary built off the FX thread, and only the latest request's result is shown.
   */
  private void redraw() {
    if (loading) {
      return;
    }
    FigureExport.Request r = request(Exports.Format.PNG, 640, 400);
    Path from = store;
    long number = ++drawn;
    read(
        () -> {
          Figure fig;
          Summaries rows;
          String text;
          List<Callout> notes = List.of();
          try {
            fig = FigureExport.figure(r);
            notes = ChartCallouts.of(r, from);
            rows = summaries(r);
            text =
                r.runs().isEmpty()
                    ? null
                    : r.runs().size()
                        + " runs compared"
                        + (r.groupBy().isEmpty()
                            ? ", one line each"
                            : " in groups by " + r.groupBy())
                        + (rows.notes().isEmpty() ? "" : " · " + String.join(" · ", rows.notes()));
          } catch (IOException | RuntimeException e) {
            fig = new LineChart(r.chart() + ": nothing to draw", "step", "");
            rows = Summaries.NONE;
            text = e.getMessage();
          }
          Figure shown = fig;
          List<Callout> pinned = notes;
          List<Compare.Summary> table = rows.rows();
          String said = text;
          Platform.runLater(
              () -> {
                reading.set(reading.get() - 1);
                if (number != drawn) {
                  return; // a newer request is on its way
                }
                figure.setCallouts(pinned);
                figure.setFigure(shown);
                summary.getItems().setAll(table);
                if (said != null) {
                  message.setText(said);
                }
                rendered++;
              });
        });
  }

  private long rendered;

  /** Reads off the FX thread; {@code job} hands its result back with one less {@link #reading}. */
  private void read(Runnable job) {
    reading.set(reading.get() + 1);
    reader.execute(job);
  }

  /** Whether the store or runs' files are being read (FX thread). */
  public boolean isReading() {
    return busy.isVisible();
  }

  /** How many redraws have been shown (for tests: the figure is built off the FX thread). */
  public long rendered() {
    return rendered;
  }

  private static Summaries summaries(FigureExport.Request r) {
    String m = r.metric() != null ? r.metric() : FigureExport.defaultMetric(r.chart());
    if (m == null || r.runs().isEmpty()) {
      return Summaries.NONE;
    }
    Comparison c = FigureExport.comparison(r, m);
    return new Summaries(c.summaries(r.smoothing(), Double.NaN), c.notes());
  }

  /** The summary table's rows and what the comparison notes (merged duplicates, runs left out). */
  private record Summaries(List<Compare.Summary> rows, List<String> notes) {
    static final Summaries NONE = new Summaries(List.of(), List.of());
  }

  private static TableColumn<Compare.Summary, String> estimate(
      String name, java.util.function.Function<Compare.Summary, Compare.Estimate> value) {
    TableColumn<Compare.Summary, String> c = new TableColumn<>(name);
    c.setCellValueFactory(
        r -> {
          Compare.Estimate e = value.apply(r.getValue());
          return new SimpleStringProperty(
              Double.isNaN(e.low())
                  ? f(e.center())
                  : f(e.center()) + " [" + f(e.low()) + ", " + f(e.high()) + "]");
        });
    c.setPrefWidth(170);
    return c;
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private interface RunAction {
    void apply(RunStore.Entry run) throws IOException;
  }

  private void withSelected(RunAction action) {
    RunStore.Entry run = runs.getSelectionModel().getSelectedItem();
    if (run == null) {
      message.setText("Select a run first.");
      return;
    }
    try {
      action.apply(run);
      reload();
    } catch (IOException | RuntimeException e) {
      message.setText(e.getMessage());
    }
  }

  private void rename(RunStore.Entry run) throws IOException {
    TextInputDialog d = new TextInputDialog(run.meta().name());
    d.setHeaderText("Name for " + run.id());
    var name = d.showAndWait();
    if (name.isPresent()) {
      RunStore.rename(run, name.get());
    }
  }

  private void tag(RunStore.Entry run) throws IOException {
    TextInputDialog d = new TextInputDialog();
    d.setHeaderText("Add a tag to " + run.displayName());
    var tag = d.showAndWait();
    if (tag.isPresent()) {
      RunStore.tag(run, tag.get());
    }
  }

  private void delete(RunStore.Entry run) throws IOException {
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Delete "
                + run.displayName()
                + " and all its files ("
                + run.dir()
                + ")? This cannot be undone.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.setHeaderText("Delete this run?");
    if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
      RunStore.delete(run);
    }
  }

  /**
   * A file name for the export: the chart, and what is compared (the groups, or the runs' count),
   * e.g. {@code loss-by-activation-elu-relu}.
   */
  private String fileName() {
    FigureExport.Request r = request(Exports.Format.PNG, 640, 400);
    String acts =
        String.join(
            "-", r.runs().stream().map(e -> e.spec().activation().id()).distinct().toList());
    String what =
        r.groupBy().isEmpty()
            ? r.runs().size() + "-runs"
            : "by-" + String.join("-", r.groupBy()) + "-" + acts;
    String minus = r.pairedWith() != null ? "-minus-" + r.pairedWith() : "";
    return chart.getValue() + "-" + what + minus;
  }

  private void exportAll() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Export every chart of this comparison into a folder");
    File dir = chooser.showDialog(getScene().getWindow());
    if (dir == null) {
      return;
    }
    List<FigureExport.Request> requests = new ArrayList<>();
    for (Exports.Format format : Exports.Format.values()) {
      requests.add(request(format, 640, 400));
    }
    message.setText("Exporting every chart into " + dir + "…");
    reader.execute(
        () -> {
          String said;
          try {
            int n = 0;
            java.util.Set<String> skipped = new java.util.LinkedHashSet<>();
            for (FigureExport.Request r : requests) {
              Path into = dir.toPath().resolve(r.format().extension());
              n += FigureExport.writeAll(r, into, skipped::add).size();
            }
            said =
                "Wrote "
                    + n
                    + " figures with sidecars and an index.md per format into "
                    + dir
                    + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
          } catch (IOException | RuntimeException e) {
            said = "Export failed: " + e.getMessage();
          }
          String text = said;
          Platform.runLater(() -> message.setText(text));
        });
  }
}
