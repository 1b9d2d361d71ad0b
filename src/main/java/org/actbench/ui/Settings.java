package org.actbench.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The window's remembered choices, in {@code
 * ${XDG_CONFIG_HOME:-~/.config}/actbench/settings.properties}. Written to a temporary file and
 * renamed, so a crash never leaves half a file.
 */
public final class Settings {
  /** Which dataset the user chose when none was found: {@code sample}, or a path. */
  public static final String DATASET = "dataset";

  private final Path file;
  private final Properties values = new Properties();

  public Settings(Path file) {
    this.file = file;
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        // An unreadable settings file only costs the remembered choices; start afresh.
        values.clear();
      }
    }
  }

  /** The settings file for this user, from the environment. */
  public static Settings forUser(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
    return new Settings(base.resolve("actbench").resolve("settings.properties"));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.getProperty(key));
  }

  public void put(String key, String value) {
    values.setProperty(key, value);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".settings-", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp)) {
        values.store(out, "ActBench settings");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save settings to " + file, e);
    }
  }

  public Path file() {
    return file;
  }
}
