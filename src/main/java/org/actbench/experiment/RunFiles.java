package org.actbench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a run's files without trusting them: only plain files (a link to one is fine; a FIFO, a
 * device such as /dev/zero or a folder is refused before it is opened, so nothing hangs or fills
 * memory), no larger than a run writes, decoded as UTF-8 with a byte-order mark dropped and CRLF
 * line ends read as LF. Problems are {@link IllegalArgumentException}s naming the file.
 */
final class RunFiles {
  /** Far above any run's file (a 100,000-step run's layers.csv is about 100 MB). */
  static final long MAX_BYTES = 1L << 30;

  private RunFiles() {}

  static void requireRegular(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file.getFileName() + ": missing");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file.getFileName()
              + ": not a plain file (a folder, FIFO, device or a link to one); refused");
    }
  }

  /** The whole file as text, checked as above. */
  static String readText(Path file) {
    requireRegular(file);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            file.getFileName()
                + ": "
                + size
                + " bytes, more than any run writes ("
                + MAX_BYTES
                + "); refused");
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.replace("\r\n", "\n");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file.getFileName() + ": not UTF-8 text");
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          file.getFileName() + ": cannot be read (" + e.getMessage() + ")");
    }
  }
}
