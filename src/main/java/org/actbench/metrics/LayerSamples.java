package org.actbench.metrics;

import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2col;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The samples a layer's unit Fisher is built from: per sample, the values fed into the layer and
 * each unit's signal ∂ℓ_n/∂net. A dense layer has one sample per example. A conv layer treats each
 * output channel as a unit and every (example, position) pair as an independent sample (the
 * "spatially uncorrelated" approximation, paper-notes §2): its rows are im2col patches, zero
 * padding included.
 *
 * @param a incoming values: [R, d]
 * @param delta per-sample signals: [R, m]
 */
public record LayerSamples(INDArray a, INDArray delta) {

  /**
   * @param x the dense layer's input: [N, F]
   * @param dLdy gradient of the batch-mean loss with respect to its output: [N, m]
   */
  public static LayerSamples dense(INDArray x, INDArray dLdy) {
    long n = x.size(0);
    return new LayerSamples(x.dup(), dLdy.mul(n)); // ∂ℓ_n/∂net = N · ∂(mean loss)/∂net
  }

  /** The im2col patches of every example and position: [N, C, k, k, H', W'], padding included. */
  static INDArray patches(Conv2d conv, INDArray x) {
    long n = x.size(0);
    int k = conv.kernel();
    int stride = conv.stride();
    long[] out = conv.outputShape(new long[] {x.size(1), x.size(2), x.size(3)});
    INDArray padded = x;
    if (conv.same()) { // as the conv pads: the total split with the odd pixel at the bottom/right
      long padH = Math.max(0, (out[1] - 1) * stride + k - x.size(2));
      long padW = Math.max(0, (out[2] - 1) * stride + k - x.size(3));
      padded = Nd4j.zeros(x.dataType(), n, x.size(1), x.size(2) + padH, x.size(3) + padW);
      padded
          .get(
              all(),
              all(),
              interval(padH / 2, padH / 2 + x.size(2)),
              interval(padW / 2, padW / 2 + x.size(3)))
          .assign(x);
    }
    Conv2DConfig valid =
        Conv2DConfig.builder()
            .kH(k)
            .kW(k)
            .sH(stride)
            .sW(stride)
            .pH(0)
            .pW(0)
            .dH(1)
            .dW(1)
            .paddingMode(PaddingMode.VALID)
            .dataFormat(Conv2DConfig.NCHW)
            .build();
    return Nd4j.exec(new Im2col(padded, valid))[0]; // [N, C, k, k, H', W']
  }

  /**
   * The incoming units' mean over every row of the batch, none left out: the plain mean ([1, D],
   * {@code weighted} false) or each unit's δ²-weighted mean ([m, D]; 0 for a unit no signal
   * reaches). In double. For a conv layer the rows are the im2col patches.
   *
   * @param x the layer's input: [N, C, H, W] or [N, F]
   * @param dLdy the gradient at its output: [N, m, H', W'] or [N, m]
   */
  public static INDArray means(Layer layer, INDArray x, INDArray dLdy, boolean weighted) {
    long n = x.size(0);
    int m = (int) dLdy.size(1);
    if (!weighted) {
      double[] mean = batchMean(x); // [C·H·W] or [F]
      if (layer instanceof Conv2d conv) {
        double[] patch = new double[(int) (x.size(1) * conv.kernel() * conv.kernel())];
        meanPatch(conv, (int) x.size(1), (int) x.size(2), (int) x.size(3), mean, patch);
        mean = patch;
      }
      return Nd4j.create(mean, new long[] {1, mean.length}, DataType.DOUBLE);
    }
    long positions = dLdy.length() / (n * m); // P = H'·W', 1 for a dense layer
    INDArray a; // [N, D, P]
    if (layer instanceof Conv2d conv) {
      INDArray cols = patches(conv, x).castTo(DataType.DOUBLE);
      a = cols.reshape(n, cols.length() / (n * positions), positions);
    } else {
      a = x.castTo(DataType.DOUBLE).reshape(n, x.length() / n, 1);
    }
    INDArray s = dLdy.castTo(DataType.DOUBLE).reshape(n, m, a.size(2));
    s = s.mul(s);
    INDArray sums = Nd4j.tensorMmul(s, a, new int[][] {{0, 2}, {0, 2}}); // [m, D]
    INDArray total = s.sum(0, 2).reshape(m, 1);
    return sums.diviColumnVector(Transforms.max(total, Double.MIN_NORMAL, false));
  }

  /**
   * The mean over the batch of each example's values, in double: [C·H·W] or [F]. Reduced natively:
   * only the mean comes onto the heap, not the batch (the rows drawn have their own copy).
   */
  private static double[] batchMean(INDArray x) {
    long n = x.size(0);
    return x.castTo(DataType.DOUBLE).reshape(n, x.length() / n).mean(0).toDoubleVector();
  }

