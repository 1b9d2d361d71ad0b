package org.actbench.engine;

import java.nio.FloatBuffer;

/**
 * A bound layer's input as the last forward pass left it, readable value by value where it lies:
 * plain [N, C, H, W] (or [N, F], read as H = W = 1) or oneDNN's blocked nChw8c / nChw16c, where
 * channel c of position (n, h, w) sits at ((n·⌈C/b⌉ + c/b)·H·W + h·W + w)·b + c mod b (b = 1 is
 * plain NCHW). So a measurement can draw a few rows of im2col patches without an observed pass (a
 * plain copy of every activation) or a host copy of the whole tensor.
 *
 * @param values the storage, read with absolute gets only (shared with the binding: never
 *     positioned)
 * @param base where element 0 sits in {@code values}
 * @param dims [N, C, H, W]
 * @param block b: 1, 8 or 16
 */
public record LayerInput(FloatBuffer values, int base, int[] dims, int block) {

  public int batch() {
    return dims[0];
  }

  public int channels() {
    return dims[1];
  }

  public int height() {
    return dims[2];
  }

  public int width() {
    return dims[3];
  }

  /** Value x[n, c, h, w]. */
  public float get(int n, int c, int h, int w) {
    return values.get(example(n) + channel(c) + position(h, w));
  }

  /** Where example n starts: add {@link #channel} and {@link #position} for a value. */
  public int example(int n) {
    int blocks = (dims[1] + block - 1) / block;
    return base + n * blocks * dims[2] * dims[3] * block;
  }

  /** Channel c's offset within an example. */
  public int channel(int c) {
    return (c / block) * dims[2] * dims[3] * block + c % block;
  }

  /** Position (h, w)'s offset within a channel. */
  public int position(int h, int w) {
    return (h * dims[3] + w) * block;
  }
}
