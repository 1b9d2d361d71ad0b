package org.actbench.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The workbench window. */
public final class App extends Application {

  public static void main(String[] args) {
    Application.launch(App.class, args);
  }

  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane(new Label("ActBench"));
    stage.setTitle("ActBench");
    stage.setScene(new Scene(root, 1100, 720));
    stage.show();
  }
}
