package org.actbench.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.DatasetLocator;
import org.actbench.data.FolderSource;
import org.actbench.data.OfficialChecksums;
import org.actbench.data.SampleSource;
import org.actbench.testing.Fixtures;
import org.actbench.testing.LocalHttpServer;
import org.actbench.testing.RealData;
import org.actbench.ui.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The first-start choices, without a Stage. */
class DatasetSetupViewModelTest {
  @TempDir Path tmp;

  @BeforeAll
  static void toolkit() throws TimeoutException {
    FxToolkit.registerPrimaryStage(); // starts the FX thread the view model reports to
  }

  private DatasetLocator locator() {
    return new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), tmp);
  }

  private Settings settings() {
    return new Settings(tmp.resolve("config/settings.properties"));
  }

  private DatasetSetupViewModel model(java.net.URI url, String md5) {
    DatasetLocator locator = locator();
    Cifar10Cache cache = new Cifar10Cache(locator.cifarCache());
    return new DatasetSetupViewModel(
        settings(), () -> new Cifar10Download(url, md5, locator.downloads(), cache), cache);
  }

  private static void awaitIdle(DatasetSetupViewModel model) throws TimeoutException {
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !model.busyProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void onFx(Runnable r) {
    Platform.runLater(r);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void sampleSetIsChosenAndRemembered() {
    DatasetSetupViewModel model =
        model(Cifar10Download.OFFICIAL_URL, OfficialChecksums.ARCHIVE_MD5);
    onFx(model::useSample);
    assertThat(model.chosenProperty().get()).isEqualTo(new SampleSource());
    assertThat(DatasetSetupViewModel.remembered(locator(), settings()))
        .contains(new SampleSource());
  }

  @Test
  void importOfDataThatIsNotCifar10ShowsTheErrorAndChoosesNothing() throws Exception {
    Path fake = Fixtures.writeFolder(tmp.resolve("fake"), Fixtures.files(5, 2));
    DatasetSetupViewModel model =
        model(Cifar10Download.OFFICIAL_URL, OfficialChecksums.ARCHIVE_MD5);
    onFx(() -> model.importFrom(fake));
    awaitIdle(model);
    assertThat(model.errorProperty().get())
        .contains("data_batch_1.bin")
        .contains("the official file 30730000; nothing was imported");
    assertThat(model.chosenProperty().get()).isNull();
    assertThat(DatasetSetupViewModel.remembered(locator(), settings())).isEmpty();
  }

  @Test
  void failedDownloadShowsTheServersAnswer() throws Exception {
    try (LocalHttpServer server = new LocalHttpServer(new byte[0])) {
      server.respond(503, "text/plain", "busy".getBytes());
      DatasetSetupViewModel model = model(server.uri(), OfficialChecksums.ARCHIVE_MD5);
      onFx(model::download);
      awaitIdle(model);
      assertThat(model.errorProperty().get()).contains("HTTP 503");
      assertThat(model.chosenProperty().get()).isNull();
    }
  }

  @Test
  void downloadFromALocalServerInstallsAndChoosesTheCache() throws Exception {
    byte[] archive = Files.readAllBytes(RealData.archive());
    try (LocalHttpServer server = new LocalHttpServer(archive)) {
      var digest = OfficialChecksums.md5();
      digest.update(archive);
      DatasetSetupViewModel model = model(server.uri(), OfficialChecksums.hex(digest));
      onFx(model::download);
      awaitIdle(model);
      assertThat(model.errorProperty().get()).isEmpty();
      Path installed = locator().cifarCache().resolve("cifar-10-batches-bin");
      assertThat(model.chosenProperty().get()).isEqualTo(new FolderSource(installed));
      assertThat(DatasetSetupViewModel.remembered(locator(), settings()))
          .contains(new FolderSource(installed));
    }
  }

  @Test
  void cancelledDownloadSaysItWillResume() throws IOException, TimeoutException {
    byte[] body = Fixtures.archiveBytes(Fixtures.files(2000, 9)); // ~6 MB, slow enough to cancel
    try (LocalHttpServer server = new LocalHttpServer(body)) {
      DatasetSetupViewModel model = model(server.uri(), "0".repeat(32));
      onFx(
          () -> {
            model.download();
            model.cancel();
          });
      awaitIdle(model);
      assertThat(model.statusProperty().get()).contains("resumes");
      assertThat(model.errorProperty().get()).isEmpty();
    }
  }
}
