package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Runs tab's charts show: the layer of the unit-mean, bias-shift and histogram charts, the
 * bias-shift quantity, and whether the heatmap or confusion tab is shown. The layers offered follow
 * the runs shown; a choice stays where it still can.
 */
public final class ChartChoices {
  private final ObservableList<String> meansLayers = FXCollections.observableArrayList();
  private final ObservableList<String> biasLayers = FXCollections.observableArrayList();
  private final ObservableList<String> histLayers = FXCollections.observableArrayList();
  private final ObjectProperty<String> meansLayer = new SimpleObjectProperty<>();
  private final ObjectProperty<String> biasLayer = new SimpleObjectProperty<>();
  private final ObjectProperty<String> histLayer = new SimpleObjectProperty<>();
  private final ObjectProperty<BiasQuantity> biasQuantity =
      new SimpleObjectProperty<>(BiasQuantity.RHO);
  private final BooleanProperty panelsShown = new SimpleBooleanProperty();
  private String wantedMeans; // a lesson's layer, chosen once the runs have it
  private String wantedBias;
  private final BooleanProperty theory = new SimpleBooleanProperty();

  /**
   * @param onChange runs when a choice changes
   */
  ChartChoices(Runnable onChange) {
    for (ObjectProperty<?> p : List.of(meansLayer, biasLayer, histLayer, biasQuantity)) {
      p.addListener((o, a, b) -> onChange.run());
    }
    panelsShown.addListener((o, a, b) -> onChange.run());
    theory.addListener((o, a, b) -> onChange.run());
  }

  /**
   * Whether the unit-means chart shows the theory: each activation's expected mean under N(0, 1)
   * and a labelled zero line.
   */
  public BooleanProperty theory() {
    return theory;
  }

  /** "network" and the activation layers. */
  public ObservableList<String> meansLayers() {
    return meansLayers;
  }

  /** The layers that receive an activation's units. */
  public ObservableList<String> biasLayers() {
    return biasLayers;
  }

  /** The activation layers. */
  public ObservableList<String> histLayers() {
    return histLayers;
  }

  public ObjectProperty<String> meansLayer() {
    return meansLayer;
  }

  public ObjectProperty<String> biasLayer() {
    return biasLayer;
  }

  public ObjectProperty<String> histLayer() {
    return histLayer;
  }

  /** The bias-shift quantity a lesson step names ({@code rho}, {@code one-minus-rho}, ...). */
  public void chooseBiasQuantity(String id) {
    biasQuantity.set(BiasQuantity.parse(id));
  }

  ObjectProperty<BiasQuantity> biasQuantity() {
    return biasQuantity;
  }

  /** Whether the heatmap or confusion tab is shown: their panels are built only then. */
  public BooleanProperty panelsShown() {
    return panelsShown;
  }

  /** Offers the layers the shown runs have. */
  void offer(List<LiveRun> shown) {
    List<String> layers = new ArrayList<>(List.of("network"));
    List<String> receivers = new ArrayList<>();
    for (LiveRun r : shown) {
      r.drift.keySet().stream().filter(k -> !layers.contains(k)).forEach(layers::add);
      r.biasShift.keySet().stream().filter(k -> !receivers.contains(k)).forEach(receivers::add);
    }
    wantedMeans = want(meansLayers, meansLayer, layers, wantedMeans);
    wantedBias = want(biasLayers, biasLayer, receivers, wantedBias);
    sync(meansLayers, meansLayer, layers);
    if (!receivers.isEmpty()) {
      receivers.add(RunCharts.ALL_LAYERS); // side by side, one panel per layer
    }
    sync(biasLayers, biasLayer, receivers);
    sync(histLayers, histLayer, layers.subList(1, layers.size()));
  }

  /**
   * Chooses the layers a lesson step names, now where the runs shown have them, else as soon as
   * they do (null: leave the choice as it is).
   */
  public void prefer(String means, String bias) {
    wantedMeans = means;
    wantedBias = bias;
    if (means != null && meansLayers.contains(means)) {
      meansLayer.set(means);
      wantedMeans = null;
    }
    if (bias != null && biasLayers.contains(bias)) {
      biasLayer.set(bias);
      wantedBias = null;
    }
  }

  /** Sets a wanted layer once it is offered; what is still wanted after. */
  private static String want(
      ObservableList<String> items, ObjectProperty<String> chosen, List<String> now, String w) {
    if (w != null && now.contains(w)) {
      items.setAll(now);
      chosen.set(w);
      return null;
    }
    return w;
  }

  /** New items for a choice; the choice stays where it still can, else the first. */
  private static void sync(
      ObservableList<String> items, ObjectProperty<String> chosen, List<String> now) {
    if (!items.equals(now)) {
      String keep = chosen.get();
      items.setAll(now);
      chosen.set(now.contains(keep) ? keep : now.isEmpty() ? null : now.get(0));
    }
  }

  /** The choices as the figures take them. */
  RunCharts.Choices now() {
    return new RunCharts.Choices(
        meansLayer.get(),
        biasLayer.get(),
        biasQuantity.get(),
        histLayer.get(),
        panelsShown.get(),
        theory.get());
  }
}
