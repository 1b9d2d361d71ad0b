package org.actbench.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jBlas;

/** How many threads ND4J's native ops and BLAS use (process-wide). */
public final class Threads {
  private Threads() {}

  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    ((Nd4jBlas) Nd4j.factory().blas()).setMaxThreads(threads);
  }
}
