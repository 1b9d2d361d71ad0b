package org.actbench.engine;

/**
 * Each channel's mean over the batch and all positions of one bound layer's output, as the last
 * forward pass left it: m_c = (1/(N·P)) Σ_n Σ_p y[n, c, p], P = H·W (P = 1 for [N, F]). It reads
 * the output where it lies, in whatever layout the kernels keep it, so it needs no observed pass
 * ({@link Network.Bound#observe}) and copies no activation to the heap: one reduction per call into
 * buffers made once.
 */
public interface ChannelMeans {
  /** C (or F). */
  int channels();

  /** Writes m_0 … m_{C−1} into {@code into[0..C)}. */
  void read(double[] into);
}
