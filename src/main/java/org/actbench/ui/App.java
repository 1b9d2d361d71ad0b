package org.actbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.actbench.data.ArchiveSource;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DataSource;
import org.actbench.data.DatasetLocator;
import org.actbench.data.FolderSource;
import org.actbench.experiment.lesson.Lessons;
import org.actbench.export.ChartKind;
import org.actbench.export.FigureExport;
import org.actbench.ui.runs.ExplorerView;
import org.actbench.ui.runs.Session;
import org.actbench.ui.runs.WorkbenchView;
import org.actbench.ui.setup.DatasetSetupDialog;
import org.actbench.ui.setup.DatasetSetupViewModel;

/** The workbench window. On first start without CIFAR-10 it offers to get it. */
public final class App extends Application {
  private final DatasetLocator locator;
  private final Settings settings;
  private final Path store;
  private final Label datasetLabel = new Label();
  private final BorderPane root = new BorderPane();
  private WorkbenchView workbench;

  /** Reads and writes the explorer's callout file, off the FX thread. */
  private final Executor calloutWriter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "actbench-explorer-callouts");
            t.setDaemon(true);
            return t;
          });

  public App() {
    this(
        DatasetLocator.system(),
        Settings.forUser(System.getenv(), Path.of(System.getProperty("user.home"))),
        org.actbench.experiment.RunStore.defaultLocation(
            System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  /**
   * @param store where run folders go
   */
  public App(DatasetLocator locator, Settings settings, Path store) {
    this.locator = locator;
    this.settings = settings;
    this.store = store;
  }

  public static void main(String[] args) {
    Application.launch(App.class, args);
  }

  private WindowOptions options = new WindowOptions(false, null);

  @Override
  public void start(Stage stage) {
    try { // checked by the launcher already; not read again here (the FX thread reads no files)
      options =
          getParameters() == null ? options : WindowOptions.parse(getParameters().getRaw(), false);
    } catch (IllegalArgumentException e) {
      datasetLabel.setText(e.getMessage());
    }
    datasetLabel.setId("dataset");
    datasetLabel.setPadding(new Insets(4, 8, 4, 8));
    root.setBottom(datasetLabel);
    stage.setTitle("ActBench");
    stage.setScene(new Scene(root, 1280, 800));
    stage.setOnCloseRequest(
        e -> {
          if (workbench != null) {
            workbench.shutdown(); // runs stop between batches; their files are complete up to there
          }
        });
    stage.show();
    warmUp();

    Optional<DataSource> dataset;
    try {
      dataset = DatasetSetupViewModel.remembered(locator, settings);
    } catch (org.actbench.data.DataException e) {
      dataset = Optional.empty(); // e.g. ACTBENCH_CIFAR10 names a missing file: ask instead
      datasetLabel.setText(e.getMessage());
    }
    if (dataset.isPresent()) {
      showDataset(dataset.get());
    } else {
      DatasetSetupViewModel model =
          new DatasetSetupViewModel(
              settings,
              () -> Cifar10Download.official(locator),
              new Cifar10Cache(locator.cifarCache()));
      DatasetSetupDialog dialog = new DatasetSetupDialog(model, stage);
      // After the window is up, so that the dialog has its owner on screen.
      Platform.runLater(
          () -> dialog.showAndWait().ifPresentOrElse(this::showDataset, () -> showDataset(null)));
    }
  }

  /**
   * Says the workbench is opening, lets that be painted, then builds it: building the tabs the
   * first time loads and links many classes (about 1–2 s on a slow machine), and the window should
   * say so rather than show a blank box where the dataset dialog was.
   */
  private void showDataset(DataSource source) {
    // The name, not the path: the status bar is in screenshots; the path is in the tooltip.
    datasetLabel.setText(source == null ? "No dataset chosen yet" : "Dataset: " + name(source));
    datasetLabel.setTooltip(source == null ? null : new Tooltip(source.describe()));
    root.setCenter(opening());
    new AnimationTimer() { // the note's frame is rendered once the next pulse comes
      private int pulses;

      @Override
      public void handle(long now) {
        if (++pulses == 3) {
          stop();
          build(source);
        }
      }
    }.start();
  }

  private static Node opening() {
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setMaxSize(40, 40);
    Label text = new Label("Opening the workbench…");
    VBox box = new VBox(10, spinner, text);
    box.setAlignment(Pos.CENTER);
    box.setId("opening");
    return box;
  }

  /**
   * Loads, off the FX thread, classes that building the tabs needs first (charts, exports, the run
   * store), while the window shows the dataset dialog or the "opening" note. Nothing of JavaFX:
   * controls made off the FX thread while it starts up race its style sheets.
   */
  private static void warmUp() {
    Thread t =
        new Thread(
            () -> {
              try {
                FigureExport.defaultMetric(ChartKind.LOSS);
                new org.actbench.chart.LineChart("", "", "").snapshot();
                org.actbench.export.RunStyles.colour("elu");
                org.actbench.experiment.TrainSpec.defaults().network();
              } catch (RuntimeException e) {
                // only a warm-up: building the tabs reports any real problem
              }
            },
            "actbench-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private void build(DataSource source) {
    String dataset = source == null ? "No dataset chosen yet" : "Dataset: " + name(source);
    List<String> choices = new ArrayList<>();
    if (source instanceof ArchiveSource a) {
      choices.add(a.path().toString());
    } else if (source instanceof FolderSource f) {
      choices.add(f.folder().toString());
    }
    choices.add(DatasetLocator.SAMPLE);
    workbench =
        new WorkbenchView(
            store,
            locator.cacheRoot(),
            data -> Cifar10Reader.read(locator.require(data.equals("default") ? null : data)),
            choices);
    datasetLabel.textProperty().bind(Bindings.concat(dataset, workbench.kernelsLine()));
    Tab runs = new Tab("Runs", workbench);
    runs.setClosable(false);
    WorkbenchView bench = workbench;
    runs.setOnSelectionChanged(
        e -> {
          if (runs.isSelected()) {
            bench.rereadCallouts(); // the Compare tab keeps its callouts in the same files
          }
        });
    ExplorerView explorerView = new ExplorerView(bench::measured);
    explorerView.keepCalloutsIn(store, calloutWriter);
    Tab explorer = new Tab("Explorer", explorerView);
    explorer.setClosable(false);
    explorer.setOnSelectionChanged(
        e -> {
          if (explorer.isSelected()) {
            explorerView.update(); // the runs' latest measurements
            bench.refreshStoredMoments(
                explorerView::update); // and stored ones (command line, earlier sessions)
          }
        });
    org.actbench.ui.compare.CompareView compareView =
        new org.actbench.ui.compare.CompareView(store, workbench::resume);
    Tab compare = new Tab("Compare", compareView);
    compare.setClosable(false);
    compare.setOnSelectionChanged(
        e -> {
          if (compare.isSelected()) {
            compareView.reload(); // runs finished since, from the window or the command line
          }
        });
    TabPane tabs = new TabPane(runs, compare, explorer);
    tabs.setId("main-tabs");
    root.setCenter(tabs);
    if (options.presenter()) { // at a projector: the whole screen (F11 or Esc leaves it)
      workbench.presenter().on().set(true);
      if (root.getScene().getWindow() instanceof Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getBounds(); // also where no window manager is
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setWidth(screen.getWidth());
        stage.setHeight(screen.getHeight());
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
      }
    }
    if (options.isBundled()) {
      workbench.openLesson(
          Lessons.bundled(options.lesson()), new Session.LessonAt(options.lesson(), null, 0));
    } else if (options.lesson() != null) {
      workbench.openLessonFile(Path.of(options.lesson()));
    }
  }

  private static String name(DataSource source) {
    if (source instanceof ArchiveSource a) {
      return "CIFAR-10 (" + a.path().getFileName() + ")";
    }
    if (source instanceof FolderSource f) {
      return "CIFAR-10 (" + f.folder().getFileName() + ")";
    }
    return source.describe();
  }

  /** The Runs tab, once a dataset is chosen. */
  public WorkbenchView workbench() {
    return workbench;
  }
}
