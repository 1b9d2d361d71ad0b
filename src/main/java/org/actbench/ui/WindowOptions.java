package org.actbench.ui;

import java.nio.file.Path;
import java.util.List;
import org.actbench.experiment.lesson.Lessons;

/**
 * What the window takes on the command line: {@code --presenter} (start in the presenter layout)
 * and {@code --lesson FILE} (open a lesson file, or a bundled lesson by name: {@code unit-means},
 * {@code bias-shift}, {@code depth}, {@code batch-norm}).
 *
 * @param lesson the lesson file or bundled name, or null
 */
public record WindowOptions(boolean presenter, String lesson) {
  /** Whether these arguments are the window's (else they are a command's). */
  public static boolean isFor(String[] args) {
    return args.length > 0
        && (args[0].equals("--presenter")
            || args[0].equals("--lesson")
            || args[0].startsWith("--lesson="));
  }

  /**
   * Reads the options; with {@code check}, also reads the lesson, so that a bad one stops here.
   *
   * @throws IllegalArgumentException naming the option (and the lesson file's line)
   */
  public static WindowOptions parse(List<String> args, boolean check) {
    boolean presenter = false;
    String lesson = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--presenter")) {
        presenter = true;
      } else if (a.equals("--lesson") || a.startsWith("--lesson=")) {
        if (lesson != null) {
          throw new IllegalArgumentException("--lesson: give one lesson");
        }
        if (a.startsWith("--lesson=")) {
          lesson = a.substring("--lesson=".length());
        } else if (i + 1 < args.size()) {
          lesson = args.get(++i);
        } else {
          throw new IllegalArgumentException(
              "--lesson needs a file (or one of " + Lessons.BUNDLED + ")");
        }
        if (lesson.isBlank()) {
          throw new IllegalArgumentException("--lesson needs a file, got ''");
        }
      } else {
        throw new IllegalArgumentException(
            "unknown window option '" + a + "' (the window takes --presenter and --lesson FILE)");
      }
    }
    WindowOptions options = new WindowOptions(presenter, lesson);
    if (check && lesson != null && !options.isBundled()) {
      try {
        Lessons.read(Path.of(lesson));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--lesson " + e.getMessage(), e);
      }
    }
    return options;
  }

  /** Whether {@link #lesson} names a bundled lesson rather than a file. */
  public boolean isBundled() {
    return lesson != null && Lessons.BUNDLED.contains(lesson);
  }
}