  /**
   * The mean im2col patch from the batch-mean input [C, H, W]: entry (c, ky, kx) averages the input
   * at every output position's offset (ky, kx), zero where that falls in the padding.
   *
   * @param patch receives [C·k·k], in the order of the weights' [O, C, k, k]
   */
  static void meanPatch(Conv2d conv, int c, int h, int w, double[] mean, double[] patch) {
    int k = conv.kernel();
    int s = conv.stride();
    long[] out = conv.outputShape(new long[] {c, h, w});
    int oh = (int) out[1];
    int ow = (int) out[2];
    int top = padBefore(conv, oh, h);
    int left = padBefore(conv, ow, w);
    for (int ch = 0; ch < c; ch++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          double sum = 0;
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * s + ky - top;
            if (iy < 0 || iy >= h) {
              continue;
            }
            for (int ox = 0; ox < ow; ox++) {
              int ix = ox * s + kx - left;
              if (ix >= 0 && ix < w) {
                sum += mean[(ch * h + iy) * w + ix];
              }
            }
          }
          patch[(ch * k + ky) * k + kx] = sum / ((double) oh * ow);
        }
      }
    }
  }

  /**
   * The padding before the first row (or column) of an input of {@code size} giving {@code out}
   * outputs, as the conv pads: the total split, the odd pixel at the bottom/right; 0 when valid.
   */
  static int padBefore(Conv2d conv, int out, int size) {
    return conv.same() ? Math.max(0, (out - 1) * conv.stride() + conv.kernel() - size) / 2 : 0;
  }

  /**
   * @param x the conv layer's input: [N, C, H, W]
   * @param dLdy gradient of the batch-mean loss with respect to its output: [N, O, H', W']
   * @param maxRows at most this many (example, position) rows, drawn by {@code seed}
   */
  public static LayerSamples conv(Conv2d conv, INDArray x, INDArray dLdy, int maxRows, long seed) {
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int h = (int) x.size(2);
    int w = (int) x.size(3);
    long[] out = conv.outputShape(new long[] {c, h, w});
    int oh = (int) out[1];
    int ow = (int) out[2];
    int k = conv.kernel();
    int stride = conv.stride();
    int top = padBefore(conv, oh, h);
    int left = padBefore(conv, ow, w);
    int d = c * k * k;
    int positions = oh * ow;
    int units = (int) dLdy.size(1);
    int total = Math.toIntExact((long) n * positions);
    int[] pick = total <= maxRows ? null : sample(total, maxRows, seed);
    int rows = pick == null ? total : pick.length;
    // Gathered on the heap straight from the input, only the rows drawn: row (n, p) is the patch
    // under output position p of example n, its columns (c, ky, kx) in the order of the weights'
    // [O, C, k, k], zero where the patch lies in the padding (the im2col of the whole batch would
    // be C·k·k times the input, most of it never read).
    double[] xHost = hostCopy(x);
    double[] dyHost = hostCopy(dLdy);
    double[] a = new double[rows * d];
    double[] delta = new double[rows * units];
    for (int r = 0; r < rows; r++) {
      int row = pick == null ? r : pick[r];
      int example = row / positions;
      int p = row % positions;
      int y0 = (p / ow) * stride - top;
      int x0 = (p % ow) * stride - left;
      int col = r * d;
      for (int ch = 0; ch < c; ch++) {
        int plane = (example * c + ch) * h;
        for (int ky = 0; ky < k; ky++) {
          int iy = y0 + ky;
          for (int kx = 0; kx < k; kx++, col++) {
            int ix = x0 + kx;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
              a[col] = xHost[(plane + iy) * w + ix];
            }
          }
        }
      }
      int dyBase = example * units * positions + p;
      for (int o = 0; o < units; o++) {
        delta[r * units + o] = n * dyHost[dyBase + o * positions]; // ∂ℓ_n/∂net = N · ∂(mean)/∂net
      }
    }
    return new LayerSamples(
        Nd4j.create(a, new long[] {rows, d}, DataType.DOUBLE),
        Nd4j.create(delta, new long[] {rows, units}, DataType.DOUBLE));
  }

  private static INDArrayIndex all() {
    return NDArrayIndex.all();
  }

  private static INDArrayIndex interval(long from, long to) {
    return NDArrayIndex.interval(from, to);
  }

  public long rows() {
    return a.size(0);
  }

  /**
   * At most {@code max} rows, drawn without replacement by {@code seed} (all if there are fewer).
   */
  public LayerSamples subsample(int max, long seed) {
    long total = rows();
    if (total <= max) {
      return this;
    }
    int[] pick = sample((int) total, max, seed);
    return new LayerSamples(
        Nd4j.pullRows(a, 1, pick), Nd4j.pullRows(delta, 1, pick)); // native gathers
  }

  /** {@code k} distinct indices of {@code n}, sorted: a partial Fisher-Yates shuffle. */
  static int[] sample(int n, int k, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    SplitMix64 random = new SplitMix64(seed);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] pick = java.util.Arrays.copyOf(all, k);
    java.util.Arrays.sort(pick);
    return pick;
  }

  /**
   * The values in c order, copied once: through a dup only if the array is a view or not c-ordered.
   */
  private static double[] hostCopy(INDArray a) {
    return (a.isView() || a.ordering() != 'c' ? a.dup('c') : a).data().asDouble();
  }
}
