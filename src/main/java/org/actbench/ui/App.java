package org.actbench.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.DataSource;
import org.actbench.data.DatasetLocator;
import org.actbench.ui.setup.DatasetSetupDialog;
import org.actbench.ui.setup.DatasetSetupViewModel;

/** The workbench window. On first start without CIFAR-10 it offers to get it. */
public final class App extends Application {
  private final DatasetLocator locator;
  private final Settings settings;
  private final Label datasetLabel = new Label();

  public App() {
    this(
        DatasetLocator.system(),
        Settings.forUser(System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  public App(DatasetLocator locator, Settings settings) {
    this.locator = locator;
    this.settings = settings;
  }

  public static void main(String[] args) {
    Application.launch(App.class, args);
  }

  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane();
    datasetLabel.setId("dataset");
    datasetLabel.setPadding(new Insets(4, 8, 4, 8));
    root.setBottom(datasetLabel);
    stage.setTitle("ActBench");
    stage.setScene(new Scene(root, 1100, 720));
    stage.show();

    Optional<DataSource> dataset;
    try {
      dataset = DatasetSetupViewModel.remembered(locator, settings);
    } catch (org.actbench.data.DataException e) {
      dataset = Optional.empty(); // e.g. ACTBENCH_CIFAR10 names a missing file: ask instead
      datasetLabel.setText(e.getMessage());
    }
    if (dataset.isPresent()) {
      showDataset(dataset.get());
    } else {
      DatasetSetupViewModel model =
          new DatasetSetupViewModel(
              settings,
              () -> Cifar10Download.official(locator),
              new Cifar10Cache(locator.cifarCache()));
      DatasetSetupDialog dialog = new DatasetSetupDialog(model, stage);
      // After the window is up, so that the dialog has its owner on screen.
      Platform.runLater(() -> dialog.showAndWait().ifPresentOrElse(this::showDataset, () -> showDataset(null)));
    }
  }

  private void showDataset(DataSource source) {
    datasetLabel.setText(
        source == null ? "No dataset chosen yet" : "Dataset: " + source.describe());
  }
}
