package org.actbench.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The run's appended CSV files: opened for appending, and cut back to a checkpoint on resume. */
final class CsvFiles {
  private CsvFiles() {}

  /**
   * A writer at the end of {@code file}; a new (or empty) file gets the header first. A file written
   * by an earlier version, whose header lacks columns added at the end since, is brought up to date
   * first (its rows get empty cells there), so a resumed run appends rows that match its header.
   */
  static BufferedWriter openForAppend(Path file, String header) throws IOException {
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      addMissingColumns(file, header);
    }
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (fresh) {
      out.write(header);
      out.newLine();
      out.flush();
    }
    return out;
  }

  private static void addMissingColumns(Path file, String header) throws IOException {
    String text = Files.readString(file);
    int end = text.indexOf('\n');
    String old = (end < 0 ? text : text.substring(0, end)).replace("\r", ""); // a CRLF copy reads the same
    if (old.equals(header)) {
      return;
    }
    if (!header.startsWith(old + ",")) {
      throw new IllegalArgumentException(file.getFileName() + " line 1: expected the header '" + header
          + "' (or its first columns), got '" + old + "'");
    }
    String padding = ",".repeat((int) header.substring(old.length()).chars().filter(c -> c == ',').count());
    StringBuilder out = new StringBuilder(header).append('\n');
    String[] lines = text.substring(end + 1).split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) { // the last piece has no line end: cut short, dropped
      out.append(lines[i].replace("\r", "")).append(padding).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, out);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Keeps the header and the rows of steps ≤ {@code step} (the first column), dropping what a run
   * wrote after its last checkpoint and any line cut short; written to a temporary file and renamed.
   */
  static void truncateAfter(Path file, long step) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    String text = Files.readString(file);
    String[] lines = text.split("\n", -1);
    List<String> keep = new ArrayList<>();
    for (int i = 0; i < lines.length - 1; i++) { // the last piece has no line end: incomplete
      if (i == 0) {
        keep.add(lines[i]);
        continue;
      }
      String first = lines[i].split(",", 2)[0];
      try {
        if (Long.parseLong(first) <= step) {
          keep.add(lines[i]);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": expected a step number, got '" + first + "'");
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, String.join("\n", keep) + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
