package org.actbench.ui.runs;

import static org.actbench.ui.runs.WorkbenchTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.actbench.experiment.Annotations;
import org.actbench.export.ChartCallouts;
import org.actbench.testing.Cli;
import org.actbench.testing.FxClicks;
import org.actbench.ui.chart.FigurePane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The explorer's callouts: kept in the store's folder (the explorer shows no run), drawn in the
 * pane's export and in {@code export --chart explorer}'s, and shown again by a new explorer.
 */
@ExtendWith(ApplicationExtension.class)
class ExplorerCalloutsTest {
  @TempDir static Path store;
  @TempDir static Path out;
  private final ExecutorService io = Executors.newSingleThreadExecutor();
  private ExplorerView view;

  @Start
  void start(Stage stage) {
    view = new ExplorerView((id, layer) -> null);
    view.keepCalloutsIn(store, io);
    stage.setScene(new Scene(view, 1000, 700));
    stage.show();
  }

  @AfterEach
  void stop() {
    io.shutdownNow();
  }

  @Test
  void aCalloutOnTheExplorerIsKeptWithTheStoreAndExported(FxRobot robot) throws Exception {
    FigurePane pane = view.pane();
    FxClicks.rightClickMiddle(robot, pane.getChildrenUnmodifiable().get(0));
    robot.clickOn("Add callout here…");
    waitUntil("the callout's dialog", () -> robot.lookup("#callout-text").tryQuery().isPresent());
    robot.interact(
        () -> robot.lookup("#callout-text").queryAs(TextField.class).setText("ELU saturates"));
    robot.clickOn("OK");
    waitUntil("the callout", () -> pane.callouts().size() == 1);
    assertThat(Annotations.read(store).notes())
        .singleElement()
        .satisfies(n -> assertThat(n.chart()).isEqualTo(ChartCallouts.EXPLORER))
        .satisfies(n -> assertThat(n.text()).isEqualTo("ELU saturates"));

    Path svg = out.resolve("explorer.svg");
    pane.exportTo(svg.toFile());
    assertThat(Files.readString(svg)).contains("ELU saturates");
    Path cli = out.resolve("explorer-cli.svg");
    Cli.Result r =
        Cli.run(
            out,
            "export",
            "--store",
            store.toString(),
            "--chart",
            "explorer",
            "--out",
            cli.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(cli)).contains("ELU saturates");

    ExplorerView again = new ExplorerView((id, layer) -> null);
    robot.interact(() -> again.keepCalloutsIn(store, io));
    waitUntil("the callout read again", () -> again.pane().callouts().size() == 1);

    FxClicks.rightClickMiddle(robot, pane.getChildrenUnmodifiable().get(0));
    robot.clickOn("Remove this callout");
    waitUntil("the callout gone", () -> pane.callouts().isEmpty());
    assertThat(Annotations.read(store).notes()).isEmpty();
  }
}
