package org.actbench.ui.chart;

import java.io.File;
import java.io.IOException;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.chart.Exports;

/**
 * A {@link Figure} on a canvas that fills the pane. Scroll zooms the steps around the cursor, drag
 * pans, double-click resets; the exact value under the cursor shows at the bottom; the menu (right
 * click) toggles a log scale; "Export…" writes PNG, SVG or PDF. Redraws only when {@link #redraw} is called.
 */
public final class FigurePane extends StackPane {
  private final Canvas canvas = new Canvas();
  private final Label readout = new Label();
  private Figure figure;
  private double dragX = Double.NaN;
  private Exporter exporter = (fig, file, format, w, h) -> Exports.write(fig, format, file.toPath(), w, h, 150);

  /** Writes the shown figure to a file (the compare view adds sidecars). */
  @FunctionalInterface
  public interface Exporter {
    void export(Figure figure, File file, Exports.Format format, double width, double height) throws IOException;
  }

  public FigurePane(Figure figure) {
    this.figure = figure;
    getStyleClass().add("figure-pane");
    Pane holder = new Pane(canvas);
    holder.setMinSize(200, 150);
    canvas.widthProperty().bind(holder.widthProperty());
    canvas.heightProperty().bind(holder.heightProperty());
    canvas.widthProperty().addListener(o -> redraw());
    canvas.heightProperty().addListener(o -> redraw());

    readout.getStyleClass().add("readout");
    readout.setId("readout");
    StackPane.setAlignment(readout, Pos.BOTTOM_RIGHT);
    readout.setMouseTransparent(true);

    Button export = new Button("Export…");
    export.getStyleClass().add("export");
    export.setTooltip(new Tooltip("Save this chart as PNG (150 dpi), SVG or PDF (vector, text as text), at the size shown"));
    export.setOnAction(e -> export());
    HBox tools = new HBox(export);
    tools.setAlignment(Pos.TOP_RIGHT);
    tools.setPickOnBounds(false);
    tools.setMaxHeight(USE_PREF_SIZE);
    StackPane.setAlignment(tools, Pos.TOP_RIGHT);

    getChildren().addAll(holder, readout, tools);

    canvas.setOnScroll(e -> {
      if (this.figure instanceof LineChart chart) {
        chart.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, e.getX(), canvas.getWidth());
        redraw();
      }
    });
    canvas.setOnMousePressed(e -> dragX = e.getX());
    canvas.setOnMouseDragged(e -> {
      if (this.figure instanceof LineChart chart && !Double.isNaN(dragX)) {
        chart.pan(e.getX() - dragX, canvas.getWidth());
        dragX = e.getX();
        redraw();
      }
    });
    canvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && this.figure instanceof LineChart chart) {
        chart.resetView();
        redraw();
      }
    });
    canvas.setOnMouseMoved(e -> readout.setText(this.figure.describe(e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight())));
    canvas.setOnMouseExited(e -> readout.setText(""));

    CheckMenuItem log = new CheckMenuItem("Log scale");
    log.setOnAction(e -> {
      if (this.figure instanceof LineChart chart) {
        chart.setLogY(log.isSelected());
        redraw();
      }
    });
    MenuItem reset = new MenuItem("Reset zoom");
    reset.setOnAction(e -> {
      if (this.figure instanceof LineChart chart) {
        chart.resetView();
        redraw();
      }
    });
    MenuItem exportItem = new MenuItem("Export…");
    exportItem.setOnAction(e -> export());
    ContextMenu menu = new ContextMenu(log, reset, exportItem);
    canvas.setOnContextMenuRequested(e -> {
      log.setDisable(!(this.figure instanceof LineChart));
      log.setSelected(this.figure instanceof LineChart chart && chart.logY());
      menu.show(canvas, e.getScreenX(), e.getScreenY());
    });
  }

  public Figure figure() {
    return figure;
  }

  public void setFigure(Figure figure) {
    this.figure = figure;
    redraw();
  }

  public void redraw() {
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    if (w < 50 || h < 50) {
      return;
    }
    canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
    figure.paint(new FxSurface(canvas.getGraphicsContext2D()), w, h);
  }

  public void setExporter(Exporter exporter) {
    this.exporter = exporter;
  }

  /** Writes the figure as it is shown (same size and view); the format from the file's extension. */
  public void exportTo(File file) throws IOException {
    String name = file.getName();
    Exports.Format format = Exports.Format.parse(name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "png");
    exporter.export(figure, file, format, Math.max(100, canvas.getWidth()), Math.max(80, canvas.getHeight()));
  }

  private void export() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export " + figure.title());
    chooser.setInitialFileName(figure.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("PNG image", "*.png"),
        new FileChooser.ExtensionFilter("SVG (vector)", "*.svg"),
        new FileChooser.ExtensionFilter("PDF (vector)", "*.pdf"));
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file == null) {
      return;
    }
    if (!file.getName().contains(".")) { // the chosen filter names the format
      String ext = chooser.getSelectedExtensionFilter() == null ? "*.png" : chooser.getSelectedExtensionFilter().getExtensions().get(0);
      file = new File(file.getPath() + ext.substring(1));
    }
    try {
      exportTo(file);
    } catch (IOException | RuntimeException ex) {
      new Alert(Alert.AlertType.ERROR, "Could not write " + file + ": " + ex.getMessage()).showAndWait();
    }
  }
}
