package org.actbench.ui.runs;

import static org.actbench.ui.runs.FormFields.intList;
import static org.actbench.ui.runs.FormFields.integer;
import static org.actbench.ui.runs.FormFields.number;
import static org.actbench.ui.runs.FormFields.parseInts;
import static org.actbench.ui.runs.FormFields.positiveDouble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.experiment.CorrectionKind;
import org.actbench.experiment.InitChoice;
import org.actbench.experiment.OptimizerKind;
import org.actbench.experiment.PreprocessingKind;
import org.actbench.experiment.ScheduleKind;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;

/**
 * The run configuration form's state, as JavaFX properties holding what the user typed. {@link
 * #validate} checks every field and names what is wrong; {@link #specs} expands a valid form into
 * one run per activation × depth × seed. Nothing is queued from a form with errors.
 */
public final class RunConfigViewModel {
  /** Every activation the engine has, in the catalogue's order, which the form shows. */
  public static final List<String> ACTIVATIONS =
      Arrays.stream(ActivationKind.values()).map(ActivationKind::id).toList();

  private final ObservableList<String> activations =
      FXCollections.observableArrayList("elu", "relu");
  private final StringProperty alpha = new SimpleStringProperty("1.0");
  private final StringProperty slope = new SimpleStringProperty("0.1");
  private final StringProperty depths = new SimpleStringProperty("6");
  private final StringProperty width = new SimpleStringProperty("16");
  private final BooleanProperty batchNorm = new SimpleBooleanProperty(false);
  private final StringProperty dropout = new SimpleStringProperty("0");
  private final ObjectProperty<String> init = new SimpleObjectProperty<>("auto");
  private final ObjectProperty<String> optimizer = new SimpleObjectProperty<>("sgd");
  private final StringProperty lr = new SimpleStringProperty("0.01");
  private final StringProperty momentum = new SimpleStringProperty("0");
  private final ObjectProperty<String> schedule = new SimpleObjectProperty<>("constant");
  private final StringProperty batch = new SimpleStringProperty("64");
  private final StringProperty steps = new SimpleStringProperty("300");
  private final StringProperty epochs = new SimpleStringProperty("");
  private final ObjectProperty<String> data = new SimpleObjectProperty<>("sample");
  private final StringProperty perClass = new SimpleStringProperty("0");
  private final ObjectProperty<String> preprocessing = new SimpleObjectProperty<>("standardize");
  private final BooleanProperty augment = new SimpleBooleanProperty(false);
  private final StringProperty seeds = new SimpleStringProperty("1");
  private final StringProperty parallel = new SimpleStringProperty("2");
  private final StringProperty probeEvery =
      new SimpleStringProperty(Integer.toString(ProbeSettings.defaults().every()));
  private final ObjectProperty<String> kernels =
      new SimpleObjectProperty<>(Kernels.preferred().id());
  private final ObjectProperty<String> correction = new SimpleObjectProperty<>("off");
  private final StringProperty measureBudget =
      new SimpleStringProperty(Integer.toString((int) MetricsSettings.DEFAULT_BUDGET));
  private final ObservableMap<String, String> errors = FXCollections.observableHashMap();

  public ObservableList<String> activations() {
    return activations;
  }

  /** The form's fields by name, for a session file (activations apart). */
  private Map<String, Property<?>> fields() {
    Map<String, Property<?>> f = new LinkedHashMap<>();
    f.put("alpha", alpha);
    f.put("slope", slope);
    f.put("depths", depths);
    f.put("width", width);
    f.put("batchNorm", batchNorm);
    f.put("dropout", dropout);
    f.put("init", init);
    f.put("optimizer", optimizer);
    f.put("lr", lr);
    f.put("momentum", momentum);
    f.put("schedule", schedule);
    f.put("batch", batch);
    f.put("steps", steps);
    f.put("epochs", epochs);
    f.put("data", data);
    f.put("perClass", perClass);
    f.put("preprocessing", preprocessing);
    f.put("augment", augment);
    f.put("seeds", seeds);
    f.put("parallel", parallel);
    f.put("kernels", kernels);
    f.put("probeEvery", probeEvery);
    f.put("correction", correction);
    f.put("measureBudget", measureBudget);
    return f;
  }

