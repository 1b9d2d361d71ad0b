package org.actbench.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.actbench.experiment.lesson.LessonStep;

/**
 * A lesson's text under the charts: the lesson's title, "Step 2 of 5" and the step's heading, its
 * paragraph, and with the last step the summary and where to read more; Back, Next and Close.
 */
final class LessonPanel extends VBox {
  private final Label heading = new Label();
  private final Label text = new Label();
  private final Label summary = new Label();
  private final Hyperlink readMore = new Hyperlink();
  private final Button back = new Button("◀ Back");
  private final Button next = new Button("Next ▶");

  /**
   * @param onClose ends the lesson
   * @param openDoc opens a document the lesson links to
   */
  LessonPanel(LessonViewModel model, Runnable onClose, java.util.function.Consumer<Path> openDoc) {
    setId("lesson");
    getStyleClass().add("lesson");
    Label title = new Label(model.lesson().title());
    title.setId("lesson-title");
    title.getStyleClass().add("lesson-title");
    heading.setId("lesson-step");
    heading.getStyleClass().add("lesson-step");
    text.setId("lesson-text");
    text.setWrapText(true);
    summary.setId("lesson-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add("lesson-summary");
    readMore.setId("lesson-read-more");
    back.setId("lesson-back");
    next.setId("lesson-next");
    back.setTooltip(new Tooltip("The step before (Page Up)"));
    next.setTooltip(new Tooltip("The next step (Page Down)"));
    Button close = new Button("Close lesson");
    close.setId("lesson-close");
    back.setOnAction(e -> model.back());
    next.setOnAction(e -> model.next());
    close.setOnAction(e -> onClose.run());
    String doc = model.lesson().readMore();
    readMore.setText(doc.isEmpty() ? "" : "Read more: " + doc);
    readMore.setOnAction(
        e -> {
          Path file = Path.of(doc.replaceAll("#.*$", ""));
          if (Files.isRegularFile(file)) {
            openDoc.accept(file);
          } else {
            readMore.setTooltip(new Tooltip(doc + " is in ActBench's source, beside README.md"));
          }
        });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    for (Button b : List.of(back, next, close)) {
      b.setMinWidth(Region.USE_PREF_SIZE); // at 2.5x in a small window the title shortens instead
    }
    HBox buttons = new HBox(8, title, gap, back, next, close);
    buttons.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(buttons, heading, text, summary, readMore);
    setSpacing(4);
    model.index().addListener((o, a, b) -> show(model));
    show(model);
  }

  private void show(LessonViewModel model) {
    int i = Math.max(0, model.index().get());
    int n = model.lesson().steps().size();
    LessonStep step = model.step();
    heading.setText("Step " + (i + 1) + " of " + n + ": " + step.title());
    text.setText(step.text());
    boolean last = model.isLast();
    summary.setText(last ? "Summary: " + model.lesson().summary() : "");
    summary.setVisible(last);
    summary.setManaged(last);
    readMore.setVisible(last && !model.lesson().readMore().isEmpty());
    readMore.setManaged(readMore.isVisible());
    back.setDisable(i == 0);
    next.setDisable(last);
  }
}
