package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Appends {@code events.csv}: one row per live change of a setting, {@code
 * step,setting,value,source} (the change holds from step {@code step + 1} on), flushed at once. The
 * same format, {@code source} optional, is a schedule file ({@code train --schedule FILE}), kept in
 * the run's folder as {@code schedule.csv}.
 */
public final class EventsCsv implements TrainingSink, AutoCloseable {
  public static final String HEADER = "step,setting,value,source";
  public static final String FILE = "events.csv";
  public static final String SCHEDULE = "schedule.csv";

  private final AppendFile out;

  public EventsCsv(Path file) throws IOException {
    this.out = CsvFiles.openForAppend(file, HEADER);
  }

  @Override
  public void accept(TrainingEvent event) {
    if (event instanceof SettingChange c) {
      out.record(Long.toString(c.step()), c.setting().id(), Double.toString(c.value()), c.source());
      out.flush();
    }
  }

  void sync() {
    out.sync();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /**
   * The changes in an events or schedule file (none if it does not exist), in file order.
   *
   * @param source the source of rows without one
   * @throws IllegalArgumentException naming the file and line of a bad row
   */
  public static List<SettingChange> read(Path file, String source) {
    if (!Files.exists(file)) {
      return List.of();
    }
    CsvRecords csv = CsvRecords.read(file);
    List<SettingChange> out = new ArrayList<>();
    if (csv.cells().isEmpty()) {
      return out;
    }
    String[] header = csv.cells().get(0);
    if (header.length < 3
        || !header[0].equals("step")
        || !header[1].equals("setting")
        || !header[2].equals("value")) {
      throw new IllegalArgumentException(
          file + " line 1: expected the header step,setting,value[,source]");
    }
    for (int i = 1; i < csv.cells().size(); i++) {
      String[] row = csv.cells().get(i);
      try {
        if (row.length < 3) {
          throw new IllegalArgumentException("expected step,setting,value");
        }
        long step = Long.parseLong(row[0].strip());
        SettingChange.Setting setting = SettingChange.Setting.parse(row[1].strip());
        double value = Double.parseDouble(row[2].strip());
        String from = row.length > 3 && !row[3].isBlank() ? row[3].strip() : source;
        out.add(new SettingChange(step, setting, value, from));
      } catch (IllegalArgumentException e) { // NumberFormatException too
        throw new IllegalArgumentException(
            file + " line " + csv.lines()[i] + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
