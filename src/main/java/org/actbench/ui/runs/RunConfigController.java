package org.actbench.ui.runs;

import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.actbench.data.DatasetLocator;
import org.actbench.engine.activation.ActivationKind;

/** Binds the FXML form to a {@link RunConfigViewModel}; shows each field's error at the field. */
public final class RunConfigController {
  @FXML FlowPane activationBoxes;
  @FXML TextField alpha;
  @FXML TextField slope;
  @FXML TextField depths;
  @FXML TextField width;
  @FXML CheckBox batchNorm;
  @FXML TextField dropout;
  @FXML ChoiceBox<String> init;
  @FXML ChoiceBox<String> optimizer;
  @FXML TextField lr;
  @FXML TextField momentum;
  @FXML ChoiceBox<String> correction;
  @FXML TextField measureBudget;
  @FXML ChoiceBox<String> schedule;
  @FXML TextField batch;
  @FXML TextField steps;
  @FXML TextField epochs;
  @FXML ChoiceBox<String> data;
  @FXML TextField perClass;
  @FXML ChoiceBox<String> preprocessing;
  @FXML ChoiceBox<String> kernels;
  @FXML CheckBox augment;
  @FXML TextField seeds;
  @FXML TextField parallel;
  @FXML TextField probeEvery;
  @FXML Button queue;
  @FXML Label message;

  private RunConfigViewModel model;

  /** Wires the form to the model; {@code onQueue} gets the specs of a valid form. */
  public void bind(
      RunConfigViewModel model, List<String> dataChoices, Consumer<RunConfigViewModel> onQueue) {
    this.model = model;
    for (ActivationKind kind : ActivationKind.values()) {
      String id = kind.id();
      CheckBox box = new CheckBox(id);
      box.setId("act-" + id);
      box.setSelected(model.activations().contains(id));
      box.setTooltip(new Tooltip(kind.help()));
      box.selectedProperty()
          .addListener(
              (o, was, is) -> {
                if (is && !model.activations().contains(id)) {
                  model.activations().add(id);
                } else if (!is) {
                  model.activations().remove(id);
                }
              });
      activationBoxes.getChildren().add(box);
    }
    text(
        alpha,
        model.alphaProperty(),
        "ELU's α: the value −α it saturates at (default 1, as in the paper)");
    text(slope, model.slopeProperty(), "Leaky ReLU's slope for x < 0 (the paper uses 0.1)");
    text(
        depths,
        model.depthsProperty(),
        "Conv layers of the plain CNN, 1..20; several separated by commas queue one run each");
    text(
        width,
        model.widthProperty(),
        "Channels of the first stage; the next stages have 2x and 4x");
    batchNorm.selectedProperty().bindBidirectional(model.batchNormProperty());
    batchNorm.setTooltip(new Tooltip("Batch normalisation before every activation"));
    text(
        dropout,
        model.dropoutProperty(),
        "Dropout after each pooling layer (alpha-dropout for SELU), 0 for none");
    choice(
        init,
        model.initProperty(),
        List.of("auto", "he", "glorot", "lecun"),
        "auto: He (normal), LeCun for SELU. The same seed gives every activation the same initial weights");
    choice(
        optimizer,
        model.optimizerProperty(),
        List.of("sgd", "nesterov", "adam"),
        "SGD (with momentum), Nesterov, or Adam");
    text(lr, model.lrProperty(), "Learning rate, > 0 (the paper: 0.01)");
    text(
        momentum,
        model.momentumProperty(),
        "SGD momentum in [0, 1); He-initialised plain nets diverge at lr 0.01 with 0.9");
    choice(
        schedule,
        model.scheduleProperty(),
        List.of("constant", "paper-steps", "cosine"),
        "constant; the paper's step schedule scaled to the run; or cosine");
    text(batch, model.batchProperty(), "Images per step");
    text(steps, model.stepsProperty(), "Training steps (minibatches) per run");
    text(
        epochs,
        model.epochsProperty(),
        "Epochs instead of steps (e.g. 2.5); blank to use Steps. One epoch is every"
            + " training image once: 5,000 sample images, 50,000 CIFAR-10, or 10 x images per class");
    choice(
        data,
        model.dataProperty(),
        dataChoices,
        "The CIFAR-10 chosen at start, or the bundled"
            + " sample set (generated shapes, not CIFAR-10)");
    data.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String value) {
            return value == null ? "" : dataName(value);
          }

