package org.actbench.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The guard catches what it is for: each rule broken on purpose, and kept. */
@ExtendWith(ApplicationExtension.class)
class FxThreadGuardTest {
  @TempDir Path folder;
  private Label label;
  private TableView<String> table;
  private VBox root;
  private FxThreadGuard guard;

  @Start
  void start(Stage stage) {
    label = new Label("before");
    table = new TableView<>();
    root = new VBox(label, table);
    stage.setScene(new Scene(root, 200, 100));
    stage.show();
  }

  @AfterEach
  void close() {
    guard.close();
  }

  private void guard(FxRobot robot) {
    guard = FxThreadGuard.watching((Stage) root.getScene().getWindow(), folder);
  }

  /**
   * Runs {@code change} on another thread that swallows whatever it throws, as an executor's task
   * does: where JavaFX checks the thread itself, its exception is lost there, and only the guard
   * can tell.
   */
  private static void offFxThread(Runnable change) throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              try {
                change.run();
              } catch (RuntimeException lost) {
                // lost, as in an ExecutorService's Future nobody reads
              }
            },
            "not-fx");
    t.setUncaughtExceptionHandler((thread, e) -> {}); // JavaFX reports listeners' failures here
    t.start();
    t.join();
  }

  @Test
  void aTextSetOffTheFxThreadFailsTheTest(FxRobot robot) throws Exception {
    guard(robot);
    offFxThread(() -> label.setText("from a training thread"));
    assertThatThrownBy(guard::assertClean)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Label text changed on thread 'not-fx'")
        .hasMessageContaining("FxThreadGuardTest");
  }

  @Test
  void rowsAddedOffTheFxThreadFailTheTest(FxRobot robot) throws Exception {
    guard(robot);
    offFxThread(() -> table.getItems().add("a run read by the store reader"));
    assertThat(guard.caughtUp())
        .anyMatch(v -> v.startsWith("TableView rows changed on thread 'not-fx'"));
  }

  @Test
  void aFileReadOnTheFxThreadFailsTheTest(FxRobot robot) throws IOException {
    Path file = Files.writeString(folder.resolve("metrics.csv"), "step,train_loss\n1,2.3\n");
    guard(robot);
    robot.interact(
        () -> {
          try {
            label.setText(Files.readString(file));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThatThrownBy(guard::assertClean)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FileRead of " + file.toAbsolutePath() + " on the FX thread");
  }

  @Test
  void aFileWrittenOnTheFxThreadFailsTheTest(FxRobot robot) {
    guard(robot);
    Path file = folder.resolve("status.json");
    robot.interact(
        () -> {
          try {
            Files.writeString(file, "{}");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(guard.caughtUp()).anyMatch(v -> v.startsWith("FileWrite of " + file));
  }

  @Test
  void readingOffTheFxThreadAndShowingOnItPasses(FxRobot robot) throws Exception {
    Path file = Files.writeString(folder.resolve("metrics.csv"), "step,train_loss\n");
    guard(robot);
    Thread reader =
        new Thread(
            () -> {
              try {
                String text = Files.readString(file);
                Platform.runLater(() -> label.setText(text));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    reader.start();
    reader.join();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(label.getText()).startsWith("step");
    guard.assertClean();
  }
}
