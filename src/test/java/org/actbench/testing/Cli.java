package org.actbench.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.actbench.cli.ActBenchCommand;
import org.actbench.data.DatasetLocator;

/** The command line run in this JVM with captured output, the way a user would call it. */
public final class Cli {
  private Cli() {}

  /** What a command printed and returned. */
  public record Result(int code, String out, String err) {
    public List<String> errLines() {
      return err.lines().toList();
    }

    /** No Java stack trace or exception class name anywhere in the output. */
    public boolean hasNoStackTrace() {
      String all = out + err;
      return !all.contains("\tat ") && !all.contains("Exception") && !all.contains("Caused by");
    }
  }

  /**
   * Runs {@code actbench ARGS} with its cache under {@code home} (so tests never touch the user's).
   */
  public static Result run(Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    DatasetLocator locator =
        new DatasetLocator(Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()), home);
    int code = ActBenchCommand.run(locator, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
