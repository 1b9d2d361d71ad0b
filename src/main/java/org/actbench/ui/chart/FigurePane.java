package org.actbench.ui.chart;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.actbench.chart.Annotated;
import org.actbench.chart.Callout;
import org.actbench.chart.Exports;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.chart.PngExport;

/**
 * A {@link Figure} as an image that fills the pane. Scroll zooms the steps around the cursor, drag
 * pans, double-click resets; the exact value under the cursor shows at the bottom; "Full range"
 * shows all of a line chart's values (bands and first steps too; the axis otherwise fits what a
 * reader needs); the menu (right click) toggles a log scale; "Export…" writes PNG, SVG or PDF and
 * says where. Redraws only when {@link #redraw} is called.
 *
 * <p>Why an image painted elsewhere and not a Canvas: a canvas replays its drawing on the render
 * thread inside the frame, and in software rendering (no GPU, e.g. a remote desktop) one chart cost
 * 15–25 ms there, so frames ran late whenever charts moved. Here a snapshot of the figure (points
 * shared, not copied) is painted with Java2D, the code that writes PNG exports, on one painter
 * thread shared by all panes; the FX thread only copies the finished pixels in. While a paint is
 * under way further requests collapse into one more paint of the latest state.
 */
public final class FigurePane extends StackPane {
  private final MenuItem stepItem = new MenuItem();
  private String stepLabel = "";
  private LongConsumer stepAction;
  private double menuStep = Double.NaN;
  private static final ExecutorService PAINTER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "actbench-chart-painter");
            t.setDaemon(true);
            return t;
          });
  private static final java.awt.Color BACKGROUND = java.awt.Color.WHITE;

  private final Pane holder = new Pane();
  private final ImageView view = new ImageView();
  private final Label readout = new Label();
  private Figure figure;
  private boolean painting; // FX thread only: a paint is under way
  private boolean again; // FX thread only: asked for while painting
  private BufferedImage
      back; // the painter's, between a paint's start and its pixels being copied in
  private WritableImage front;
  private double dragX = Double.NaN;
  private Exporter exporter =
      (fig, file, format, w, h) -> {
        Figure frozen = fig.snapshot();
        return () -> Exports.write(frozen, format, file.toPath(), w, h, 150);
      };
  private Supplier<String> fileName = () -> figure.title();
  private Consumer<File> onSaved = file -> {};
  private Runnable onCopied = () -> {};
  private final ToggleButton full = new ToggleButton("Full range");
  private double zoom = 1; // FX thread only: the presenter layout's scale of text and lines
  private List<Callout> callouts = List.of();
  private Annotating annotating;

  /**
   * What the pane's owner does with callouts: the pane says where (in the figure's coordinates),
   * the owner keeps them (a run's folder) and hands them back through {@link #setCallouts}.
   */
  public interface Annotating {
    /** A callout is to be dropped at this point of the figure (FX thread); asks for its text. */
    void add(double x, double y);

    /** This callout is to go. */
    void remove(Callout callout);
  }

  /**
   * Writes the shown figure to a file (the compare view adds sidecars), in two parts: {@link
   * #prepare} on the FX thread takes what it needs of the window, the returned write runs on
   * another thread (files are no work for the FX thread).
   */
  @FunctionalInterface
  public interface Exporter {
    Write prepare(Figure figure, File file, Exports.Format format, double width, double height);
  }

  /** The writing part of an export. */
  @FunctionalInterface
  public interface Write {
    void run() throws IOException;
  }

  public FigurePane(Figure figure) {
    this.figure = figure;
    getStyleClass().add("figure-pane");
    holder.getChildren().add(view);
    holder.setMinSize(200, 150);
    view.setManaged(false);
    view.setSmooth(false); // drawn 1:1 (or scaled by the output scale): no filtering needed
    holder.widthProperty().addListener(o -> redraw());
    holder.heightProperty().addListener(o -> redraw());
    sceneProperty()
        .addListener(
            (o, was, scene) -> { // moved to a screen with another output scale
              if (scene != null) {
                scene
                    .windowProperty()
                    .addListener(
                        (w, a, window) -> {
                          if (window != null) {
                            window.outputScaleXProperty().addListener(x -> redraw());
                          }
                        });
              }
            });

    readout.getStyleClass().add("readout");
    readout.setId("readout");
    StackPane.setAlignment(readout, Pos.BOTTOM_RIGHT);
    readout.setMouseTransparent(true);

    Button export = new Button("Export…");
    export.getStyleClass().add("export");
    export.setTooltip(
        new Tooltip(
            "Save this chart as PNG (150 dpi), SVG or PDF (vector, text as text), at the size shown"));
    export.setOnAction(e -> export());
    full.setId("full-range");
    full.getStyleClass().add("export");
    full.setTooltip(
        new Tooltip(
            "Show every value: the first steps and the bands too (the axis"
                + " otherwise fits the curves a reader compares)"));
    full.setOnAction(
        e -> {
          if (this.figure instanceof LineChart chart) {
            chart.setFullRange(full.isSelected());
            redraw();
          }
        });
    full.setVisible(figure instanceof LineChart);
    Button copy = new Button("Copy chart");
    copy.setId("copy-chart");
    copy.getStyleClass().add("export");
    copy.setTooltip(new Tooltip("Put this chart as shown, callouts included, on the clipboard"));
    copy.setOnAction(e -> copyToClipboard());
    HBox tools = new HBox(4, full, copy, export);
    tools.setAlignment(Pos.TOP_RIGHT);
    tools.setPickOnBounds(false);
    tools.setMaxHeight(USE_PREF_SIZE);
    StackPane.setAlignment(tools, Pos.TOP_RIGHT);

    getChildren().addAll(holder, readout, tools);

    holder.setOnScroll(
        e -> {
          if (this.figure instanceof LineChart chart) {
            chart.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, e.getX() / zoom, holder.getWidth() / zoom);
            redraw();
          }
        });
    holder.setOnMousePressed(e -> dragX = e.getX());
    holder.setOnMouseDragged(
        e -> {
          if (this.figure instanceof LineChart chart && !Double.isNaN(dragX)) {
            chart.pan((e.getX() - dragX) / zoom, holder.getWidth() / zoom);
            dragX = e.getX();
            redraw();
          }
        });
    holder.setOnMouseClicked(
        e -> {
          if (e.getButton() == MouseButton.PRIMARY
              && e.getClickCount() == 2
              && this.figure instanceof LineChart chart) {
            chart.resetView();
            redraw();
          }
        });
    holder.setOnMouseMoved(
        e ->
            readout.setText(
                this.figure.describe(
                    e.getX() / zoom,
                    e.getY() / zoom,
                    holder.getWidth() / zoom,
                    holder.getHeight() / zoom)));
    holder.setOnMouseExited(e -> readout.setText(""));

    CheckMenuItem log = new CheckMenuItem("Log scale");
    log.setOnAction(
        e -> {
          if (this.figure instanceof LineChart chart) {
            chart.setLogY(log.isSelected());
            redraw();
          }
        });
    MenuItem reset = new MenuItem("Reset zoom");
    reset.setOnAction(
        e -> {
          if (this.figure instanceof LineChart chart) {
            chart.resetView();
            redraw();
          }
        });
    MenuItem exportItem = new MenuItem("Export…");
    exportItem.setOnAction(e -> export());
    MenuItem copyItem = new MenuItem("Copy chart");
    copyItem.setOnAction(e -> copyToClipboard());
    MenuItem addNote = new MenuItem("Add callout here…");
    addNote.setId("add-callout");
    MenuItem removeNote = new MenuItem("Remove this callout");
    removeNote.setId("remove-callout");
    ContextMenu menu = new ContextMenu(log, reset, exportItem, copyItem, addNote, removeNote);
    stepItem.setVisible(false);
    stepItem.setOnAction(
        e -> {
          if (stepAction != null && !Double.isNaN(menuStep)) {
            stepAction.accept(Math.round(menuStep));
          }
        });
    menu.getItems().add(0, stepItem);
    holder.setOnContextMenuRequested(
        e -> {
          menuStep =
              this.figure instanceof LineChart chart
                  ? chart.xAt(e.getX() / zoom, holder.getWidth() / zoom)
                  : Double.NaN;
          stepItem.setVisible(stepAction != null);
          stepItem.setDisable(Double.isNaN(menuStep) || menuStep < 0);
          stepItem.setText(
              stepLabel + (Double.isNaN(menuStep) ? "" : " (step " + Math.round(menuStep) + ")"));
          log.setDisable(!(this.figure instanceof LineChart));
          log.setSelected(this.figure instanceof LineChart chart && chart.logY());
          double w = holder.getWidth() / zoom; // the figure is drawn at 1/zoom of the pane
          double h = holder.getHeight() / zoom;
          // the figure shown now, not the first one (the compare view replaces its figure)
          Figure now = this.figure;
          double[] point = now.pointAt(e.getX() / zoom, e.getY() / zoom, w, h);
          addNote.setVisible(annotating != null);
          addNote.setDisable(now.pixelOf(point[0], point[1], w, h) == null); // off the plot
          addNote.setOnAction(a -> annotating.add(point[0], point[1]));
          Callout near = calloutNear(e.getX(), e.getY());
          removeNote.setVisible(annotating != null && near != null);
          removeNote.setOnAction(a -> annotating.remove(near));
          menu.show(holder, e.getScreenX(), e.getScreenY());
        });
  }

  /**
   * Asks for a callout's text (the dialog every chart uses; its field's id is {@code
   * callout-text}); empty if cancelled or blank.
   */
  public static Optional<String> askCalloutText(String header) {
    TextInputDialog ask = new TextInputDialog();
    ask.setTitle("Callout");
    ask.setHeaderText(header);
    ask.setContentText("Text");
    ask.getEditor().setId("callout-text");
    return ask.showAndWait().filter(t -> !t.isBlank());
  }

  /** Callouts drop where the reader right-clicks ("Add callout here…"); null: none. */
  public void setAnnotating(Annotating annotating) {
    this.annotating = annotating;
  }

  /** The callouts drawn over the figure, on screen and in exports. */
  public void setCallouts(List<Callout> callouts) {
    if (!callouts.equals(this.callouts)) {
      this.callouts = List.copyOf(callouts);
      redraw();
    }
  }

  public List<Callout> callouts() {
    return callouts;
  }

  /** The callout whose point lies within 12 pixels of (px, py), or null. */
  private Callout calloutNear(double px, double py) {
    for (Callout c : callouts) {
      double[] at =
          figure.pixelOf(c.x(), c.y(), holder.getWidth() / zoom, holder.getHeight() / zoom);
      if (at != null && Math.hypot(at[0] * zoom - px, at[1] * zoom - py) <= 12) {
        return c;
      }
    }
    return null;
  }

  /** The figure with its callouts, as painted and exported. */
  private Figure shown() {
    return callouts.isEmpty() ? figure : new Annotated(figure, callouts);
  }

  /**
   * Puts the chart as shown (size, view and callouts) on the clipboard as an image, for a slide:
   * painted on the painter thread, handed to the clipboard on the FX thread.
   */
  public void copyToClipboard() {
    Frame frame = frame();
    if (frame == null) {
      return;
    }
    PAINTER.execute(
        () -> {
          BufferedImage image = paint(frame, null);
          Platform.runLater(
              () -> {
                ClipboardContent content = new ClipboardContent();
                content.putImage(SwingFXUtils.toFXImage(image, null));
                Clipboard.getSystemClipboard().setContent(content);
                onCopied.run();
              });
        });
  }

  /** Runs after "Copy chart" has put the image on the clipboard (FX thread). */
  public void setOnCopied(Runnable onCopied) {
    this.onCopied = onCopied;
  }

  public Figure figure() {
    return figure;
  }

  /**
   * Adds an item to the right-click menu of a line chart that acts on the step under the pointer
   * ("Fork from here…").
   */
  public void setStepAction(String label, LongConsumer action) {
    this.stepLabel = label;
    this.stepAction = action;
  }

  public void setFigure(Figure figure) {
    if (figure instanceof LineChart chart) {
      chart.setFullRange(full.isSelected()); // the reader's choice stays when the figure is rebuilt
    }
    full.setVisible(figure instanceof LineChart);
    this.figure = figure;
    redraw();
  }

  /**
   * Draws text and lines this many times larger (the presenter layout's 1.0–2.5x): the figure is
   * laid out for a smaller area and painted at a higher pixel scale, so its plot still fills the
   * pane.
   */
  public void setZoom(double zoom) {
    if (zoom != this.zoom) {
      this.zoom = zoom;
      redraw();
    }
  }

  public double zoom() {
    return zoom;
  }

  /** The file name the export dialog suggests (without extension), made safe for any system. */
  public void setFileName(Supplier<String> name) {
    this.fileName = name;
  }

  /** Told the file after each export, to say where it went. */
  public void setOnSaved(Consumer<File> onSaved) {
    this.onSaved = onSaved;
  }

  /** A file name from free text: lower-case letters, digits, dots, single inner dashes. */
  public static String safeName(String text) {
    String s =
        text.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9.]+", "-")
            .replaceAll("-+", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    if (s.length() > 80) {
      s = s.substring(0, 80).replaceAll("-[^-]*$", "");
    }
    return s.isEmpty() ? "chart" : s;
  }

  /**
   * Paints the figure as it is now, on the painter thread; shown within a frame or two (FX thread).
   */
  public void redraw() {
    if (figure instanceof LineChart chart) {
      full.setSelected(chart.fullRange()); // also when set elsewhere (a session opened)
    }
    if (painting) {
      again = true;
      return;
    }
    Frame frame = frame();
    if (frame == null) {
      return;
    }
    painting = true;
    BufferedImage reuse = back;
    PAINTER.execute(
        () -> {
          BufferedImage image = null;
          try {
            image = paint(frame, reuse);
          } catch (RuntimeException
              | Error e) { // the chart keeps its last image, the next redraw tries again
            System.err.println("Could not draw the chart '" + frame.figure().title() + "': " + e);
          }
          BufferedImage painted = image;
          Platform.runLater(
              () -> {
                if (painted != null) {
                  show(painted, frame);
                  back = painted;
                }
                painting = false;
                if (again) {
                  again = false;
                  redraw();
                }
              });
        });
  }

  /** Paints and shows the figure now, on the FX thread (for measurements and tests). */
  public void redrawNow() {
    Frame frame = frame();
    if (frame != null) {
      BufferedImage image = paint(frame, painting ? null : back); // the painter may hold back
      show(image, frame);
      if (!painting) {
        back = image;
      } else {
        again = true; // the paint under way is older than this one: paint the latest after it
      }
    }
  }

  /** What to paint: a snapshot of the figure, its size in the scene and in pixels. */
  private record Frame(
      Figure figure,
      double width,
      double height,
      int pixelsWide,
      int pixelsHigh,
      double scale,
      double zoom) {}

  private Frame frame() {
    double w = holder.getWidth();
    double h = holder.getHeight();
    if (w < 50 || h < 50) {
      return null;
    }
    double scale =
        getScene() != null && getScene().getWindow() != null
            ? getScene().getWindow().getOutputScaleX()
            : 1;
    return new Frame(
        shown().snapshot(),
        w / zoom,
        h / zoom,
        (int) Math.ceil(w * scale),
        (int) Math.ceil(h * scale),
        scale * zoom,
        zoom);
  }

  /** On the painter thread: into {@code reuse} if it has the size, else a new image. */
  private static BufferedImage paint(Frame f, BufferedImage reuse) {
    BufferedImage image =
        reuse != null && reuse.getWidth() == f.pixelsWide() && reuse.getHeight() == f.pixelsHigh()
            ? reuse
            : new BufferedImage(f.pixelsWide(), f.pixelsHigh(), BufferedImage.TYPE_INT_ARGB_PRE);
    PngExport.paint(f.figure(), image, f.width(), f.height(), f.scale(), BACKGROUND);
    return image;
  }

  /** On the FX thread: copies the pixels into the image on screen. */
  private void show(BufferedImage image, Frame f) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (front == null || (int) front.getWidth() != w || (int) front.getHeight() != h) {
      front = new WritableImage(w, h);
      view.setImage(front);
    }
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    front.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
    // HiDPI: the image has scale x the pixels, shown at the scene's size
    view.setFitWidth(f.width() * f.zoom());
    view.setFitHeight(f.height() * f.zoom());
  }

  public void setExporter(Exporter exporter) {
    this.exporter = exporter;
  }

  /** Writes the figure as shown (same size and view), now; the format from the file's extension. */
  public void exportTo(File file) throws IOException {
    prepare(file).run();
  }

  private Write prepare(File file) {
    String name = file.getName();
    Exports.Format format =
        Exports.Format.parse(
            name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "png");
    return exporter.prepare(
        shown(), file, format, Math.max(100, holder.getWidth()), Math.max(80, holder.getHeight()));
  }

  private void export() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export " + figure.title());
    chooser.setInitialFileName(safeName(fileName.get()) + ".png");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("PNG image", "*.png"),
            new FileChooser.ExtensionFilter("SVG (vector)", "*.svg"),
            new FileChooser.ExtensionFilter("PDF (vector)", "*.pdf"));
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file == null) {
      return;
    }
    if (!file.getName().contains(".")) { // the chosen filter names the format
      String ext =
          chooser.getSelectedExtensionFilter() == null
              ? "*.png"
              : chooser.getSelectedExtensionFilter().getExtensions().get(0);
      file = new File(file.getPath() + ext.substring(1));
    }
    File target = file;
    Write write;
    try {
      write = prepare(target);
    } catch (RuntimeException ex) {
      failed(target, ex);
      return;
    }
    PAINTER.execute(
        () -> { // the painter's thread: off the FX thread, one thing at a time
          try {
            write.run();
            Platform.runLater(() -> onSaved.accept(target));
          } catch (IOException | RuntimeException ex) {
            Platform.runLater(() -> failed(target, ex));
          }
        });
  }

  private static void failed(File file, Exception e) {
    String why = "Could not write " + file + ": " + e.getMessage();
    new Alert(Alert.AlertType.ERROR, why).showAndWait();
  }
}
