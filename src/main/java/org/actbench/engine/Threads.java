package org.actbench.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.Nd4jBlas;

/**
 * How many threads ND4J's native ops, BLAS and oneDNN use.
 *
 * <p>ND4J's own pool and BLAS take the count process-wide, but OpenMP keeps it per calling thread
 * (measured: a count set on one thread leaves another thread's oneDNN primitives at the number of
 * cores). So {@link #set} records the count, and {@link #applyHere} gives it to the thread that is
 * about to create or run oneDNN primitives.
 */
public final class Threads {
  private static volatile int configured = Runtime.getRuntime().availableProcessors();
  private static final ThreadLocal<int[]> APPLIED = ThreadLocal.withInitial(() -> new int[] {0});

  private Threads() {}

  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    configured = threads;
    Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    ((Nd4jBlas) Nd4j.factory().blas()).setMaxThreads(threads);
    APPLIED.get()[0] = threads;
  }

  /**
   * OpenBLAS's threads for a network bound to {@code kernels}: one on oneDNN, the count {@link
   * #set} on ND4J's ops (whose convolutions are its products). On oneDNN BLAS has only the
   * classifier's small products and the probes' (a few ms); with a second thread its worker spins
   * for about 100 ms after each call, through the next step's convolutions, whose OpenMP threads
   * then share a core with it: one thread made a step of the form's net 23–25 → 19–20 ms and of the
   * reference net 37–44 → 32–36 ms (2026-12-07, docs/performance.md). Process-wide, like BLAS's
   * count: the network bound last decides.
   */
  public static void blasFor(Kernels kernels) {
    Nd4j.getExecutioner();
    ((Nd4jBlas) Nd4j.factory().blas()).setMaxThreads(kernels == Kernels.ONEDNN ? 1 : configured);
  }

  /** The count last {@link #set}, else the number of cores. */
  public static int configured() {
    return configured;
  }

  /** Gives the calling thread's OpenMP regions {@code threads} threads; cheap when it has them. */
  public static void applyHere(int threads) {
    int[] applied = APPLIED.get();
    if (applied[0] != threads) {
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
      applied[0] = threads;
    }
  }
}
