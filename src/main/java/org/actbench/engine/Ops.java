package org.actbench.engine;

import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs prebuilt ND4J ops, legacy and custom, in order: built once per batch size, run per batch.
 */
public final class Ops {
  private Ops() {}

  public static void run(Object... ops) {
    for (Object op : ops) {
      if (op instanceof Op) {
        Nd4j.exec((Op) op);
      } else {
        Nd4j.exec((CustomOp) op);
      }
    }
  }
}
