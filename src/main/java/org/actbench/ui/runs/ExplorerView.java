package org.actbench.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.actbench.chart.Callout;
import org.actbench.chart.LineChart;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.activation.UnderNormal;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Annotations.Note;
import org.actbench.export.ChartCallouts;
import org.actbench.export.FigureExport;
import org.actbench.export.RunStyles;
import org.actbench.metrics.Saturation;
import org.actbench.ui.chart.FigurePane;

/**
 * The activation explorer: f(x) (solid) and f′(x) (dashed) of the chosen activations on one plot,
 * the region where f′ is below 0.05 shaded as a band on the x axis, α and slope sliders, and each
 * activation's mean and variance of f(x) for x ~ N(0, 1): SELU's fixed point (0, 1) shows there.
 */
public final class ExplorerView extends BorderPane {
  private final LineChart chart =
      new LineChart("Activation functions: f (solid) and f′ (dashed)", "x", "f(x), f′(x)");
  private final FigurePane pane = new FigurePane(chart);
  private final List<CheckBox> boxes = new ArrayList<>();
  private final Slider alpha = new Slider(0, 3, 1); // ticks at 0, 0.5, ...; α itself at least 0.05
  private final Slider slope = new Slider(0, 0.5, 0.1);
  private final TableView<String[]> moments = new TableView<>();
  private final Spinner<Integer> layer = new Spinner<>(1, 64, 1);
  private final BiFunction<String, Integer, Measurements.Measured> measured;
  private final Label said = new Label();

  /**
   * @param measured for an activation id and a layer number (from 1), what the selected (or latest,
   *     or a stored) run with that activation measured there at its latest logged step, or null
   */
  public ExplorerView(BiFunction<String, Integer, Measurements.Measured> measured) {
    this.measured = measured;
    FlowPane choose = new FlowPane(8, 4);
    for (ActivationKind kind : ActivationKind.values()) {
      if (kind.isLayer()) {
        continue; // PReLU, with learned slopes: shown as leaky ReLU at its initial 0.25
      }
      String id = kind.id();
      CheckBox box = new CheckBox(id);
      box.setId("explore-" + id);
      box.setTooltip(new Tooltip(kind.formula() + ", range " + kind.range()));
      box.setSelected(id.equals("elu") || id.equals("relu") || id.equals("selu"));
      box.selectedProperty().addListener(o -> update());
      boxes.add(box);
      choose.getChildren().add(box);
    }
    alpha.setShowTickLabels(true);
    alpha.setMajorTickUnit(0.5);
    alpha.setMinorTickCount(9); // snaps to 0.05
    alpha.setSnapToTicks(true);
    slope.setMinorTickCount(9); // snaps to 0.01
    slope.setSnapToTicks(true);
    alpha.setTooltip(new Tooltip("ELU's α"));
    slope.setShowTickLabels(true);
    slope.setMajorTickUnit(0.1);
    slope.setTooltip(new Tooltip("Leaky ReLU's slope"));
    alpha.valueProperty().addListener(o -> update());
    slope.valueProperty().addListener(o -> update());
    layer.setId("explore-layer");
    layer.setPrefWidth(70);
    layer.setTooltip(
        new Tooltip(
            "Which activation layer of the run to measure, from the input (1) on;"
                + " the last one if the run has fewer"));
    layer.valueProperty().addListener(o -> update());
    HBox sliders =
        new HBox(
            10,
            new Label("ELU α"),
            alpha,
            new Label("Leaky slope"),
            slope,
            new Label("Measured at activation layer"),
            layer);
    sliders.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox top = new VBox(6, choose, sliders);
    top.setPadding(new Insets(8));
    setTop(top);
    setCenter(pane);

    String[] headers = {
      "activation",
      "E[f(x)]",
      "Var[f(x)]",
      "share with f′ < 0.05",
      "measured at: layer, step, run",
      "input x: mean, var",
      "output f(x): mean, var"
    };
    String[] tips = {
      "",
      "Mean of f(x) for x ~ N(0, 1)",
      "Variance of f(x) for x ~ N(0, 1)",
      "Probability that the slope |f′(x)| is below 0.05 for x ~ N(0, 1)",
      "The selected (else the latest) run of this window with this activation, else the newest stored"
          + " run with it; the layer, the step and the activation as that run used it (its α may"
          + " differ from the slider's)",
      "Mean and variance over the batch of the net inputs this layer received: where they are near 0"
          + " and 1 (as after batch norm), the output should match the N(0, 1) columns",
      "Mean and variance over the batch of the layer's outputs f(x), at the latest logged step"
    };
    for (int i = 0; i < headers.length; i++) {
      int c = i;
      TableColumn<String[], String> col = new TableColumn<>();
      Label head = new Label(headers[i]);
      if (!tips[i].isEmpty()) {
        head.setTooltip(new Tooltip(tips[i]));
      }
      col.setGraphic(head);
      col.setCellValueFactory(r -> new SimpleStringProperty(r.getValue()[c]));
      col.setPrefWidth(new double[] {150, 90, 90, 150, 340, 170, 170}[i]);
      moments.getColumns().add(col);
    }
    moments.setId("moments");
    moments.setPrefHeight(170);
    Label caption =
        new Label(
            "Moments of f(x) for x ~ N(0, 1) (numerical integration): a unit whose"
                + " mean is near 0 causes little bias shift in the next layer; SELU maps mean 0 and variance 1 to"
                + " themselves.");
    caption.setWrapText(true);
    said.setId("explorer-message");
    VBox bottom = new VBox(4, caption, moments, said);
    bottom.setPadding(new Insets(8));
    setBottom(bottom);
    update();
  }

