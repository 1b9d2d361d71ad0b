package org.actbench.ui.runs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.actbench.chart.Highlight;
import org.actbench.chart.LineChart;
import org.actbench.data.Cifar10;
import org.actbench.engine.train.SettingChange;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.lesson.Callout;
import org.actbench.experiment.lesson.Lesson;
import org.actbench.experiment.lesson.LessonChart;
import org.actbench.experiment.lesson.LessonControl;
import org.actbench.experiment.lesson.LessonStep;
import org.actbench.experiment.lesson.Lessons;

/**
 * The Runs tab, laid out and bound to its {@link RunsViewModel}: the form on the left, the run
 * queue above (this window's runs and the store's earlier ones, read-only), the charts of the
 * selected runs below. Records reach the charts through one {@link LiveDoor}.
 */
public final class WorkbenchView extends BorderPane {
  private final RunsViewModel model;
  private final LiveDoor door;
  private final Presenter presenter;
  private final ScrollPane form;
  private final RunTable table;
  private final VBox queuePane;
  private final SplitPane split;
  private final RunChartTabs charts;
  private HBox controls;

  /** The bar's buttons and what the tab says, in the bar above the queue or the presenter's. */
  private final List<Node> barButtons = new ArrayList<>();

  private final List<Node> barStatus = new ArrayList<>();
  private final FlowPane presenterButtons = new FlowPane(6, 6);
  private final HBox presenterStatus = new HBox(6);
  private final List<Button> runButtons = new ArrayList<>();
  private final List<Control> presetControls = new ArrayList<>();
  private LessonViewModel lesson;
  private Session.LessonAt lessonFrom; // where the lesson shown came from, for a session file

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
    form = form(dataChoices);
    setLeft(form);
    table = new RunTable(model);
    queuePane = new VBox(controls(), table);
    VBox.setVgrow(table, Priority.ALWAYS);
    charts = new RunChartTabs(model, this::fileName, model.message()::set, this::askFork);
    split = new SplitPane(queuePane, charts);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.3);
    setCenter(split);
    setTop(menus(charts));
    presenter = new Presenter(this, model);
    door.start();
    model.start();
  }

  /** The presenter layout's state: on or off, its scale, its two charts. */
  public Presenter presenter() {
    return presenter;
  }

  /** Puts the presenter layout in or takes it out (FX thread; the presenter calls it). */
  void layOut(boolean presenting, Node presenterPane) {
    if (presenting) {
      setLeft(null);
      setCenter(presenterPane);
      // at a large scale in a small window the buttons wrap onto more rows, what the tab says
      // goes on a row of its own, cut short if need be
      presenterButtons.getChildren().setAll(barButtons);
      presenterStatus.getChildren().setAll(barStatus);
      presenter.top().getChildren().setAll(presenterButtons, presenterStatus);
    } else {
      setLeft(form);
      controls.getChildren().setAll(barButtons);
      controls.getChildren().addAll(barStatus);
      if (!queuePane.getChildren().contains(controls)) {
        queuePane.getChildren().add(0, controls);
      }
      setCenter(split);
    }
    applyControls();
  }

  /** Opens a lesson at its first step, queuing the runs it needs on the form's data. */
  public void openLesson(Lesson l) {
    openLesson(l, null);
  }

  /**
   * Opens a lesson at a step (a session's; else the first), queuing the runs that step needs on the
   * form's data.
   *
   * @param from where the lesson came from and the step to show, or null: not known (a session file
   *     then keeps no lesson), the first step
   */
  public void openLesson(Lesson l, Session.LessonAt from) {
    closeLesson();
    lessonFrom = from;
    int first = from == null ? 0 : from.step();
    lesson =
        new LessonViewModel(
            l,
            model.config().dataProperty().get(),
            new LessonViewModel.Host() {
              @Override
              public List<LiveRun> queue(Map<String, TrainSpec> r) {
                return queueOrReuse(r);
              }

              @Override
              public void select(List<LiveRun> runs) {
                model.select(runs);
              }

              @Override
              public void stop(List<LiveRun> runs) {
                model.stop(runs);
              }

              @Override
              public void show(LessonStep step) {
                showStep(step);
              }
            });
    setBottom(
        new LessonPanel(
            lesson,
            this::closeLesson,
            file -> model.message().set("The lesson's reading: " + file.toAbsolutePath())));
    LessonViewModel opened = lesson;
    model.message().set("Lesson: " + l.title());
    model.whenStoreRead( // a stored run of the same training is shown rather than trained again
        () -> {
          if (lesson == opened) {
            opened.enter(first);
          }
        });
  }

  /**
   * A lesson's runs: a run of the same training already in this window (queued, training or done,
   * e.g. when a session with the lesson is opened again) or in the store (prepared before class,
   * e.g. with {@code train}) is shown instead of training it again; the others are queued. In the
   * given order.
   */
  private List<LiveRun> queueOrReuse(Map<String, TrainSpec> runs) {
    Map<String, LiveRun> found = new LinkedHashMap<>();
    Map<String, TrainSpec> toQueue = new LinkedHashMap<>();
    runs.forEach(
        (name, spec) ->
            model.liveRuns().stream()
                .filter(r -> r.run().state() != RunQueue.State.CANCELLED)
                .filter(r -> r.run().state() != RunQueue.State.FAILED)
                .filter(r -> LessonViewModel.sameTraining(r.spec(), spec))
                .reduce((a, b) -> b) // the newest
                .or(
                    () ->
                        model.storedRuns().stream()
                            .filter(r -> LessonViewModel.sameTraining(r.spec(), spec))
                            .reduce((a, b) -> b))
                .ifPresentOrElse(r -> found.put(name, r), () -> toQueue.put(name, spec)));
    List<LiveRun> queued = toQueue.isEmpty() ? List.of() : model.queueNamed(toQueue, "lesson");
    List<LiveRun> out = new ArrayList<>();
    int k = 0;
    for (String name : runs.keySet()) {
      out.add(found.containsKey(name) ? found.get(name) : queued.get(k++));
    }
    if (!found.isEmpty()) {
      model
          .message()
          .set("The lesson shows runs of the same training already here: " + found.keySet());
    }
    return out;
  }

  /** The lesson shown, or null. */
  public LessonViewModel lesson() {
    return lesson;
  }

  /** Ends the lesson: its text goes, every control comes back, the callouts go; runs go on. */
  public void closeLesson() {
    if (lesson == null) {
      return;
    }
    lesson = null;
    lessonFrom = null;
    setBottom(null);
    for (LineChart c : presenter.lineCharts()) {
      c.setHighlight(null);
    }
    applyControls();
    model.refresh();
  }

  /** R in the presenter layout. */
  void restartLesson() {
    if (lesson == null) {
      model.message().set("R restarts a lesson: open one from the Lessons menu.");
    } else {
      lesson.restart();
    }
  }

  private void showStep(LessonStep step) {
    presenter.showCharts(step.charts());
    charts.show(Presenter.tabTitle(step.charts().get(0)));
    model.choices().prefer(step.layer(), step.layer());
    if (step.quantity() != null) {
      model.choices().chooseBiasQuantity(step.quantity());
    }
    for (LineChart c : presenter.lineCharts()) {
      c.setHighlight(null);
    }
    if (step.callout() != null) {
      Callout c = step.callout();
      presenter
          .figure(c.chart())
          .setHighlight(
              new Highlight(
                  c.from(),
                  c.to(),
                  c.low() == null ? Double.NaN : c.low(),
                  c.high() == null ? Double.NaN : c.high(),
                  c.text()));
    }
    applyControls();
    model.refresh();
  }

  /** Shows, hides, locks and unlocks the controls as the lesson's step says (all, without one). */
  private void applyControls() {
    var step = lesson == null ? null : lesson.step();
    Predicate<LessonControl> hidden = c -> step != null && step.hide().contains(c);
    Predicate<LessonControl> locked = c -> step != null && step.lock().contains(c);
    var form = LessonControl.FORM;
    if (!presenter.isOn()) {
      setLeft(hidden.test(form) ? null : this.form);
    }
    this.form.setDisable(locked.test(form));
    set(presetControls, LessonControl.PRESETS, hidden, locked);
    set(runButtons, LessonControl.RUN_BUTTONS, hidden, locked);
    set(List.of(table), LessonControl.RUN_TABLE, hidden, locked);
    set(charts.choiceBars(), LessonControl.CHART_CHOICES, hidden, locked);
  }

  private static void set(
      List<? extends Node> nodes,
      LessonControl which,
      Predicate<LessonControl> hidden,
      Predicate<LessonControl> locked) {
    for (Node n : nodes) {
      n.setVisible(!hidden.test(which));
      n.setManaged(!hidden.test(which));
      n.setDisable(locked.test(which));
    }
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
    Button demo =
        button(
            "demo",
            "One-minute demo",
            "ELU against ReLU, unit means and loss, side by side: the gap shows within a minute",
            this::startDemo);
    MenuButton lessons = lessonsMenu();
    ToggleButton present = new ToggleButton("Presenter");
    present.setId("presenter-toggle");
    present.setTooltip(
        new Tooltip(
            "Presenter layout (Ctrl+Shift+P): two large charts, no form; Ctrl +/− scales text and"
                + " lines, F11 full screen, space pauses/resumes, → one batch, R restarts the"
                + " lesson"));
    present.selectedProperty().bindBidirectional(presenterOn);
    for (Control c : List.of(pause, resume, step, stop, change, presets, demo, lessons, present)) {
      c.setMinWidth(Region.USE_PREF_SIZE); // the texts shorten, never the buttons
    }
    runButtons.addAll(List.of(pause, resume, step, stop));
    presetControls.addAll(List.of(presets, demo));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox.setHgrow(message, Priority.SOMETIMES);
    barButtons.addAll(List.of(pause, resume, step, stop, change, presets, demo, lessons, present));
    barStatus.addAll(List.of(message, gap, dataStatus));
    controls = new HBox(6);
    controls.getChildren().setAll(barButtons);
    controls.getChildren().addAll(barStatus);
    controls.getStyleClass().add("chart-tools");
    presenterButtons.getStyleClass().add("presenter-buttons");
    presenterStatus.getStyleClass().add("chart-tools");
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

  /** Toggled by the Presenter button; the presenter listens (made before it, bound after). */
  private final BooleanProperty presenterOn = new SimpleBooleanProperty();

  BooleanProperty presenterOn() {
    return presenterOn;
  }

  /** The bundled lessons, a lesson file, and a copy of a bundled one to edit. */
  private MenuButton lessonsMenu() {
    MenuButton menu = new MenuButton("Lessons");
    menu.setId("lessons");
    menu.setTooltip(
        new Tooltip(
            "Guided lessons: text, runs and what to look at on the charts, step by step (Next,"
                + " Back); a lesson is a JSON file a teacher can copy and edit"));
    for (String name : Lessons.BUNDLED) {
      Lesson l = Lessons.bundled(name);
      MenuItem item = new MenuItem(l.title());
      item.setId("lesson-" + name);
      item.setOnAction(e -> openLesson(l, new Session.LessonAt(name, null, 0)));
      menu.getItems().add(item);
    }
    MenuItem open = new MenuItem("Open lesson file…");
    open.setId("lesson-open");
    open.setOnAction(e -> openLessonFile());
    MenuItem copy = new MenuItem("Save a lesson to edit…");
    copy.setId("lesson-save-copy");
    copy.setOnAction(e -> saveLessonCopy());
    menu.getItems().addAll(new SeparatorMenuItem(), open, copy);
    return menu;
  }

  private void openLessonFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open a lesson");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lesson (JSON)", "*.json"));
    File file = chooser.showOpenDialog(getScene().getWindow());
    if (file != null) {
      openLessonFile(file.toPath());
    }
  }

  /**
   * Reads a lesson file (small: on the FX thread would do, but files are not its work) and opens
   * it; a bad one is shown as its error, naming the line.
   */
  public void openLessonFile(Path file) {
    Thread reader =
        new Thread(
            () -> {
              try {
                Lesson l = Lessons.read(file);
                Session.LessonAt from =
                    new Session.LessonAt(null, file.toAbsolutePath().toString(), 0);
                Platform.runLater(() -> openLesson(l, from));
              } catch (IllegalArgumentException e) {
                Platform.runLater(() -> lessonError(e.getMessage()));
              }
            },
            "actbench-lesson-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void lessonError(String why) {
    model.message().set("Lesson not opened: " + why);
    Alert alert = new Alert(Alert.AlertType.ERROR, why);
    alert.setHeaderText("This lesson file cannot be used");
    alert.initOwner(getScene().getWindow());
    alert.show();
  }

  /** Saves the first bundled lesson's text where the teacher says, to copy and edit. */
  private void saveLessonCopy() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save a lesson to edit");
    String name = Lessons.BUNDLED.get(0);
    chooser.setInitialFileName(name + ".json");
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file == null) {
      return;
    }
    String text = Lessons.bundledText(name);
    Thread writer =
        new Thread(
            () -> {
              String said;
              try {
                Files.writeString(file.toPath(), text);
                said = "Saved the lesson '" + name + "' to " + file + ": edit it, then open it.";
              } catch (IOException e) {
                said = "Could not write " + file + ": " + e.getMessage();
              }
              String message = said;
              Platform.runLater(() -> model.message().set(message));
            },
            "actbench-lesson-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** The one-minute demo: ELU against ReLU on the form's data, shown in the presenter's charts. */
  public void startDemo() {
    Map<String, TrainSpec> runs = new LinkedHashMap<>();
    String data = model.config().dataProperty().get();
    for (TrainSpec spec : Preset.DEMO.specs(data, 1, Preset.DEMO.defaultSteps())) {
      runs.put((spec.activation().id().equals("elu") ? "ELU" : "ReLU") + " [demo]", spec);
    }
    model.queueNamed(runs, Preset.DEMO.tag());
    presenter.showCharts(List.of(LessonChart.UNIT_MEANS, LessonChart.LOSS));
    model.choices().prefer("network", null);
    charts.show("Unit means");
    model
        .message()
        .set(
            "One-minute demo: ELU and ReLU, "
                + Preset.DEMO.defaultSteps()
                + " steps each. "
                + Preset.DEMO.differences(1, Preset.DEMO.defaultSteps()));
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
            model.openSession(file.toPath(), sessionWindow(charts));
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
            model.saveSession(file.toPath(), session(charts));
          }
        });
    Menu fileMenu = new Menu("File", null, open, save);
    fileMenu.setId("file-menu");
    return new MenuBar(fileMenu);
  }

  /** The window's state for a session file: the model's, the presenter's and the lesson's step. */
  Session session(RunChartTabs charts) {
    Presenter p = presenter;
    return model.session(
        charts.shownTitle(),
        new Session.PresenterState(p.isOn(), p.scale().get()),
        lesson == null || lessonFrom == null ? null : lessonFrom.at(lesson.index().get()));
  }

  /** What opening a session does to this view: its tab, the presenter layout, its lesson. */
  private RunsViewModel.SessionWindow sessionWindow(RunChartTabs charts) {
    return new RunsViewModel.SessionWindow() {
      @Override
      public void showTab(String title) {
        charts.show(title);
      }

      @Override
      public void presenter(Session.PresenterState state) {
        presenter.scale().set(state.scale());
        presenter.on().set(state.on());
      }

      @Override
      public void lesson(Lesson l, Session.LessonAt at) {
        if (l == null) {
          closeLesson();
        } else {
          openLesson(l, at);
        }
      }
    };
  }

  /** Saves the window's state as a session file (File → Save session…, and tests). */
  public void saveSession(Path file) {
    model.saveSession(file, session(charts));
  }

  /** Opens a session file (File → Open session…, and tests). */
  public void openSession(Path file) {
    model.openSession(file, sessionWindow(charts));
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

  /** Reads the shown runs' callouts again (the Compare tab writes to the same files). */
  public void rereadCallouts() {
    model.rereadCallouts();
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
