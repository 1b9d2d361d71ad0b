package org.actbench.experiment;

import java.time.Instant;

/**
 * {@code status.json}: how a run stands, rewritten whole (temporary file, then rename) when it
 * starts and when it ends. Whether it is really running is the run's lock ({@link RunLock}): a run
 * whose status still says {@code running} while nobody holds the lock was interrupted.
 *
 * @param state running, finished, diverged, cancelled or failed
 * @param pid the process that trains it
 * @param processStart that process's start, so a reused pid is not mistaken for it
 * @param steps steps completed (at the end)
 * @param message why it failed, or empty
 */
public record RunStatus(
    String state,
    long pid,
    String processStart,
    String started,
    String ended,
    long steps,
    String message) {
  static final java.util.List<String> STATES =
      java.util.List.of("queued", "running", "finished", "diverged", "cancelled", "failed");

  public RunStatus {
    if (state == null || state.isBlank()) {
      throw new IllegalArgumentException("'state' is missing");
    }
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException(
          "'state' must be one of " + String.join(", ", STATES) + ", got '" + state + "'");
    }
    processStart = processStart == null ? "" : processStart;
    started = started == null ? "" : started;
    ended = ended == null ? "" : ended;
    message = message == null ? "" : message;
  }

  /** A run created by this process, not started yet. */
  public static RunStatus queued() {
    return running().withState("queued");
  }

  private RunStatus withState(String s) {
    return new RunStatus(s, pid, processStart, started, ended, steps, message);
  }

  /** A run starting now in this process. */
  public static RunStatus running() {
    ProcessHandle me = ProcessHandle.current();
    return new RunStatus(
        "running",
        me.pid(),
        me.info().startInstant().map(Instant::toString).orElse(""),
        Instant.now().toString(),
        "",
        0,
        "");
  }

  public RunStatus ended(String endState, long doneSteps, String why) {
    return new RunStatus(
        endState, pid, processStart, started, Instant.now().toString(), doneSteps, why);
  }

  /**
   * Whether the process that wrote "running" is still alive (the same process, not a reused pid).
   */
  public boolean processAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(processStart))
        .orElse(false);
  }
}
