package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.actbench.testing.LocalHttpServer;
import org.actbench.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CIFAR-10 (CI provides it; see {@link RealData}). */
class RealCifar10Test {
  @TempDir Path tmp;

  @Test
  void archiveHoldsTheOfficialCountsMeansAndFirstLabels() {
    Cifar10 data = Cifar10Reader.read(new ArchiveSource(RealData.archive()));
    DataSummary summary = DataSummary.of(data);
    assertThat(summary.train()).isEqualTo(50_000);
    assertThat(summary.test()).isEqualTo(10_000);
    assertThat(summary.trainPerClass()).containsOnly(5_000);
    assertThat(summary.testPerClass()).containsOnly(1_000);
    assertThat(summary.channelMeans()[0]).isCloseTo(0.4914, within(1e-4));
    assertThat(summary.channelMeans()[1]).isCloseTo(0.4822, within(1e-4));
    assertThat(summary.channelMeans()[2]).isCloseTo(0.4465, within(1e-4));
    assertThat(data.train().labels()).startsWith(6, 9, 9, 4, 1);
    assertThat(data.test().labels()).startsWith(3, 8, 8, 0, 6);
    assertThat(data.classNames()).containsExactlyElementsOf(Cifar10Format.CLASS_NAMES);
    assertThat(summary.line())
        .isEqualTo(
            "train=50000 test=10000 per_class_train=5000-5000 per_class_test=1000-1000"
                + " mean=0.4914,0.4822,0.4465");
  }

  @Test
  void importInstallsTheVerifiedFilesWhereTheLocatorFindsThem() throws IOException {
    DatasetLocator locator =
        new DatasetLocator(java.util.Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), tmp);
    Cifar10Cache cache = new Cifar10Cache(locator.cifarCache());
    Path installed = cache.importFrom(new ArchiveSource(RealData.archive()), Progress.NONE);
    assertThat(installed).isEqualTo(tmp.resolve("xdg/actbench/cifar-10/cifar-10-batches-bin"));
    assertThat(installed.resolve("data_batch_1.bin")).hasSize(30_730_000L);
    assertThat(OfficialChecksums.md5Of(installed.resolve("test_batch.bin")))
        .isEqualTo(OfficialChecksums.FILE_MD5.get("test_batch.bin"));
    try (var entries = Files.list(locator.cifarCache())) {
      assertThat(entries).containsExactly(installed); // no staging leftovers
    }
    DataSource found = locator.locate(null).orElseThrow();
    assertThat(found).isEqualTo(new FolderSource(installed));
    assertThat(DataSummary.of(Cifar10Reader.read(found)).line())
        .startsWith("train=50000 test=10000");
  }

  @Test
  void downloadFromALocalServerVerifiesResumesAndInstalls() throws IOException {
    byte[] archive = Files.readAllBytes(RealData.archive());
    try (LocalHttpServer server = new LocalHttpServer(archive).cutOnceAfter(50_000_000)) {
      Path root = tmp.resolve("actbench");
      Cifar10Download download =
          new Cifar10Download(
              server.uri(),
              CacheAndDownloadTest.md5(archive),
              root.resolve("downloads"),
              new Cifar10Cache(root.resolve("cifar-10")));
      try {
        download.run(Progress.NONE, () -> false);
      } catch (DataException expected) {
        assertThat(expected).hasMessageContaining("interrupted at 50.0 MB");
      }
      long[] last = {0};
      Path installed =
          download.run((phase, done, total) -> last[0] = Math.max(last[0], done), () -> false);
      assertThat(server.rangeHeaders()).containsExactly("", "bytes=50000000-");
      assertThat(installed).isEqualTo(root.resolve("cifar-10/cifar-10-batches-bin"));
      assertThat(download.partFile()).doesNotExist();
      assertThat(last[0]).isPositive();
      assertThat(DataSummary.of(Cifar10Reader.read(new FolderSource(installed))).test())
          .isEqualTo(10_000);
    }
  }
}