  /**
   * Lets the reader drop callouts on the functions' chart; they are kept in the store's folder
   * ({@link ChartCallouts#EXPLORER}: the explorer shows no run), read and written on {@code io},
   * and drawn in this chart's exports and in {@code actbench export --chart explorer}'s; what
   * happened is said under the table.
   */
  public void keepCalloutsIn(Path store, Executor io) {
    Consumer<String> say = said::setText;
    List<Path> folder = List.of(store);
    String key = ChartCallouts.EXPLORER;
    Consumer<CalloutChange> change =
        job ->
            io.execute(
                () -> {
                  String said;
                  try {
                    said = job.apply();
                  } catch (IOException | RuntimeException e) {
                    said = "Callout not saved: " + e.getMessage();
                  }
                  List<Callout> now = ChartCallouts.read(folder, key);
                  String text = said;
                  Platform.runLater(
                      () -> {
                        pane.setCallouts(now);
                        if (text != null) {
                          say.accept(text);
                        }
                      });
                });
    pane.setAnnotating(
        new FigurePane.Annotating() {
          @Override
          public void add(double x, double y) {
            FigurePane.askCalloutText("A callout on the explorer, kept with the run store")
                .ifPresent(
                    t ->
                        change.accept(
                            () -> {
                              Annotations.add(store, new Note(key, x, y, t));
                              return "Callout kept in " + store.resolve(Annotations.FILE) + ".";
                            }));
          }

          @Override
          public void remove(Callout callout) {
            change.accept(
                () -> {
                  ChartCallouts.remove(folder, key, callout);
                  return "Callout removed from " + store.resolve(Annotations.FILE) + ".";
                });
          }
        });
    change.accept(() -> null); // the ones kept before
  }

  private interface CalloutChange {
    String apply() throws IOException;
  }

  /** The chart's pane (for tests). */
  FigurePane pane() {
    return pane;
  }

  /** Recomputes curves and moments, and takes the runs' latest measurements. */
  public void update() {
    chart.clear();
    List<String[]> rows = new ArrayList<>();
    int i = 0;
    for (CheckBox box : boxes) {
      if (!box.isSelected()) {
        continue;
      }
      String id = box.getText();
      ActivationKind kind = ActivationKind.parse(id);
      Activation f =
          kind.activation(Math.max(0.05, round(alpha.getValue())), round(slope.getValue()));
      FigureExport.activationLines(f, RunStyles.colour(id), true).forEach(chart::add);
      double[] m = UnderNormal.moments(f, Saturation.SLOPE);
      Measurements.Measured seen = measured.apply(id, layer.getValue());
      rows.add(
          new String[] {
            f.label(),
            fmt(m[0]),
            fmt(m[1]),
            String.format(Locale.ROOT, "%.1f%%", 100 * m[2]),
            seen == null
                ? "no run yet"
                : seen.layer()
                    + ", step "
                    + seen.step()
                    + ", "
                    + seen.activation()
                    + ": "
                    + seen.run(),
            seen == null ? "" : fmt(seen.input().mean()) + ", " + fmt(seen.input().variance()),
            seen == null ? "" : fmt(seen.output().mean()) + ", " + fmt(seen.output().variance())
          });
    }
    moments.getItems().setAll(rows);
    pane.redraw();
  }

  /** A slider's value to two decimals: labels say α=2.8, not α=2.8008064516129036. */
  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", Math.abs(v) < 5e-5 ? 0.0 : v); // no "-0.0000"
  }
}
