package org.actbench.ui.runs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.event.EventHandler;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.experiment.lesson.LessonChart;
import org.actbench.ui.chart.FigurePane;

/**
 * The presenter layout of the Runs tab, for a projector: the form hidden, two charts side by side
 * (unit means and loss unless a lesson says otherwise), text and lines scaled 1.0–2.5x, a high
 * contrast style. Keys (anywhere in the window): Ctrl+Shift+P toggles it, F11 full screen, Ctrl +
 * and Ctrl − scale, Ctrl 0 resets; in the layout space pauses or resumes the runs shown, → trains
 * one batch, R restarts the lesson, Page Down and Page Up are Next and Back.
 */
public final class Presenter {
  public static final double MIN_SCALE = 1.0;
  public static final double MAX_SCALE = 2.5;

  /** The window's usual text size, which the scale multiplies. */
  static final double FONT = 13;

  private final WorkbenchView view;
  private final RunsViewModel model;
  private final DoubleProperty scale = new SimpleDoubleProperty(1.6);
  private final FigurePane left;
  private final FigurePane right;
  private final VBox top = new VBox();
  private final BorderPane pane = new BorderPane();
  private List<LessonChart> shown = List.of(LessonChart.UNIT_MEANS, LessonChart.LOSS);
  private final IntegerProperty paneShows = new SimpleIntegerProperty();
  private final EventHandler<KeyEvent> keys = this::key;

