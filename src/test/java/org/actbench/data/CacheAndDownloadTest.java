package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.actbench.testing.Fixtures;
import org.actbench.testing.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import and download failures leave the cache as it was; downloads resume. */
class CacheAndDownloadTest {
  @TempDir Path tmp;

  private Path cacheRoot() {
    return tmp.resolve("cache/actbench/cifar-10");
  }

  private Cifar10Download download(LocalHttpServer server, String md5) {
    return new Cifar10Download(
        server.uri(), md5, tmp.resolve("cache/actbench/downloads"), new Cifar10Cache(cacheRoot()));
  }

  /** The dataset cache holds no dataset and no leftovers. */
  private void assertCacheEmpty() throws IOException {
    if (Files.exists(cacheRoot())) {
      try (Stream<Path> entries = Files.list(cacheRoot())) {
        assertThat(entries).isEmpty();
      }
    }
  }

  @Test
  void importOfDataThatIsNotTheOfficialReleaseIsRefusedAndLeavesNothing() throws IOException {
    Path archive = Fixtures.writeArchive(tmp.resolve("fake.tar.gz"), Fixtures.files(10, 3));
    Cifar10Cache cache = new Cifar10Cache(cacheRoot());
    // sizes differ from the official files': refused from the headers, before a byte is copied
    assertThatThrownBy(() -> cache.importFrom(new ArchiveSource(archive), Progress.NONE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("data_batch_1.bin")
        .hasMessageContaining("has 30730 bytes, the official file 30730000")
        .hasMessageContaining("nothing was imported");
    assertCacheEmpty();
  }

  @Test
  void importOfOfficialSizedFilesWithOtherBytesIsRefusedByMd5AndLeavesNothing() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("same-sizes"));
    byte[] batch = new byte[10_000 * Cifar10Format.RECORD_BYTES];
    for (String name : Cifar10Format.dataFiles()) {
      Files.write(dir.resolve(name), batch);
    }
    Files.writeString(dir.resolve(Cifar10Format.META_FILE), "x".repeat(60) + "\n");
    Cifar10Cache cache = new Cifar10Cache(cacheRoot());
    assertThatThrownBy(() -> cache.importFrom(new FolderSource(dir), Progress.NONE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("has MD5")
        .hasMessageContaining("nothing was imported");
    assertCacheEmpty();
  }

  @Test
  void importOfAnIncompleteFolderIsRefusedAndLeavesNothing() throws IOException {
    Map<String, byte[]> files = Fixtures.files(10, 3);
    files.remove("test_batch.bin");
    Path dir = Fixtures.writeFolder(tmp.resolve("partial"), files);
    Cifar10Cache cache = new Cifar10Cache(cacheRoot());
    assertThatThrownBy(() -> cache.importFrom(new FolderSource(dir), Progress.NONE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("lacks test_batch.bin");
    assertCacheEmpty();
  }

  @Test
  void downloadWithWrongMd5IsDeletedAndNothingIsInstalled() throws IOException {
    byte[] body = Fixtures.archiveBytes(Fixtures.files(10, 4));
    try (LocalHttpServer server = new LocalHttpServer(body)) {
      Cifar10Download download = download(server, OfficialChecksums.ARCHIVE_MD5);
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> false))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("has MD5")
          .hasMessageContaining("expected " + OfficialChecksums.ARCHIVE_MD5)
          .hasMessageContaining("deleted");
      assertThat(download.partFile()).doesNotExist();
    }
    assertCacheEmpty();
  }

  @Test
  void interruptedDownloadIsReportedKeptOutsideTheCacheAndResumedWithARange() throws IOException {
    byte[] body = Fixtures.archiveBytes(Fixtures.files(50, 5));
    try (LocalHttpServer server = new LocalHttpServer(body).cutOnceAfter(body.length / 3)) {
      String md5 = md5(body);
      Cifar10Download download = download(server, md5);
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> false))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("interrupted")
          .hasMessageContaining("run the download again to resume");
      assertThat(download.partFile()).hasSize(body.length / 3);
      assertCacheEmpty();

      // The second attempt asks only for the rest; the fake data then fails the official check.
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> false))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("the official file 30730000; nothing was imported");
      assertThat(server.rangeHeaders()).containsExactly("", "bytes=" + body.length / 3 + "-");
      assertCacheEmpty();
    }
  }

  @Test
  void cancelledDownloadKeepsItsPartForLater() throws IOException {
    byte[] body = Fixtures.archiveBytes(Fixtures.files(200, 6));
    try (LocalHttpServer server = new LocalHttpServer(body)) {
      Cifar10Download download = download(server, md5(body));
      AtomicInteger polls = new AtomicInteger();
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> polls.incrementAndGet() > 3))
          .isInstanceOf(CancellationException.class)
          .hasMessageContaining("resumes");
      assertThat(download.partFile()).exists();
    }
    assertCacheEmpty();
  }

  @Test
  void htmlPageFromTheServerIsRefused() throws IOException {
    try (LocalHttpServer server = new LocalHttpServer(new byte[0])) {
      server.respond(200, "text/html; charset=utf-8", "<html>Please log in</html>".getBytes());
      Cifar10Download download = download(server, OfficialChecksums.ARCHIVE_MD5);
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> false))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("HTML page instead of the archive")
          .hasMessageContaining(server.uri().toString());
      assertThat(download.partFile()).doesNotExist();
    }
    assertCacheEmpty();
  }

  @Test
  void httpErrorIsReportedWithItsStatus() throws IOException {
    try (LocalHttpServer server = new LocalHttpServer(new byte[0])) {
      server.respond(404, "text/plain", "gone".getBytes());
      Cifar10Download download = download(server, OfficialChecksums.ARCHIVE_MD5);
      assertThatThrownBy(() -> download.run(Progress.NONE, () -> false))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining(server.uri().toString());
    }
    assertCacheEmpty();
  }

  static String md5(byte[] bytes) {
    var digest = OfficialChecksums.md5();
    digest.update(bytes);
    return OfficialChecksums.hex(digest);
  }
}
