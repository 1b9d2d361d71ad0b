package org.actbench.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.DataSource;
import org.actbench.data.DatasetLocator;
import org.actbench.data.FolderSource;
import org.actbench.data.OfficialChecksums;
import org.actbench.data.SampleSource;
import org.actbench.testing.LocalHttpServer;
import org.actbench.testing.RealData;
import org.actbench.ui.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first-start dialog's three ways to a dataset, clicked: download, import, sample set. */
@ExtendWith(ApplicationExtension.class)
class DatasetSetupDialogTest {
  @TempDir Path tmp;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.show();
  }

  private DatasetLocator locator() {
    return new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), tmp);
  }

  /** Opens the dialog on the FX thread; the future completes with its result. */
  private CompletableFuture<Optional<DataSource>> open(
      FxRobot robot, java.net.URI url, String md5, Path importChoice) {
    DatasetLocator locator = locator();
    Cifar10Cache cache = new Cifar10Cache(locator.cifarCache());
    Settings settings = new Settings(tmp.resolve("config/settings.properties"));
    DatasetSetupViewModel model =
        new DatasetSetupViewModel(
            settings, () -> new Cifar10Download(url, md5, locator.downloads(), cache), cache);
    CompletableFuture<Optional<DataSource>> result = new CompletableFuture<>();
    robot.interact(
        () -> {
          DatasetSetupDialog dialog =
              new DatasetSetupDialog(
                  model,
                  stage,
                  (folder, owner) -> importChoice == null ? null : importChoice.toFile());
          dialog.setOnHidden(e -> result.complete(Optional.ofNullable(dialog.getResult())));
          dialog.show();
        });
    return result;
  }

  @Test
  void downloadFromALocalServer(FxRobot robot) throws Exception {
    byte[] archive = Files.readAllBytes(RealData.archive());
    try (LocalHttpServer server = new LocalHttpServer(archive)) {
      var digest = OfficialChecksums.md5();
      digest.update(archive);
      CompletableFuture<Optional<DataSource>> result =
          open(robot, server.uri(), OfficialChecksums.hex(digest), null);
      robot.clickOn("#download");
      Optional<DataSource> chosen = result.get(180, TimeUnit.SECONDS);
      assertThat(chosen)
          .contains(new FolderSource(locator().cifarCache().resolve("cifar-10-batches-bin")));
    }
  }

  @Test
  void importALocalArchive(FxRobot robot) throws Exception {
    CompletableFuture<Optional<DataSource>> result =
        open(robot, java.net.URI.create("http://127.0.0.1:9/unused"), "0", RealData.archive());
    robot.clickOn("#import");
    Optional<DataSource> chosen = result.get(180, TimeUnit.SECONDS);
    assertThat(chosen)
        .contains(new FolderSource(locator().cifarCache().resolve("cifar-10-batches-bin")));
  }

  @Test
  void useTheSampleSet(FxRobot robot) throws Exception {
    CompletableFuture<Optional<DataSource>> result =
        open(robot, java.net.URI.create("http://127.0.0.1:9/unused"), "0", null);
    robot.clickOn("#sample");
    assertThat(result.get(10, TimeUnit.SECONDS)).contains(new SampleSource());
  }
}
