package org.actbench.ui.runs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.actbench.chart.LineChart;
import org.actbench.data.Cifar10;
import org.actbench.engine.train.SettingChange;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunStore;

/**
 * The Runs tab, laid out and bound to its {@link RunsViewModel}: the form on the left, the run
 * queue above (this window's runs and the store's earlier ones, read-only), the charts of the
 * selected runs below. Records reach the charts through one {@link LiveDoor}.
 */
public final class WorkbenchView extends BorderPane {
  private final RunsViewModel model;
  private final LiveDoor door;

  /**
   * @param store where run folders go
   * @param datasets reads a spec's {@code data} ({@code sample}, {@code default}, a path)
   * @param dataChoices what the Data field offers; the first is read at once, in the background
   */
  public WorkbenchView(
      Path store, Path cacheDir, Function<String, Cifar10> datasets, List<String> dataChoices) {
    this.model = new RunsViewModel(store, cacheDir, datasets, dataChoices, Platform::runLater);
    this.door = new LiveDoor(model);
    getStylesheets()
        .add(WorkbenchView.class.getResource("/org/actbench/ui/workbench.css").toExternalForm());
    setLeft(form(dataChoices));
    RunTable table = new RunTable(model);
    VBox queuePane = new VBox(controls(), table);
    VBox.setVgrow(table, Priority.ALWAYS);
    RunChartTabs charts =
        new RunChartTabs(model, this::fileName, model.message()::set, this::askFork);
    SplitPane split = new SplitPane(queuePane, charts);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.3);
    setCenter(split);
    setTop(menus(charts));
    door.start();
    model.start();
  }

  private ScrollPane form(List<String> dataChoices) {
    FXMLLoader loader =
        new FXMLLoader(WorkbenchView.class.getResource("/org/actbench/ui/runs/RunConfig.fxml"));
    Parent formRoot;
    try {
      formRoot = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("the run form (RunConfig.fxml) could not be loaded", e);
    }
    RunConfigController form = loader.getController();
    form.bind(model.config(), dataChoices, m -> model.queueAll());
    ScrollPane formScroll = new ScrollPane(formRoot);
    formScroll.setFitToWidth(true);
    formScroll.setPrefWidth(300);
    return formScroll;
  }

  /** The buttons above the queue, the presets menu and what the tab says. */
  private HBox controls() {
    Button pause =
        button(
            "pause",
            "Pause",
            "Pause the selected runs after their current batch",
            model::pauseSelected);
    Button resume = button("resume", "Resume", "Resume the selected runs", model::resumeSelected);
    Button step =
        button("step", "Step", "Train one batch of each selected paused run", model::stepSelected);
    Button stop =
        button(
            "stop",
            "Stop",
            "Stop the selected runs; what they measured so far is kept",
            model::stopSelected);
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
    MenuButton change = new MenuButton("Change");
    change.setId("change");
    change.setTooltip(
        new Tooltip("Change the learning rate or momentum of the selected running runs"));
    MenuItem changeLr = new MenuItem("Learning rate…");
    changeLr.setOnAction(e -> askChange(SettingChange.Setting.LR));
    MenuItem changeMomentum = new MenuItem("Momentum…");
    changeMomentum.setOnAction(e -> askChange(SettingChange.Setting.MOMENTUM));
    change.getItems().addAll(changeLr, changeMomentum);
    Label message = said("queue-message", model.message());
    Label dataStatus = said("data-status", model.dataStatus());
    for (Control c : List.of(pause, resume, step, stop, change, presets)) {
      c.setMinWidth(Region.USE_PREF_SIZE); // the texts shorten, never the buttons
    }
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox.setHgrow(message, Priority.SOMETIMES);
    HBox controls =
        new HBox(6, pause, resume, step, stop, change, presets, message, gap, dataStatus);
    controls.getStyleClass().add("chart-tools");
    return controls;
  }

  /** A label showing a text of the model, whole in its tooltip when it is cut short. */
  private static Label said(String id, ReadOnlyStringProperty text) {
    Label l = new Label();
    l.setId(id);
    l.setMinWidth(0);
    l.textProperty().bind(text);
    l.tooltipProperty()
        .bind(
            Bindings.createObjectBinding(
                () -> l.getText().isEmpty() ? null : new Tooltip(l.getText()), l.textProperty()));
    return l;
  }

  private static Button button(String id, String text, String help, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(help));
    b.setOnAction(e -> action.run());
    return b;
  }

  /**
   * A file name for an exported chart: what it shows and of which runs, e.g. {@code
   * loss-elu-d6-w16-s1}.
   */
  private String fileName(String chart) {
    List<LiveRun> shown = model.shown();
    String runs = shown.size() == 1 ? shown.get(0).label() : shown.size() + "-runs";
    return (chart + "-" + runs).toLowerCase(Locale.ROOT);
  }

  /** File → Open session… / Save session…: the window's state as one JSON file. */
  private MenuBar menus(RunChartTabs charts) {
    MenuItem open = new MenuItem("Open session…");
    open.setId("open-session");
    open.setOnAction(
        e -> {
          File file = sessionChooser("Open session").showOpenDialog(getScene().getWindow());
          if (file != null) {
            model.openSession(file.toPath(), charts::show);
          }
        });
    MenuItem save = new MenuItem("Save session…");
    save.setId("save-session");
    save.setOnAction(
        e -> {
          FileChooser chooser = sessionChooser("Save session");
          chooser.setInitialFileName("session.json");
          File file = chooser.showSaveDialog(getScene().getWindow());
          if (file != null) {
            model.saveSession(file.toPath(), charts.shownTitle());
          }
        });
    Menu fileMenu = new Menu("File", null, open, save);
    fileMenu.setId("file-menu");
    return new MenuBar(fileMenu);
  }

  private static FileChooser sessionChooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Session (JSON)", "*.json"));
    return chooser;
  }

  /** "Fork from here…" at {@code step}: asks which run and what changes, then queues the fork. */
  private void askFork(long step) {
    List<LiveRun> candidates = model.forkCandidates();
    if (candidates.isEmpty()) {
      model.message().set("Select a run that has started to fork it.");
      return;
    }
    new ForkDialog(candidates, step, getScene().getWindow())
        .showAndWait()
        .ifPresent(
            c -> {
              if (c.error() != null) {
                model.message().set("Cannot fork: " + c.error());
              } else {
                model.fork(c.parent(), step, c.child());
              }
            });
  }

  /** Asks for a new learning rate or momentum of the selected runs, from their next step on. */
  private void askChange(SettingChange.Setting setting) {
    TextInputDialog ask = new TextInputDialog();
    ask.initOwner(getScene().getWindow());
    ask.setTitle("Change " + setting.id());
    ask.setHeaderText(
        "New "
            + (setting == SettingChange.Setting.LR ? "learning rate" : "momentum")
            + " for the selected runs, from their next step on");
    ask.showAndWait()
        .ifPresent(
            text -> {
              try {
                model.changeSelected(setting, Double.parseDouble(text.strip()));
              } catch (NumberFormatException e) {
                model.message().set(setting.id() + " must be a number, got '" + text + "'");
              }
            });
  }

  /** Asks, then queues a paper preset with the form's seeds (their number), data and runs. */
  private void askPreset(Preset preset) {
    PresetPlan plan = model.planPreset(preset);
    if (plan == null) {
      return; // the message says why
    }
    int atOnce = model.config().parallelism();
    String data = model.config().dataProperty().get();
    new PresetDialog(
            plan,
            getScene().getWindow(),
            spec -> model.stepTime(spec, atOnce),
            () -> model.testImages(data))
        .showAndWait()
        .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
        .ifPresent(b -> model.queuePreset(plan));
  }

  /** The tab's state and logic. */
  public RunsViewModel model() {
    return model;
  }

  public RunConfigViewModel config() {
    return model.config();
  }

  /** The runs queued in this window, in the table's order. */
  public List<LiveRun> liveRuns() {
    return model.liveRuns();
  }

  /** The store's runs from before, as the table lists them. */
  public List<LiveRun> storedRuns() {
    return model.storedRuns();
  }

  public LineChart lossChart() {
    return model.figures().loss;
  }

  RunCharts figures() {
    return model.figures();
  }

  /** What the explorer asks: see {@link Measurements#measured}. */
  public Measurements.Measured measured(String activationId, int layer) {
    return model.measured(activationId, layer);
  }

  /** Reads the store's moments again for the explorer, off the FX thread. */
  public void refreshStoredMoments(Runnable whenRead) {
    model.refreshStoredMoments(whenRead);
  }

  /** Queues a stored run to continue from its latest checkpoint (from the Compare tab). */
  public void resume(RunStore.Entry entry) {
    model.resume(entry);
  }

  public LiveDoor door() {
    return door;
  }

  /** See {@link RunsViewModel#isReady}. */
  public boolean isReady(String data) {
    return model.isReady(data);
  }

  /** See {@link RunsViewModel#trainInBackground}. */
  public void trainInBackground(boolean yes) {
    model.trainInBackground(yes);
  }

  /** The training threads' CPU priority, per queue ("SCHED_IDLE", "nice 19", "normal", ...). */
  public List<String> trainingPriorities() {
    return model.trainingPriorities();
  }

  /** What ran this window's runs, for the status line (e.g. " · runs on onednn"). */
  public ReadOnlyStringProperty kernelsLine() {
    return model.kernelsLine();
  }

  /** Stops every run (closing the window); waits briefly for them to end. */
  public void shutdown() {
    door.stop();
    model.shutdown();
  }
}
