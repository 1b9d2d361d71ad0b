package org.actbench.metrics;

import java.nio.FloatBuffer;
import org.actbench.engine.LayerInput;
import org.actbench.engine.layer.Conv2d;

/** The rows a {@link StepProbe} draws from a layer's input, read where the input lies. */
final class InputRows {
  private InputRows() {}

  /**
   * R = min(maxRows, available) rows of a layer's input as the layer reads it, drawn by {@code
   * seed}, into {@code out}, [R, d] row-major: for a conv layer R of the N·H'·W' (example, output
   * position) patches, columns (c, ky, kx) in the order of the weights' [O, C, k, k], zero in the
   * padding; for a dense layer (conv null) R of the N examples, flattened [C, H, W].
   */
  static float[] draw(LayerInput x, Conv2d conv, int d, int maxRows, long seed, float[] out) {
    int n = x.batch();
    if (conv == null) {
      int[] pick = pick(n, maxRows, seed);
      int c = x.channels();
      int h = x.height();
      int w = x.width();
      for (int r = 0; r < pick.length; r++) { // flattened [C, H, W], as the flatten feeds it
        int col = r * d;
        for (int ch = 0; ch < c; ch++) {
          for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
              out[col++] = x.get(pick[r], ch, iy, ix);
            }
          }
        }
      }
      return out;
    }
    int c = x.channels();
    int h = x.height();
    int w = x.width();
    long[] outShape = conv.outputShape(new long[] {c, h, w});
    int oh = (int) outShape[1];
    int ow = (int) outShape[2];
    int k = conv.kernel();
    int stride = conv.stride();
    int top = LayerSamples.padBefore(conv, oh, h);
    int left = LayerSamples.padBefore(conv, ow, w);
    int positions = oh * ow;
    int[] pick = pick(n * positions, maxRows, seed);
    java.util.Arrays.fill(out, 0); // the padding's zeros
    FloatBuffer values = x.values();
    int[] channel = new int[c]; // offsets computed once: the gather is one add per value
    for (int ch = 0; ch < c; ch++) {
      channel[ch] = x.channel(ch);
    }
    for (int r = 0; r < pick.length; r++) {
      int example = pick[r] / positions;
      int p = pick[r] % positions;
      int y0 = (p / ow) * stride - top;
      int x0 = (p % ow) * stride - left;
      int start = x.example(example);
      for (int ky = 0; ky < k; ky++) {
        int iy = y0 + ky;
        if (iy < 0 || iy >= h) {
          continue; // a padding row: zeros, as out holds
        }
        for (int kx = 0; kx < k; kx++) {
          int ix = x0 + kx;
          if (ix < 0 || ix >= w) {
            continue;
          }
          int at = start + x.position(iy, ix);
          int col = r * d + ky * k + kx; // column (ch, ky, kx) = ch·k·k + ky·k + kx
          for (int ch = 0; ch < c; ch++, col += k * k) {
            out[col] = values.get(at + channel[ch]);
          }
        }
      }
    }
    return out;
  }

  /** At most maxRows of {@code total} rows, drawn without replacement (all if there are fewer). */
  private static int[] pick(int total, int maxRows, long seed) {
    if (total <= maxRows) {
      int[] all = new int[total];
      for (int i = 0; i < total; i++) {
        all[i] = i;
      }
      return all;
    }
    return LayerSamples.sample(total, maxRows, seed);
  }
}
