package org.actbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.actbench.data.DatasetLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * First start without CIFAR-10: the window opens and offers a dataset; the choice is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class AppTest {
  @TempDir static Path home;
  private Stage stage;

  static Settings settings() {
    return new Settings(home.resolve("config/actbench/settings.properties"));
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new App(new DatasetLocator(Map.of(), home), settings(), home.resolve("runs")).start(stage);
  }

  @Test
  void firstStartOffersTheDatasetAndRemembersTheSampleSet(FxRobot robot) throws Exception {
    assertThat(stage.getTitle()).isEqualTo("ActBench");
    assertThat(stage.isShowing()).isTrue();
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> robot.lookup("#sample").tryQuery().isPresent());
    assertThat(robot.lookup("#download").queryButton().getText())
        .isEqualTo("Download CIFAR-10 (about 163 MB)");
    assertThat(robot.lookup("#import").tryQuery()).isPresent();

    BorderPane root = (BorderPane) stage.getScene().getRoot();
    List<String> shown = new CopyOnWriteArrayList<>(); // what the window's centre showed, in order
    robot.interact(
        () ->
            root.centerProperty()
                .addListener(
                    (o, was, now) -> shown.add(now == null ? "" : String.valueOf(now.getId()))));
    robot.clickOn("#sample");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown.contains("main-tabs"));
    // never a blank box: a note with a spinner stands while the tabs are built
    assertThat(shown).containsSubsequence("opening", "main-tabs");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#dataset").queryAs(Label.class).getText())
        .isEqualTo("Dataset: the bundled sample set");
    assertThat(robot.lookup("#sample").tryQuery()).isEmpty();
    assertThat(settings().get(Settings.DATASET)).contains("sample");
  }
}
