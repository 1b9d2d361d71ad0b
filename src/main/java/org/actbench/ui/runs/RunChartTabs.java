package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.actbench.chart.Callout;
import org.actbench.chart.Figure;
import org.actbench.chart.LineChart;
import org.actbench.ui.chart.FigurePane;

/**
 * The Runs tab's charts, one tab each, with their choices bound to the model's; redraws the chart
 * shown after every refresh of the model.
 */
final class RunChartTabs extends TabPane {
  private final Map<Tab, FigurePane> panes = new HashMap<>();
  private final LongConsumer forkAt;
  private final List<HBox> choiceBars = new ArrayList<>();
  private FigurePane biasPane;
  private final Map<Tab, Supplier<String>> keys = new HashMap<>();
  private final RunsViewModel model;

  /**
   * @param fileName an exported chart's file name, from its title
   * @param saved says where a chart was exported to
   */
  RunChartTabs(
      RunsViewModel model,
      Function<String, String> fileName,
      Consumer<String> saved,
      LongConsumer forkAt) {
    this.forkAt = forkAt;
    setId("charts");
    this.model = model;
    RunCharts figures = model.figures();
    ChartChoices choices = model.choices();
    ChoiceBox<String> meansLayer =
        choice("means-layer", choices.meansLayers(), choices.meansLayer());
    meansLayer.setTooltip(
        new Tooltip("Which activation layer: median unit mean with the quartile band"));
    ChoiceBox<String> biasLayer = choice("bias-layer", choices.biasLayers(), choices.biasLayer());
    biasLayer.setTooltip(
        new Tooltip("The conv or dense layer whose incoming units cause the bias shift"));
    ChoiceBox<BiasQuantity> quantity =
        new ChoiceBox<>(FXCollections.observableArrayList(BiasQuantity.values()));
    quantity.valueProperty().bindBidirectional(choices.biasQuantity());
    ChoiceBox<String> histLayer = choice("hist-layer", choices.histLayers(), choices.histLayer());
    add("Loss", figures.loss, null, fileName, saved);
    add("Accuracy", figures.accuracy, null, fileName, saved);
    // a callout belongs to the chart and the layer it was dropped on
    CheckBox theory = new CheckBox("Theory");
    theory.setId("theory");
    theory.selectedProperty().bindBidirectional(choices.theory());
    theory.setTooltip(
        new Tooltip(
            "Each activation's expected mean for inputs ~ N(0, 1) (dashed, in its colour;"
                + " with batch norm a unit's input is close to that) and the zero mean"));
    add(
        "Unit means",
        figures.means,
        tools(new Label("Layer"), meansLayer, theory),
        fileName,
        saved);
    keyed(() -> "unit-means:" + choices.meansLayer().get());
    add("Mean heatmap", figures.heatmaps, null, fileName, saved);
    quantity.setId("bias-quantity");
    HBox biasTools = tools(new Label("Layer"), biasLayer, new Label("Quantity"), quantity);
    biasPane = add("Bias shift", figures.bias, biasTools, fileName, saved);
    keyed(() -> "bias-shift:" + choices.biasLayer().get() + ":" + choices.biasQuantity().get());
    Label explained = new Label();
    explained.setId("bias-explained");
    explained.setWrapText(true);
    explained.getStyleClass().add("explained");
    explained
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> quantity.getValue().explanation(), quantity.valueProperty()));
    ((BorderPane) biasPane.getParent()).setBottom(explained);
    add("Histogram", figures.histogram, tools(new Label("Layer"), histLayer), fileName, saved);
    keyed(() -> "histogram:" + choices.histLayer().get());
    add("Confusion", figures.confusions, null, fileName, saved);
    MapsModel maps = model.maps();
    Spinner<Integer> image = new Spinner<>(0, 59_999, 0);
    image.setId("map-image");
    image.setEditable(true);
    image.setPrefWidth(90);
    image.getValueFactory().valueProperty().addListener((o, a, b) -> maps.image().set(b));
    Label imageClass = new Label();
    imageClass.setId("map-class");
    imageClass.textProperty().bind(maps.imageClass());
    add(
        "Activation maps",
        maps.figure,
        tools(new Label("Test image"), image, imageClass),
        fileName,
        saved);
    maps.visible()
        .bind(
            Bindings.createBooleanBinding(
                () -> visible() == maps.figure, getSelectionModel().selectedItemProperty()));
    choices
        .panelsShown()
        .bind(
            Bindings.createBooleanBinding(
                () -> visible() == figures.heatmaps || visible() == figures.confusions,
                getSelectionModel().selectedItemProperty()));
    getSelectionModel().selectedItemProperty().addListener((o, a, b) -> redrawVisible());
    model.setOnRefreshed(this::redrawVisible);
    choices
        .biasLayer()
        .addListener(
            (o, a, b) ->
                biasPane.setFigure(
                    RunCharts.ALL_LAYERS.equals(b) ? figures.biasLayers : figures.bias));
  }

  private static ChoiceBox<String> choice(
      String id, ObservableList<String> items, ObjectProperty<String> chosen) {
    ChoiceBox<String> box = new ChoiceBox<>();
    box.setId(id);
    Bindings.bindContent(box.getItems(), items);
    box.valueProperty().bindBidirectional(chosen);
    return box;
  }

  private HBox tools(Node... nodes) {
    HBox box = new HBox(6, nodes);
    box.getStyleClass().add("chart-tools");
    choiceBars.add(box);
    return box;
  }

  /** The bars of layer and quantity choices above the charts (a lesson may hide or lock them). */
  List<HBox> choiceBars() {
    return choiceBars;
  }

  /** Shows the tab with this title ("Loss", "Unit means", "Bias shift", ...). */
  void show(String title) {
    getTabs().stream()
        .filter(t -> t.getText().equals(title))
        .findFirst()
        .ifPresent(t -> getSelectionModel().select(t));
  }

  private FigurePane add(
      String title,
      Figure figure,
      HBox tools,
      Function<String, String> fileName,
      Consumer<String> saved) {
    FigurePane pane = new FigurePane(figure);
    String id = title.toLowerCase(Locale.ROOT).replace(' ', '-');
    pane.setId("chart-" + id);
    pane.setOnCopied(() -> saved.accept("Copied " + title + " to the clipboard"));
    pane.setFileName(() -> fileName.apply(title));
    pane.setOnSaved(file -> saved.accept("Saved " + title + " to " + file));
    if (figure instanceof LineChart) {
      pane.setStepAction("Fork from here…", forkAt);
    }
    Tab tab = new Tab(title);
    tab.setClosable(false);
    if (tools != null) {
      BorderPane box = new BorderPane(pane);
      box.setTop(tools);
      tab.setContent(box);
    } else {
      tab.setContent(pane);
    }
    panes.put(tab, pane);
    keys.put(tab, () -> id);
    pane.setAnnotating(
        new FigurePane.Annotating() {
          @Override
          public void add(double x, double y) {
            String key = keys.get(tab).get();
            FigurePane.askCalloutText("A callout on " + title + ", kept with the run")
                .ifPresent(
                    t ->
                        model.annotate(
                            key,
                            x,
                            y,
                            t,
                            pane.figure() instanceof LineChart c ? c.nearestLine(x, y) : null));
          }

          @Override
          public void remove(Callout callout) {
            model.removeCallout(keys.get(tab).get(), callout);
          }
        });
    getTabs().add(tab);
    return pane;
  }

  /** The title of the chart tab shown (for a session file). */
  String shownTitle() {
    Tab tab = getSelectionModel().getSelectedItem();
    return tab == null ? "" : tab.getText();
  }

  /** The last added tab's callouts are kept under this key (its chart and its choices). */
  private void keyed(Supplier<String> key) {
    keys.put(getTabs().get(getTabs().size() - 1), key);
  }

  /** The figure of the chart tab shown. */
  private Figure visible() {
    FigurePane pane = panes.get(getSelectionModel().getSelectedItem());
    return pane == null ? null : pane.figure();
  }

  private void redrawVisible() {
    FigurePane pane = panes.get(getSelectionModel().getSelectedItem());
    if (pane != null) {
      pane.setCallouts(model.callouts(keys.get(getSelectionModel().getSelectedItem()).get()));
      pane.redraw();
    }
  }
}
