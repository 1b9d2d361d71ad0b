package org.actbench.sweep;

import java.io.Serializable;

/**
 * How one run of a sweep ended in this invocation.
 *
 * @param outcome finished, diverged, failed, cancelled, skipped (the store had its result already),
 *     running (another process trains it now), or lost (a newer attempt took it over)
 * @param resumedFrom the step it resumed from (0: the start)
 * @param seconds the whole attempt, copying in and out included
 * @param trainSeconds training alone (data, network and loop built, steps, checkpoints)
 * @param host where it ran ({@code pid@host})
 * @param message why it failed, or empty
 */
public record RunOutcome(
    String run,
    String outcome,
    long resumedFrom,
    double seconds,
    double trainSeconds,
    String host,
    String message)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A result: finished, diverged (a result too), or held by the store already. */
  public boolean done() {
    return outcome.equals("finished") || outcome.equals("diverged") || outcome.equals("skipped");
  }
}
