package org.actbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class AppTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new App().start(stage);
  }

  @Test
  void mainWindowOpensTitledActBench(FxRobot robot) {
    assertThat(stage.getTitle()).isEqualTo("ActBench");
    assertThat(stage.isShowing()).isTrue();
    assertThat(robot.listWindows()).contains(stage);
  }
}
