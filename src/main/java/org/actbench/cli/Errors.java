package org.actbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.concurrent.CancellationException;
import org.actbench.data.DataException;
import org.actbench.engine.InvalidField;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How a failure reaches the user: one line starting with {@code error:} that names the option or
 * file, never a stack trace ({@code ACTBENCH_DEBUG=1} adds it). Bad input (a value, file or dataset
 * that cannot be used) exits 2; a failure of the machine (a full disk, a bug) exits 1.
 */
final class Errors {
  private Errors() {}

  static final int FAILURE = 1;

  /** The line to print and the exit code. */
  record Report(String line, int exitCode) {}

  static Report report(Throwable e, CommandSpec command) {
    Throwable cause = unwrap(e);
    if (cause instanceof InvalidField f) {
      return new Report(option(command, f.field()) + " " + f.problem(), ActBenchCommand.BAD_INPUT);
    }
    if (cause instanceof DataException
        || cause instanceof CancellationException
        || cause instanceof IllegalArgumentException) {
      return new Report(firstLine(cause.getMessage()), ActBenchCommand.BAD_INPUT);
    }
    if (cause instanceof IOException) {
      return new Report(
          firstLine(cause.getMessage() == null ? cause.toString() : cause.getMessage()), FAILURE);
    }
    return new Report(
        "internal error ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()))
            + "); ACTBENCH_DEBUG=1 prints the stack trace",
        FAILURE);
  }

  static void print(PrintWriter err, String line) {
    err.println("error: " + line);
    err.flush();
  }

  /** The option a record field came from ({@code weightDecay} → {@code --weight-decay}). */
  static String option(CommandSpec command, String field) {
    for (OptionSpec o : command.options()) {
      if (o.userObject() instanceof Field f && f.getName().equals(field)) {
        return o.longestName();
      }
    }
    String kebab = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    return command.findOption(kebab) != null ? kebab : field;
  }

  static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("");
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t.getClass() == RuntimeException.class)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