  Presenter(WorkbenchView view, RunsViewModel model) {
    this.view = view;
    this.model = model;
    RunCharts f = model.figures();
    left = new FigurePane(f.means);
    left.setId("presenter-left");
    right = new FigurePane(f.loss);
    right.setId("presenter-right");
    VBox leftBox = new VBox(left, explained(0));
    VBox rightBox = new VBox(right, explained(1));
    HBox two = new HBox(8, leftBox, rightBox);
    for (VBox box : List.of(leftBox, rightBox)) {
      HBox.setHgrow(box, Priority.ALWAYS);
      box.setMaxWidth(Double.MAX_VALUE);
      box.setPrefWidth(100); // the two share the width equally
      VBox.setVgrow(box.getChildren().get(0), Priority.ALWAYS);
    }
    pane.setTop(top);
    pane.setCenter(two);
    pane.setId("presenter");
    model.addOnRefreshed(
        () -> {
          if (isOn()) {
            left.redraw();
            right.redraw();
          }
        });
    scale.addListener((o, a, b) -> applyScale());
    view.widthProperty().addListener((o, a, b) -> applyScale()); // the window's size caps it
    view.heightProperty().addListener((o, a, b) -> applyScale());
    model.choices().biasLayer().addListener((o, a, b) -> showFigures());
    on().addListener((o, was, is) -> layOut());
    view.sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
              }
              if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
              }
            });
  }

  /** The sentence under a pane that shows the bias shift: what its quantity means. */
  private Label explained(int pane) {
    Label l = new Label();
    l.setId("presenter-explained-" + pane);
    l.setWrapText(true);
    l.getStyleClass().add("explained");
    l.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> model.choices().biasQuantity().get().explanation(),
                model.choices().biasQuantity()));
    l.visibleProperty().bind(Bindings.createBooleanBinding(() -> showsBias(pane), paneShows));
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  private boolean showsBias(int pane) {
    return shown.size() > pane && shown.get(pane) == LessonChart.BIAS_SHIFT;
  }

  /** Whether the presenter layout is shown (the Presenter button, {@code --presenter}). */
  public BooleanProperty on() {
    return view.presenterOn();
  }

  public boolean isOn() {
    return on().get();
  }

  /** Text and line scale, 1.0–2.5 (default 1.6: readable from the back of a lecture room). */
  public DoubleProperty scale() {
    return scale;
  }

  /**
   * The largest scale a window of this size shows whole: 2.5x needs 1920x1080; at 1280x800 about
   * 1.7x. A larger chosen scale is kept (and used once the window is larger, e.g. on the
   * projector's screen), but the layout shows this one, so that charts keep room for their curves.
   */
  static double fitting(double width, double height) {
    if (!(width > 0 && height > 0)) {
      return MAX_SCALE; // not laid out yet
    }
    return Math.max(MIN_SCALE, Math.min(MAX_SCALE, Math.min(width / 768, height / 432)));
  }

  /** The scale the layout shows: the chosen one, at most what the window holds whole. */
  public double shownScale() {
    double s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale.get()));
    return view.getScene() == null
        ? s
        : Math.min(s, fitting(view.getScene().getWidth(), view.getScene().getHeight()));
  }

  /** The two charts side by side. */
  public List<FigurePane> panes() {
    return List.of(left, right);
  }

  /** Above the charts: the bar's buttons (wrapping) and what the tab says. */
  VBox top() {
    return top;
  }

  /** The charts a lesson step (or the demo) shows, left then right; one chart: the left only. */
  void showCharts(List<LessonChart> charts) {
    shown = List.copyOf(charts);
    boolean two = charts.size() > 1;
    right.getParent().setVisible(two); // the pane with the sentence under it
    right.getParent().setManaged(two);
    showFigures();
  }

  /** The panes' figures: the bias shift as one panel per layer where "all layers" is chosen. */
  private void showFigures() {
    paneShows.set(paneShows.get() + 1); // the sentences under the panes follow
    left.setFigure(shownFigure(shown.get(0)));
    if (shown.size() > 1) {
      right.setFigure(shownFigure(shown.get(1)));
    }
  }

  private Figure shownFigure(LessonChart chart) {
    boolean all = RunCharts.ALL_LAYERS.equals(model.choices().biasLayer().get());
    return chart == LessonChart.BIAS_SHIFT && all ? model.figures().biasLayers : figure(chart);
  }

  /** The live figure of a lesson's chart. */
  LineChart figure(LessonChart chart) {
    RunCharts f = model.figures();
    return switch (chart) {
      case LOSS -> f.loss;
      case ACCURACY -> f.accuracy;
      case UNIT_MEANS -> f.means;
      case BIAS_SHIFT -> f.bias;
    };
  }

  /** The Runs tab's tab that shows a lesson's chart in the usual layout. */
  static String tabTitle(LessonChart chart) {
    return switch (chart) {
      case LOSS -> "Loss";
      case ACCURACY -> "Accuracy";
      case UNIT_MEANS -> "Unit means";
      case BIAS_SHIFT -> "Bias shift";
    };
  }

  /** Every chart a lesson can put a callout on. */
  List<LineChart> lineCharts() {
    return Arrays.stream(LessonChart.values()).map(this::figure).toList();
  }

  private void layOut() {
    view.layOut(isOn(), pane);
    applyScale();
    if (isOn()) {
      view.getStyleClass().add("presenter");
    } else {
      view.getStyleClass().remove("presenter");
      view.setStyle("");
    }
  }

  private void applyScale() {
    double s = shownScale();
    if (isOn()) {
      view.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", FONT * s));
      left.setZoom(s);
      right.setZoom(s);
    }
  }

  private static final KeyCombination TOGGLE = KeyCombination.keyCombination("Shortcut+Shift+P");

  private void key(KeyEvent e) {
    if (TOGGLE.match(e)) {
      on().set(!isOn());
    } else if (e.getCode() == KeyCode.F11) {
      if (view.getScene().getWindow() instanceof Stage stage) {
        stage.setFullScreenExitHint("F11 or Esc leaves full screen");
        stage.setFullScreen(!stage.isFullScreen());
      }
    } else if (e.isShortcutDown()
        && (e.getCode() == KeyCode.PLUS
            || e.getCode() == KeyCode.EQUALS
            || e.getCode() == KeyCode.ADD)) {
      scale.set(Math.min(MAX_SCALE, scale.get() + 0.25));
      if (isOn() && shownScale() < scale.get()) {
        model
            .message()
            .set(
                String.format(
                    Locale.ROOT,
                    "Scale %.2fx; this window shows %.2fx, the most it holds whole (F11: full"
                        + " screen)",
                    scale.get(),
                    shownScale()));
      }
    } else if (e.isShortcutDown()
        && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
      scale.set(Math.max(MIN_SCALE, scale.get() - 0.25));
    } else if (e.isShortcutDown() && e.getCode() == KeyCode.DIGIT0) {
      scale.set(MIN_SCALE);
    } else if (!isOn() || e.isShortcutDown() || e.isAltDown()) {
      return; // the usual layout's keys are its controls'
    } else if (e.getCode() == KeyCode.SPACE) {
      model.togglePauseShown();
    } else if (e.getCode() == KeyCode.RIGHT) {
      model.stepShown();
    } else if (e.getCode() == KeyCode.R) {
      view.restartLesson();
    } else if (e.getCode() == KeyCode.PAGE_DOWN && view.lesson() != null) {
      view.lesson().next();
    } else if (e.getCode() == KeyCode.PAGE_UP && view.lesson() != null) {
      view.lesson().back();
    } else {
      return;
    }
    e.consume();
  }
}
