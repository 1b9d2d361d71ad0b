package org.actbench.experiment.lesson;

/** A lesson file that cannot be used; the message names the file and the line. */
public final class LessonException extends IllegalArgumentException {
  private final int line;

  LessonException(String message, int line, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  /** The line the problem is on (1-based), 0 where no line applies (e.g. an unreadable file). */
  public int line() {
    return line;
  }
}
