package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-channel helpers: the channel axis is 1 for [N, C, H, W] and for [N, F]. */
final class Channels {
  private Channels() {}

  /** The axes a per-channel statistic reduces over: all but 1. */
  static int[] reduceAxes(INDArray x) {
    return x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
  }

  /** Values per channel: N·H·W, or N. */
  static long perChannel(INDArray x) {
    return x.length() / x.size(1);
  }
}
