package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.actbench.experiment.RunTime;
import org.actbench.experiment.TrainSpec;

/**
 * Asks before a paper preset queues minutes of training: what will run, how long it will take (a
 * step of each kind of run is measured while the dialog is open) and how it differs from the paper.
 * Every text wraps whole; nothing is cut short.
 */
final class PresetDialog extends Dialog<ButtonType> {
  private final Label duration = wrapped("Measuring how long a step takes here…");

  /**
   * @param measure times one kind of run (off the FX thread)
   * @param testImages the test images of the data the runs use (off the FX thread)
   */
  PresetDialog(
      PresetPlan plan, Window owner, Function<TrainSpec, RunTime> measure, IntSupplier testImages) {
    initOwner(owner);
    setTitle("Paper preset: " + plan.preset().title());
    setHeaderText(plan.preset().title());
    setResizable(true);
    Label summary = wrapped(plan.summary());
    summary.setId("preset-summary");
    duration.setId("preset-duration");
    TextArea runs = new TextArea(plan.runs());
    runs.setEditable(false);
    runs.setPrefRowCount(Math.min(8, plan.specs().size()));
    runs.setId("preset-runs");
    Label differsTitle = new Label("How this differs from the paper");
    differsTitle.setStyle("-fx-font-weight: bold;");
    Label differs = wrapped(plan.differences());
    differs.setId("preset-differences");
    VBox content = new VBox(8, summary, runs, duration, differsTitle, differs);
    content.setPrefWidth(640);
    getDialogPane().setContent(content);
    ButtonType queue =
        new ButtonType("Queue " + plan.specs().size() + " runs", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(queue, ButtonType.CANCEL);
    getDialogPane().lookupButton(queue).setId("preset-queue");
    getDialogPane().lookupButton(ButtonType.CANCEL).setId("preset-cancel");
    Thread timer = new Thread(() -> measure(plan, measure, testImages), "actbench-preset-timer");
    timer.setDaemon(true);
    timer.start();
  }

  private void measure(
      PresetPlan plan, Function<TrainSpec, RunTime> measure, IntSupplier testImages) {
    List<TrainSpec> kinds = plan.kinds();
    List<RunTime> times = new ArrayList<>();
    try {
      for (int i = 0; i < kinds.size(); i++) {
        String progress =
            "Measuring how long a step takes here (" + (i + 1) + " of " + kinds.size() + ")…";
        Platform.runLater(() -> duration.setText(progress));
        times.add(measure.apply(kinds.get(i)));
      }
      String text = plan.duration(times, testImages.getAsInt());
      Platform.runLater(() -> duration.setText(text));
    } catch (RuntimeException e) {
      String text = "How long it takes could not be measured: " + e.getMessage();
      Platform.runLater(() -> duration.setText(text));
    }
  }

  /** A label that wraps at the dialog's width and is never cut short with "…". */
  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMaxWidth(640);
    return l;
  }
}
