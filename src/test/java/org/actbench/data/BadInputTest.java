package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.actbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad dataset gives one clear message naming the file and what was expected. */
class BadInputTest {
  @TempDir Path tmp;

  private Map<String, byte[]> valid() {
    return Fixtures.files(20, 1);
  }

  private static DataException readFails(DataSource source) {
    try {
      Cifar10Reader.read(source);
    } catch (DataException e) {
      return e;
    }
    throw new AssertionError("expected a DataException for " + source.describe());
  }

  @Test
  void validFolderAndArchiveReadTheSameImages() throws IOException {
    Map<String, byte[]> files = valid();
    Cifar10 fromFolder =
        Cifar10Reader.read(new FolderSource(Fixtures.writeFolder(tmp.resolve("f"), files)));
    Cifar10 fromArchive =
        Cifar10Reader.read(
            new ArchiveSource(Fixtures.writeArchive(tmp.resolve("a.tar.gz"), files)));
    assertThat(fromFolder.train().size()).isEqualTo(100);
    assertThat(fromFolder.test().size()).isEqualTo(20);
    assertThat(fromArchive.train().pixels()).isEqualTo(fromFolder.train().pixels());
    assertThat(fromArchive.test().labels()).isEqualTo(fromFolder.test().labels());
    assertThat(fromArchive.classNames()).containsExactlyElementsOf(Cifar10Format.CLASS_NAMES);
  }

