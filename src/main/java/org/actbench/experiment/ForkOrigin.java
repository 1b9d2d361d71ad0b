package org.actbench.experiment;

import org.actbench.engine.InvalidField;

/**
 * Where a forked run branched off: its parent run's id (the folder's name in the same store) and
 * the step after which it trains with its own settings. Written in the fork's {@code spec.json}.
 */
public record ForkOrigin(String parent, long step) {
  public ForkOrigin {
    InvalidField.check(parent != null && !parent.isBlank(), "forkOf", "needs the parent's id");
    InvalidField.check(step >= 0, "forkOf", "needs a step >= 0, got " + step);
  }
}
