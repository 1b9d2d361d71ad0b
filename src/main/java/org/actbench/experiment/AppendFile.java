package org.actbench.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVPrinter;

/**
 * A run's CSV file appended to by its one writer: rows are buffered, {@link #flush}ed now and then,
 * and {@link #sync}ed to the disk before a checkpoint, so a checkpoint never refers to rows that a
 * crash could still lose. Failures name the file: "cannot write …/metrics.csv: No space left on
 * device".
 */
final class AppendFile implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Writer out;
  private final CSVPrinter csv;

  AppendFile(Path file) throws IOException {
    this.file = file;
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
    this.csv = new CSVPrinter(out, CsvRecords.FORMAT);
  }

  /** One row: its cells quoted where they need it ({@link CsvRecords#FORMAT}). */
  void record(String... cells) {
    try {
      csv.printRecord((Object[]) cells);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Flushes and forces the file's content to the disk. */
  void sync() {
    flush();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private UncheckedIOException failed(IOException e) {
    return new UncheckedIOException(
        new IOException("cannot write " + file + ": " + e.getMessage(), e));
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      channel.close();
    }
  }
}
