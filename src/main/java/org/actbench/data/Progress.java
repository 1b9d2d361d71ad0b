package org.actbench.data;

/**
 * Receives progress of a long job: {@code done} of {@code total} units ({@code total} -1 if
 * unknown).
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = (phase, done, total) -> {};

  /** Called from the working thread; implementations must be cheap and thread-safe. */
  void update(String phase, long done, long total);
}
