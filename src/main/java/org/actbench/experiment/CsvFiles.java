package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;

/** The run's appended CSV files: opened for appending, and cut back to a checkpoint on resume. */
final class CsvFiles {
  private CsvFiles() {}

  /**
   * A writer at the end of {@code file}; a new (or empty) file gets the header first. A file
   * written by an earlier version, whose header lacks columns added at the end since, is brought up
   * to date first (its rows get empty cells there), so a resumed run appends rows that match its
   * header.
   */
  static AppendFile openForAppend(Path file, String header) throws IOException {
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      RunFiles.requireRegular(file);
      addMissingColumns(file, header);
    }
    AppendFile out = new AppendFile(file);
    if (fresh) {
      out.record(header.split(","));
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
      throw new IllegalArgumentException(
          file.getFileName()
              + " line 1: expected the header '"
              + header
              + "' (or its first columns), got '"
              + old
              + "'");
    }
    int added = header.split(",").length - old.split(",").length;
    StringBuilder out = new StringBuilder();
    try (CSVPrinter rows = new CSVPrinter(out, CsvRecords.FORMAT)) {
      rows.printRecord((Object[]) header.split(","));
      List<String[]> records =
          CsvRecords.read(file).cells(); // complete ones: a cut line is dropped
      for (String[] cells : records.subList(1, records.size())) {
        rows.printRecord(
            Stream.concat(Arrays.stream(cells), Stream.generate(() -> "").limit(added)));
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, out);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Keeps each file's header and the rows of steps ≤ {@code step} (the first column), dropping what
   * a run wrote after its last checkpoint and any line cut short. Every file is read and checked
   * before any is rewritten (each by a temporary file and a rename), so a damaged file leaves all
   * of them as they were.
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
        Files.move(
            tmp, files.get(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static String rowsUpTo(Path file, long step) throws IOException {
    CsvRecords csv = CsvRecords.read(file);
    StringBuilder keep = new StringBuilder();
    try (CSVPrinter rows = new CSVPrinter(keep, CsvRecords.FORMAT)) {
      for (int i = 0; i < csv.cells().size(); i++) {
        String first = csv.cells().get(i)[0];
        if (i > 0) {
          try {
            if (Long.parseLong(first) > step) {
              continue;
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                file.getFileName()
                    + " line "
                    + csv.lines()[i]
                    + ": expected a step number, got '"
                    + first
                    + "'");
          }
        }
        rows.printRecord((Object[]) csv.cells().get(i));
      }
    }
    return keep.toString();
  }
}