  /**
   * Checks what {@link #setTexts} would set (any thread: it reads no field).
   *
   * @throws IllegalArgumentException naming the field
   */
  public void checkTexts(Map<String, String> texts) {
    Map<String, Property<?>> f = fields();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String v = e.getValue();
      if (v == null) {
        throw new IllegalArgumentException("form field " + e.getKey() + " must be text");
      }
      if (e.getKey().equals("activations")) {
        for (String id : v.isBlank() ? new String[0] : v.split(",")) {
          if (!ACTIVATIONS.contains(id.strip())) {
            throw new IllegalArgumentException(
                "form field activations: no activation '" + id + "'");
          }
        }
      } else if (!f.containsKey(e.getKey())) {
        throw new IllegalArgumentException("the form has no field '" + e.getKey() + "'");
      } else if (v == null
          || (f.get(e.getKey()) instanceof BooleanProperty && !v.matches("true|false"))) {
        throw new IllegalArgumentException(
            "form field " + e.getKey() + " must be " + (v == null ? "text" : "true or false"));
      }
    }
  }

  /** What every field says, by name; {@code activations} as ids joined by commas. */
  public Map<String, String> texts() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("activations", String.join(",", activations));
    fields().forEach((name, p) -> out.put(name, p.getValue() == null ? "" : "" + p.getValue()));
    return out;
  }

  /**
   * Sets the fields {@code texts} names (the others stay as they are). Every name and value is
   * checked before any field changes: an unknown field, an activation the engine lacks or a yes/no
   * field that says neither changes nothing. What the fields then say is {@link #validate}'s to
   * judge, as if typed.
   *
   * @throws IllegalArgumentException naming the field
   */
  public void setTexts(Map<String, String> texts) {
    checkTexts(texts);
    Map<String, Property<?>> f = fields();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String v = e.getValue();
      if (e.getKey().equals("activations")) {
        activations.setAll(
            v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).toList());
      } else if (f.get(e.getKey()) instanceof BooleanProperty b) {
        b.set(Boolean.parseBoolean(v));
      } else {
        @SuppressWarnings("unchecked")
        Property<String> text = (Property<String>) f.get(e.getKey());
        text.setValue(v);
      }
    }
  }

  public StringProperty alphaProperty() {
    return alpha;
  }

  public StringProperty slopeProperty() {
    return slope;
  }

  public StringProperty depthsProperty() {
    return depths;
  }

  public StringProperty widthProperty() {
    return width;
  }

  public BooleanProperty batchNormProperty() {
    return batchNorm;
  }

  public StringProperty dropoutProperty() {
    return dropout;
  }

  public ObjectProperty<String> initProperty() {
    return init;
  }

  public ObjectProperty<String> optimizerProperty() {
    return optimizer;
  }

  public StringProperty lrProperty() {
    return lr;
  }

  public StringProperty momentumProperty() {
    return momentum;
  }

  public ObjectProperty<String> scheduleProperty() {
    return schedule;
  }

  public StringProperty batchProperty() {
    return batch;
  }

  public StringProperty stepsProperty() {
    return steps;
  }

  /** Epochs instead of steps when not blank. */
  public StringProperty epochsProperty() {
    return epochs;
  }

  /** {@code sample}, {@code default} (the CIFAR-10 found at start) or a path. */
  public ObjectProperty<String> dataProperty() {
    return data;
  }

  public StringProperty perClassProperty() {
    return perClass;
  }

  public ObjectProperty<String> preprocessingProperty() {
    return preprocessing;
  }

  public BooleanProperty augmentProperty() {
    return augment;
  }

  public StringProperty seedsProperty() {
    return seeds;
  }

  public StringProperty parallelProperty() {
    return parallel;
  }

  /** The bias-shift probe's interval in steps, 0 for never ({@code train --probe-every}). */
  public StringProperty probeEveryProperty() {
    return probeEvery;
  }

  /** {@code onednn} or {@code nd4j}: what runs the layers (see {@link Kernels}). */
  public ObjectProperty<String> kernelsProperty() {
    return kernels;
  }

  /** {@code off}, {@code shared} or {@code unit}: the bias-shift correction of every update. */
  public ObjectProperty<String> correctionProperty() {
    return correction;
  }

  /** Percent of training time the measurements may take (their intervals widen to fit). */
  public StringProperty measureBudgetProperty() {
    return measureBudget;
  }

  /**
   * Field id → what is wrong with it; empty when the form is valid. Updated by {@link #validate}.
   */
  public ObservableMap<String, String> errors() {
    return errors;
  }

  /** Checks every field; true if the form can be queued. */
  public boolean validate() {
    Map<String, String> found = new LinkedHashMap<>();
    if (activations.isEmpty()) {
      found.put("activations", "choose at least one activation");
    }
    positiveDouble(found, "alpha", alpha.get(), "ELU's α");
    number(found, "slope", slope.get(), "leaky ReLU's slope", 0, 1, false);
    intList(found, "depths", depths.get(), "depths", 1, 20);
    integer(found, "width", width.get(), "base width", 1, 1024);
    number(found, "dropout", dropout.get(), "dropout", 0, 1, true);
    positiveDouble(found, "lr", lr.get(), "learning rate");
    number(found, "momentum", momentum.get(), "momentum", 0, 1, true);
    integer(found, "batch", batch.get(), "batch size", 1, 4096);
    integer(found, "steps", steps.get(), "steps", 1, 10_000_000);
    integer(found, "perClass", perClass.get(), "images per class", 0, 5000);
    if (epochs.get() != null && !epochs.get().isBlank()) {
      positiveDouble(found, "epochs", epochs.get(), "epochs");
    }
    intList(found, "seeds", seeds.get(), "seeds", 0, Integer.MAX_VALUE);
    integer(found, "parallel", parallel.get(), "runs at once", 1, 64);
    String budgetText = measureBudget.get();
    if (budgetText != null && !budgetText.isBlank()) { // blank: the intervals as given
      positiveDouble(found, "measureBudget", measureBudget.get(), "measurement budget (%)");
      if (!found.containsKey("measureBudget")
          && Double.parseDouble(measureBudget.get().trim()) > 100) {
        found.put(
            "measureBudget",
            "measurement budget must be at most 100 %, got " + measureBudget.get().trim());
      }
    }
    integer(found, "probeEvery", probeEvery.get(), "probe interval", 0, TrainSpec.MAX_STEPS);
    if (!found.containsKey("lr") && Double.parseDouble(lr.get().trim()) > 10) {
      found.put("lr", "learning rate must be at most 10, got " + lr.get().trim());
    }
    errors.clear();
    errors.putAll(found);
    return found.isEmpty();
  }

  /** One spec per activation × depth × seed; call after {@link #validate} returned true. */
  public List<TrainSpec> specs() {
    if (!validate()) {
      throw new IllegalStateException("the form has errors: " + errors);
    }
    List<TrainSpec> out = new ArrayList<>();
    int stepCount = stepCount();
    for (long seed : parseInts(seeds.get())) {
      for (String act : ACTIVATIONS.stream().filter(activations::contains).toList()) { // form order
        for (long depth : parseInts(depths.get())) {
          ActivationSpec spec =
              new ActivationSpec(
                  act,
                  Double.parseDouble(alpha.get().trim()), // kept only where the activation has it
                  Double.parseDouble(slope.get().trim()));
          out.add(
              TrainSpec.builder()
                  .activation(spec)
                  .depth((int) depth)
                  .width(Integer.parseInt(width.get().trim()))
                  .batchNorm(batchNorm.get())
                  .dropout(Double.parseDouble(dropout.get().trim()))
                  .init(InitChoice.parse(init.get()))
                  .optimizer(OptimizerKind.parse(optimizer.get()))
                  .lr(Double.parseDouble(lr.get().trim()))
                  .momentum(Double.parseDouble(momentum.get().trim()))
                  .schedule(ScheduleKind.parse(schedule.get()))
                  .batch(Integer.parseInt(batch.get().trim()))
                  .steps(stepCount)
                  .evalEvery(Math.max(1, stepCount / 10))
                  .seed(seed)
                  .data(data.get())
                  .perClass(Integer.parseInt(perClass.get().trim()))
                  .preprocessing(PreprocessingKind.parse(preprocessing.get()))
                  .augment(augment.get())
                  .metrics(metrics().withBudget(budget()))
                  .kernels(Kernels.parse(kernels.get()))
                  .correctBiasShift(CorrectionKind.parse(correction.get()))
                  .build());
        }
      }
    }
    return out;
  }

  /** The default measurements, with the form's probe interval. */
  private MetricsSettings metrics() {
    MetricsSettings d = MetricsSettings.defaults();
    ProbeSettings p = d.probe();
    return new MetricsSettings(
        d.logEvery(),
        d.histogramEvery(),
        d.bins(),
        p.withEvery(Integer.parseInt(probeEvery.get().trim())));
  }

  /**
   * Steps per run: the Steps field, or Epochs × the batches in one epoch (the training images,
   * 5,000 for the sample set, 50,000 for CIFAR-10, 10 × per-class for a subset, over the batch
   * size; an epoch drops its last partial batch).
   */
  int stepCount() {
    if (epochs.get() == null || epochs.get().isBlank()) {
      return Integer.parseInt(steps.get().trim());
    }
    int classSubset = Integer.parseInt(perClass.get().trim());
    int images = classSubset > 0 ? 10 * classSubset : "sample".equals(data.get()) ? 5_000 : 50_000;
    int perEpoch = Math.max(1, images / Integer.parseInt(batch.get().trim()));
    return Math.max(1, (int) Math.ceil(Double.parseDouble(epochs.get().trim()) * perEpoch));
  }

  /** The measurement budget in percent; null for none (a blank field: the intervals as given). */
  private Double budget() {
    String text = measureBudget.get();
    return text == null || text.isBlank() ? null : Double.valueOf(text.trim());
  }

  public int parallelism() {
    return Integer.parseInt(parallel.get().trim());
  }
}