  @Test
  void truncatedArchiveIsReported() throws IOException {
    byte[] whole = Fixtures.archiveBytes(valid());
    Path cut = tmp.resolve("cut.tar.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    assertThat(readFails(new ArchiveSource(cut)).getMessage())
        .contains(cut.toString())
        .contains("truncated");
  }

  @Test
  void fileSizeNotAMultipleOfTheRecordIsReported() throws IOException {
    Map<String, byte[]> files = valid();
    files.put("data_batch_2.bin", Arrays.copyOf(files.get("data_batch_2.bin"), 3073 * 20 - 100));
    Path dir = Fixtures.writeFolder(tmp.resolve("f"), files);
    assertThat(readFails(new FolderSource(dir)).getMessage())
        .contains("data_batch_2.bin")
        .contains("not a whole number of 3073-byte records");
  }

  @Test
  void fileWithMissingRecordsIsReportedAsTruncated() throws IOException {
    Map<String, byte[]> files = valid();
    files.put("data_batch_4.bin", Arrays.copyOf(files.get("data_batch_4.bin"), 3073 * 15));
    Path dir = Fixtures.writeFolder(tmp.resolve("f"), files);
    assertThat(readFails(new FolderSource(dir)).getMessage())
        .contains("data_batch_4.bin")
        .contains("holds 15 records, expected 20");
  }

  @Test
  void labelOutsideTheTenClassesIsReported() throws IOException {
    Map<String, byte[]> files = valid();
    files.get("data_batch_3.bin")[7 * 3073] = 12;
    Path archive = Fixtures.writeArchive(tmp.resolve("a.tar.gz"), files);
    assertThat(readFails(new ArchiveSource(archive)).getMessage())
        .contains("data_batch_3.bin")
        .contains("record 7 has label 12, expected a label in 0..9");
  }

  @Test
  void missingBatchIsReported() throws IOException {
    Map<String, byte[]> files = valid();
    files.remove("data_batch_5.bin");
    Path archive = Fixtures.writeArchive(tmp.resolve("a.tar.gz"), files);
    assertThat(readFails(new ArchiveSource(archive)).getMessage())
        .contains(archive.toString())
        .contains("lacks data_batch_5.bin");
  }

  @Test
  void fileThatIsNotGzipIsReported() throws IOException {
    Path zip = tmp.resolve("cifar.tar.gz");
    Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
    assertThat(readFails(new ArchiveSource(zip)).getMessage())
        .contains(zip.toString())
        .contains("not a gzip archive")
        .contains("50 4b");
  }

  @Test
  void corruptCompressedDataIsReported() throws IOException {
    byte[] bytes = Fixtures.archiveBytes(valid());
    for (int i = 200; i < bytes.length - 200; i += 97) {
      bytes[i] ^= 0x5a;
    }
    Path corrupt = tmp.resolve("corrupt.tar.gz");
    Files.write(corrupt, bytes);
    assertThat(readFails(new ArchiveSource(corrupt)).getMessage())
        .contains(corrupt.toString())
        .containsAnyOf("corrupt", "truncated", "not a valid tar");
  }

  @Test
  void gzipThatHoldsNoTarIsReported() throws IOException {
    Path notTar = tmp.resolve("not-tar.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(notTar))) {
      out.write(
          "just some text, long enough to fill a tar header block? no"
              .repeat(20)
              .getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(readFails(new ArchiveSource(notTar)).getMessage()).contains(notTar.toString());
  }

  @Test
  void htmlErrorPageSavedAsTheArchiveIsReported() throws IOException {
    Path html = tmp.resolve("cifar-10-binary.tar.gz");
    Files.writeString(html, "<!DOCTYPE html>\n<html><body>404 Not Found</body></html>");
    assertThat(readFails(new ArchiveSource(html)).getMessage())
        .contains(html.toString())
        .contains("HTML page");
  }

  @Test
  void pathTraversalEntryIsRefused() throws IOException {
    Map<String, byte[]> files = valid();
    files.put("../x", new byte[] {1, 2, 3});
    Path archive = Fixtures.writeArchive(tmp.resolve("evil.tar.gz"), files);
    assertThat(readFails(new ArchiveSource(archive)).getMessage()).contains("unsafe entry '../x'");
  }

  @Test
  void unreadableFolderIsReported() throws IOException {
    Path loop = tmp.resolve("loop");
    Files.createSymbolicLink(loop, loop); // listing it fails: too many levels of symbolic links
    assertThat(readFails(new FolderSource(loop)).getMessage())
        .contains("cannot read the folder " + loop);
  }

  @Test
  void folderWhereAFileShouldBeIsReported() throws IOException {
    Map<String, byte[]> files = valid();
    files.remove("test_batch.bin");
    Path dir = Fixtures.writeFolder(tmp.resolve("f"), files);
    Files.createDirectory(dir.resolve("test_batch.bin"));
    assertThat(readFails(new FolderSource(dir)).getMessage())
        .contains("test_batch.bin")
        .contains("it is a folder, expected a file");
  }

  @Test
  void wrongNumberOfClassNamesIsReported() throws IOException {
    Map<String, byte[]> files = valid();
    files.put(Cifar10Format.META_FILE, "cat\ndog\n".getBytes(StandardCharsets.US_ASCII));
    Path dir = Fixtures.writeFolder(tmp.resolve("f"), files);
    assertThat(readFails(new FolderSource(dir)).getMessage())
        .contains("batches.meta.txt")
        .contains("lists 2 class names, expected 10");
  }

  @Test
  void missingPathIsReportedWithWhereItCameFrom() {
    assertThatThrownBy(() -> DatasetLocator.source(tmp.resolve("nope").toString(), "--data"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("from --data");
  }

  /** An archive written entry by entry, for shapes {@link Fixtures} does not make. */
  private Path archive(
      String name,
      java.util.function.Consumer<org.apache.commons.compress.archivers.tar.TarArchiveOutputStream>
          entries)
      throws IOException {
    Path file = tmp.resolve(name);
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file));
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
      tar.setBigNumberMode(
          org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
      entries.accept(tar);
    }
    return file;
  }

  private static void put(
      org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar,
      String name,
      byte[] data) {
    try {
      var entry =
          new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
              Cifar10Format.FOLDER + "/" + name, true);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aClassListThatIsALinkInTheArchiveIsRefused() throws IOException {
    Path a =
        archive(
            "link.tar.gz",
            tar -> {
              valid()
                  .forEach(
                      (n, b) -> {
                        if (!n.equals(Cifar10Format.META_FILE)) {
                          put(tar, n, b);
                        }
                      });
              try {
                var link =
                    new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                        Cifar10Format.FOLDER + "/" + Cifar10Format.META_FILE,
                        org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
                link.setLinkName("../../etc/passwd");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThat(readFails(new ArchiveSource(a)).getMessage())
        .contains("holds batches.meta.txt as a link to '../../etc/passwd'");
  }

  @Test
  void aFileTwiceInTheArchiveIsRefused() throws IOException {
    Path a =
        archive(
            "twice.tar.gz",
            tar -> {
              valid().forEach((n, b) -> put(tar, n, b));
              put(tar, "data_batch_1.bin", valid().get("data_batch_1.bin"));
            });
    assertThat(readFails(new ArchiveSource(a)).getMessage())
        .contains("holds data_batch_1.bin twice");
  }

  @Test
  void aGzipBombIsRefusedFromItsHeaderBeforeAnythingIsRead() throws IOException {
    // 200 MB of zeros compress to about 200 KB: the header says so before a byte is decompressed
    byte[] zeros = new byte[200_000_000];
    Path bomb = archive("bomb.tar.gz", tar -> put(tar, "data_batch_1.bin", zeros));
    assertThat(readFails(new ArchiveSource(bomb)).getMessage())
        .contains("data_batch_1.bin")
        .contains("has 200000000 bytes, more than the 30730000")
        .contains("refused before reading");
    assertThat(Files.size(bomb)).isLessThan(1_000_000);
  }

  @Test
  void aFifoGivenAsTheDatasetIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = tmp.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    assertThatThrownBy(() -> DatasetLocator.source(fifo.toString(), "the command line"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("is not a plain file");
  }
}
