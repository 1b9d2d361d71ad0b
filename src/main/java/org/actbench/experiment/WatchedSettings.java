package org.actbench.experiment;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.actbench.engine.train.LiveSettings;
import org.actbench.engine.train.SettingChange.Setting;

/**
 * A file the command line watches while a run trains ({@code train --watch FILE}): lines {@code
 * lr=0.005} and {@code momentum=0.9}. Each time the file changes, every value in it that differs
 * from what the file said before is asked for ({@link LiveSettings#request}, source {@code watch})
 * and holds from the next step on. Read twice a second on a thread of its own, never on the
 * training thread; a bad line is reported ({@code warnings}) and changes nothing.
 */
public final class WatchedSettings implements AutoCloseable {
  private final Path file;
  private final LiveSettings live;
  private final Consumer<String> warnings;
  private final ScheduledExecutorService timer;
  private final Map<Setting, Double> asked = new EnumMap<>(Setting.class);
  private FileTime seen;
  private long seenSize = -1;
  private boolean absentSaid; // the file is not there (or not a file), and the run was told

  /** Starts watching; what the file says now counts as said (only later edits change the run). */
  public WatchedSettings(Path file, LiveSettings live, Consumer<String> warnings) {
    this.file = file;
    this.live = live;
    this.warnings = warnings;
    poll(false);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "actbench-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(() -> poll(true), 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Reads the file if it changed; asks for what differs when {@code apply}. */
  synchronized void poll(boolean apply) {
    try {
      if (!Files.isRegularFile(file)) { // once, and again after it has come back and gone
        if (!absentSaid) {
          absentSaid = true;
          warnings.accept(
              file
                  + (Files.exists(file) ? " is not a plain file" : " is not there")
                  + ": nothing is read from it until it is; the run's settings stay as they are");
        }
        return;
      }
      absentSaid = false;
      FileTime time = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (Objects.equals(time, seen) && size == seenSize) {
        return;
      }
      seen = time;
      seenSize = size;
      Properties p = new Properties();
      p.load(new StringReader(RunFiles.readText(file)));
      Map<Setting, Double> said = new EnumMap<>(Setting.class);
      for (String key : p.stringPropertyNames()) {
        Setting s = Setting.parse(key.strip());
        double v = Double.parseDouble(p.getProperty(key).strip());
        s.check(v);
        said.put(s, v);
      }
      for (Map.Entry<Setting, Double> e : said.entrySet()) {
        if (apply && !e.getValue().equals(asked.get(e.getKey()))) {
          live.request(e.getKey(), e.getValue(), "watch");
        }
        asked.put(e.getKey(), e.getValue());
      }
    } catch (IOException | IllegalArgumentException e) {
      warnings.accept(file + ": " + e.getMessage() + " (nothing changed)");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
