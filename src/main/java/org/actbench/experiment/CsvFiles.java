package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
  static AppendFile openForAppend(Path file, String header) throws IOException {
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      RunFiles.requireRegular(file);
      addMissingColumns(file, header);
    }
    AppendFile out = new AppendFile(file);
    if (fresh) {
      out.row(header);
      out.flush();
    }
    return out;
  }

  private static void addMissingColumns(Path file, String header) throws IOException {
    String text = RunFiles.readText(file);
    int end = text.indexOf('\n');
    String old = end < 0 ? text : text.substring(0, end);
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
      out.append(lines[i]).append(padding).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, out);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Keeps each file's header and the rows of steps ≤ {@code step} (the first column), dropping what
   * a run wrote after its last checkpoint and any line cut short. Every file is read and checked
   * before any is rewritten (each by a temporary file and a rename), so a damaged file leaves all of
   * them as they were.
   */
  static void cutAfter(List<Path> files, long step) throws IOException {
    List<String> kept = new ArrayList<>();
    for (Path file : files) {
      kept.add(Files.exists(file) ? rowsUpTo(file, step) : null);
    }
    for (int i = 0; i < files.size(); i++) {
      if (kept.get(i) != null) {
        Path tmp = files.get(i).resolveSibling(files.get(i).getFileName() + ".tmp");
        Files.writeString(tmp, kept.get(i));
        Files.move(tmp, files.get(i), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static String rowsUpTo(Path file, long step) {
    String[] lines = RunFiles.readText(file).split("\n", -1);
    StringBuilder keep = new StringBuilder();
    for (int i = 0; i < lines.length - 1; i++) { // the last piece has no line end: incomplete
      String first = lines[i].split(",", 2)[0];
      if (i > 0) {
        try {
          if (Long.parseLong(first) > step) {
            continue;
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1)
              + ": expected a step number, got '" + first + "'");
        }
      }
      keep.append(lines[i]).append('\n');
    }
    return keep.toString();
  }
}