          @Override
          public String fromString(String name) {
            return dataChoices.stream()
                .filter(c -> dataName(c).equals(name))
                .findFirst()
                .orElse(name);
          }
        });
    text(
        perClass,
        model.perClassProperty(),
        "Training images per class, 0 for all (a stratified subset, fixed by the seed)");
    choice(
        preprocessing,
        model.preprocessingProperty(),
        List.of("standardize", "scale", "gcn-zca"),
        "Per-channel standardisation, scaling to [0, 1], or the paper's GCN + ZCA whitening");
    augment.selectedProperty().bindBidirectional(model.augmentProperty());
    choice(
        kernels,
        model.kernelsProperty(),
        List.of("onednn", "nd4j"),
        "onednn: oneDNN's primitives, activations fused into convolutions, about twice as fast;"
            + " nd4j: ND4J's ops, the reference. Without oneDNN's natives runs fall back to nd4j"
            + " (the status line says what ran)");
    augment.setTooltip(
        new Tooltip("4-pixel padding, random 32x32 crops and horizontal flips, as in the paper"));
    text(
        seeds,
        model.seedsProperty(),
        "Seeds, e.g. 1, 2, 3: each seed is one run per activation and depth, paired");
    text(
        parallel,
        model.parallelProperty(),
        "How many runs train at once; ND4J's threads are divided among them");
    choice(
        correction,
        model.correctionProperty(),
        List.of("off", "shared", "unit"),
        "Take the bias-shift term of the unit natural gradient out of every update (ReLU's"
            + " counterfactual): shared, one mean per layer (cheap); unit, each unit's own; off, plain");
    text(
        measureBudget,
        model.measureBudgetProperty(),
        "Percent of training time the measurements may take: the run times them and widens the"
            + " logging and probe intervals to stay within it (never denser than the probe interval"
            + " given, and nothing it has not put aside the cost of: a short run may measure"
            + " nothing); the queue table shows what they cost. Blank: measure at exactly the"
            + " intervals given, whatever that costs (train --fixed-intervals)");
    text(
        probeEvery,
        model.probeEveryProperty(),
        "Bias-shift probe every so many steps (0: never), as train --probe-every. A probe costs"
            + " many training steps of a small net (docs/performance.md): a short interval draws a"
            + " curve but slows the run; 200 keeps it near 5 % of training on the reference net");
    model.errors().addListener((MapChangeListener<String, String>) c -> showErrors());
    queue.setOnAction(
        e -> {
          if (model.validate()) {
            onQueue.accept(model);
          }
        });
  }

  /**
   * The data as the window names it: the sample set, or CIFAR-10 (where it is read from shows in
   * the status bar; no path here: a screenshot shows no one's home folder).
   */
  static String dataName(String data) {
    if (data.equals(DatasetLocator.SAMPLE)) {
      return "sample set (shapes)";
    }
    if (data.equals("default")) {
      return "CIFAR-10";
    }
    return "CIFAR-10";
  }

  private void text(TextField field, javafx.beans.property.StringProperty property, String help) {
    field.textProperty().bindBidirectional(property);
    field.setTooltip(new Tooltip(help));
  }

  private void choice(
      ChoiceBox<String> box,
      javafx.beans.property.ObjectProperty<String> property,
      List<String> items,
      String help) {
    box.setItems(FXCollections.observableArrayList(items));
    box.valueProperty().bindBidirectional(property);
    box.setTooltip(new Tooltip(help));
  }

  private void showErrors() {
    for (Node n :
        List.of(
            alpha,
            slope,
            depths,
            width,
            dropout,
            lr,
            momentum,
            batch,
            steps,
            epochs,
            perClass,
            seeds,
            parallel,
            measureBudget,
            probeEvery)) {
      String error = model.errors().get(n.getId());
      n.getStyleClass().remove("invalid");
      ((Control) n).setTooltip(error == null ? ((Control) n).getTooltip() : new Tooltip(error));
      if (error != null) {
        n.getStyleClass().add("invalid");
      }
    }
    message.setText(String.join("\n", model.errors().values()));
  }
}
