package org.actbench.ui.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.actbench.data.Cifar10;
import org.actbench.testing.FxThreadGuard;

/** The Runs tab's window tests' window: a workbench on a store, shown at 1280x800, then closed. */
final class TestWindow {
  private TestWindow() {}

  /** Shows a workbench on {@code store} (its cache inside it) with the sample set as its data. */
  static WorkbenchView show(Stage stage, Path store, Function<String, Cifar10> datasets) {
    WorkbenchView view =
        new WorkbenchView(store, store.resolve("cache"), datasets, List.of("sample"));
    stage.setScene(new Scene(view, 1280, 800));
    stage.show();
    return view;
  }

  /** Stops the window's runs, then fails the test if it touched its scene or store wrongly. */
  static void close(WorkbenchView view, FxThreadGuard guard) {
    view.shutdown();
    guard.assertCleanAndClose();
  }
}
