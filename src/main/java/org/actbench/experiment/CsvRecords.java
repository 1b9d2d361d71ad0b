package org.actbench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file's complete records, read whole with Commons CSV, each with the line it starts on (a
 * quoted cell may hold line ends, so records and lines need not match). The last record is complete
 * only when a line end follows it: one cut short by a crash (even inside a quoted cell) is no
 * record. Damage is an {@link IllegalArgumentException} naming the file and line.
 *
 * @param cells every record's cells, the header first
 * @param lines the line each record starts on, from 1
 */
public record CsvRecords(Path file, List<String[]> cells, int[] lines) {
  /**
   * RFC 4180 with '\n' line ends: a cell is quoted only when it holds a comma, quote or line end.
   */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  /** The file read as {@link RunFiles#readText} reads it (plain, bounded, UTF-8, CRLF as LF). */
  static CsvRecords read(Path file) {
    String text = RunFiles.readText(file);
    boolean lastEnded = text.endsWith("\n");
    List<String[]> cells = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    long read = 0; // lines the parser has read, each record with its line end
    CSVParser parser = parser(text);
    try (parser) {
      for (CSVRecord record : parser) {
        cells.add(record.values());
        lines.add((int) read + 1);
        read = parser.getCurrentLineNumber();
      }
    } catch (IOException | UncheckedIOException e) {
      boolean open = String.valueOf(e.getMessage()).contains("EOF");
      if (lastEnded || !open) {
        throw new IllegalArgumentException(
            file.getFileName()
                + " line "
                + (read + 1)
                + ": expected "
                + (open ? "a closing quote" : "a comma or line end after a closing quote"));
      }
      lastEnded = true; // the last record, cut short inside a quoted cell: never added
    }
    if (!lastEnded && !cells.isEmpty()) {
      cells.remove(cells.size() - 1);
      lines.remove(lines.size() - 1);
    }
    return new CsvRecords(file, cells, lines.stream().mapToInt(Integer::intValue).toArray());
  }

  private static CSVParser parser(String text) {
    try {
      return CSVParser.parse(text, FORMAT);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String is read without I/O
    }
  }
}
