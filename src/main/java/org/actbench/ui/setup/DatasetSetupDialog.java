package org.actbench.ui.setup;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.actbench.data.DataSource;

/** The first-start dialog; all state and work live in {@link DatasetSetupViewModel}. */
public final class DatasetSetupDialog extends Dialog<DataSource> {

  /** Asks the user for a file or folder to import; null if they cancel. */
  @FunctionalInterface
  public interface Chooser {
    File choose(boolean folder, Window owner);
  }

  public DatasetSetupDialog(DatasetSetupViewModel model, Window owner) {
    this(model, owner, DatasetSetupDialog::chooseWithSystemDialog);
  }

  /**
   * @param chooser the system's file dialogs, or a stand-in (tests)
   */
  public DatasetSetupDialog(DatasetSetupViewModel model, Window owner, Chooser chooser) {
    initOwner(owner);
    setTitle("ActBench: choose a dataset");
    setHeaderText("No CIFAR-10 was found on this computer.");

    Label explain =
        new Label(
            "ActBench trains on the real CIFAR-10 (60,000 32x32 images). Download it from the"
                + " official site, import a copy you already have, or start with the small bundled"
                + " sample set (generated shapes, no download).");
    explain.setWrapText(true);

    Button download = new Button("Download CIFAR-10 (about 163 MB)");
    download.setId("download");
    download.setTooltip(
        new Tooltip(
            "From www.cs.toronto.edu; checked against the official MD5."
                + " An interrupted download resumes."));
    download.setOnAction(e -> model.download());

    SplitMenuButton importCopy = new SplitMenuButton();
    importCopy.setId("import");
    importCopy.setText("Import a local copy…");
    importCopy.setTooltip(
        new Tooltip("cifar-10-binary.tar.gz, or the arrow for a" + " cifar-10-batches-bin folder"));
    importCopy.setOnAction(e -> importChosen(model, chooser.choose(false, getOwner())));
    MenuItem folder = new MenuItem("Import a cifar-10-batches-bin folder…");
    folder.setOnAction(e -> importChosen(model, chooser.choose(true, getOwner())));
    importCopy.getItems().add(folder);

    Button sample = new Button("Use the bundled sample set");
    sample.setId("sample");
    sample.setOnAction(e -> model.useSample());

    ProgressBar bar = new ProgressBar();
    bar.setId("progress");
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.progressProperty().bind(model.progressProperty());
    bar.visibleProperty().bind(model.busyProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.visibleProperty().bind(model.busyProperty());
    HBox progressRow = new HBox(8, bar, cancel);
    progressRow.visibleProperty().bind(model.busyProperty());
    progressRow.managedProperty().bind(model.busyProperty()); // takes no room when idle
    HBox.setHgrow(bar, javafx.scene.layout.Priority.ALWAYS);

    Label status = new Label();
    status.setId("status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    Label error = new Label();
    error.setId("error");
    error.setWrapText(true);
    error.setStyle("-fx-text-fill: #b00020;");
    error.textProperty().bind(model.errorProperty());

    for (javafx.scene.Node choice : new javafx.scene.Node[] {download, importCopy, sample}) {
      choice.disableProperty().bind(model.busyProperty());
      ((javafx.scene.control.Control) choice).setMaxWidth(Double.MAX_VALUE);
    }
    VBox content = new VBox(10, explain, download, importCopy, sample, progressRow, status, error);
    content.setPadding(new Insets(10));
    content.setPrefWidth(480);
    getDialogPane().setContent(content);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().lookupButton(ButtonType.CLOSE).disableProperty().bind(model.busyProperty());

    model
        .chosenProperty()
        .addListener(
            (obs, old, source) -> {
              if (source != null) {
                setResult(source);
                close();
              }
            });
    setResultConverter(button -> model.chosenProperty().get());
  }

  private static void importChosen(DatasetSetupViewModel model, File chosen) {
    if (chosen != null) {
      model.importFrom(chosen.toPath());
    }
  }

  private static File chooseWithSystemDialog(boolean folder, Window owner) {
    if (folder) {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Import a cifar-10-batches-bin folder");
      return chooser.showDialog(owner);
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import cifar-10-binary.tar.gz");
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter("CIFAR-10 binary archive", "*.tar.gz", "*.tgz"));
    return chooser.showOpenDialog(owner);
  }
}
