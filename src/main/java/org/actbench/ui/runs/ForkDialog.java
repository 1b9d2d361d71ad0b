package org.actbench.ui.runs;

import java.util.Arrays;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.InvalidField;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.experiment.OptimizerKind;
import org.actbench.experiment.ScheduleKind;
import org.actbench.experiment.TrainSpec;

/**
 * "Fork from here…": which run, and what the fork changes (activation, learning rate, optimiser,
 * momentum, schedule, steps). What the weights cannot carry (batch norm, depth, width) is not
 * offered; the dialog says so. Its result is the fork's spec, or nothing when cancelled; a value
 * that is not a number is the spec's checks' to refuse, in the message line.
 */
final class ForkDialog extends Dialog<ForkDialog.Choice> {
  /** The run to fork and the fork's spec, or why the fields make no spec. */
  record Choice(LiveRun parent, TrainSpec child, String error) {}

  private final ChoiceBox<LiveRun> parent = new ChoiceBox<>();
  private final ChoiceBox<String> activation =
      new ChoiceBox<>(
          FXCollections.observableArrayList(
              Arrays.stream(ActivationKind.values()).map(ActivationKind::id).toList()));
  private final TextField lr = new TextField();
  private final ChoiceBox<OptimizerKind> optimizer =
      new ChoiceBox<>(FXCollections.observableArrayList(OptimizerKind.values()));
  private final TextField momentum = new TextField();
  private final ChoiceBox<ScheduleKind> schedule =
      new ChoiceBox<>(FXCollections.observableArrayList(ScheduleKind.values()));
  private final TextField steps = new TextField();

  ForkDialog(List<LiveRun> candidates, long step, Window owner) {
    initOwner(owner);
    setTitle("Fork from step " + step);
    setHeaderText(
        "A new run from the state after step "
            + step
            + ", on the same batches.\nDepth, width and batch norm stay the parent's: its"
            + " weights need them.\nLive changes the parent made up to the step are kept, unless"
            + " you change that setting here.");
    parent.setId("fork-parent");
    parent.getItems().setAll(candidates);
    parent.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(LiveRun r) {
            return r == null ? "" : r.label();
          }

          @Override
          public LiveRun fromString(String s) {
            return null;
          }
        });
    parent.valueProperty().addListener((o, a, b) -> fill(b));
    activation.setId("fork-activation");
    lr.setId("fork-lr");
    momentum.setId("fork-momentum");
    steps.setId("fork-steps");
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    int row = 0;
    grid.addRow(row++, new Label("Run"), parent);
    grid.addRow(row++, new Label("Activation"), activation);
    grid.addRow(row++, new Label("Learning rate"), lr);
    grid.addRow(row++, new Label("Optimiser"), optimizer);
    grid.addRow(row++, new Label("Momentum"), momentum);
    grid.addRow(row++, new Label("Schedule"), schedule);
    grid.addRow(row, new Label("Steps"), steps);
    getDialogPane().setContent(grid);
    ButtonType fork = new ButtonType("Fork", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(fork, ButtonType.CANCEL);
    parent.setValue(candidates.get(0));
    setResultConverter(b -> b == fork ? choice() : null);
  }

  private void fill(LiveRun run) {
    if (run == null) {
      return;
    }
    TrainSpec s = run.spec();
    activation.setValue(s.activation().id());
    lr.setText(Double.toString(s.lr()));
    optimizer.setValue(s.optimizer());
    momentum.setText(Double.toString(s.momentum()));
    schedule.setValue(s.schedule());
    steps.setText(Integer.toString(s.steps()));
  }

  private Choice choice() {
    try {
      return new Choice(parent.getValue(), child(), null);
    } catch (InvalidField e) {
      return new Choice(parent.getValue(), null, e.getMessage());
    }
  }

  /** The parent's spec with what the fields say (NaN for a field that is not a number). */
  private TrainSpec child() {
    TrainSpec s = parent.getValue().spec();
    ActivationSpec act =
        activation.getValue().equals(s.activation().id())
            ? s.activation()
            : ActivationSpec.of(activation.getValue());
    return s.toBuilder()
        .activation(act)
        .lr(number(lr))
        .optimizer(optimizer.getValue())
        .momentum(number(momentum))
        .schedule(schedule.getValue())
        .steps((int) Math.min(Integer.MAX_VALUE, Math.max(-1, Math.round(number(steps)))))
        .build();
  }

  private static double number(TextField field) {
    try {
      return Double.parseDouble(field.getText().strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
