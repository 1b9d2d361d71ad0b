package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;
import static org.actbench.data.Cifar10Format.PLANE;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fitted {@link Preprocessing}, applied to whole batches with a few ND4J ops.
 *
 * <p>Shapes: B = batch size, D = 3072 (= 3 x 32 x 32, channel-major). {@link #apply} may overwrite
 * its input, which is the loader's own scratch array.
 */
public abstract sealed class Preprocessor permits Preprocessor.Affine, Preprocessor.Whitening {

  /**
   * @param raw pixel values 0..255: [B, D] float (overwritten)
   * @param out preprocessed values: [B, D] float; may be {@code raw} itself for affine maps
   */
  public abstract void apply(INDArray raw, INDArray out);

  /** (x/255 − mean_c) / std_c per channel c. */
  static Preprocessor affine(double[] channelMean, double[] channelStd) {
    return new Affine(channelMean, channelStd);
  }

  static final class Affine extends Preprocessor {
    private final INDArray scale; // [1, D]: 1 / (255 std_c)
    private final INDArray shift; // [1, D]: mean_c / std_c

    Affine(double[] mean, double[] std) {
      float[] s = new float[IMAGE_BYTES];
      float[] t = new float[IMAGE_BYTES];
      for (int k = 0; k < IMAGE_BYTES; k++) {
        int c = k / PLANE;
        s[k] = (float) (1.0 / (255.0 * std[c]));
        t[k] = (float) (mean[c] / std[c]);
      }
      scale = Nd4j.createFromArray(s).reshape(1, IMAGE_BYTES);
      shift = Nd4j.createFromArray(t).reshape(1, IMAGE_BYTES);
    }

    @Override
    public void apply(INDArray raw, INDArray out) {
      if (out != raw) {
        out.assign(raw);
      }
      out.muliRowVector(scale).subiRowVector(shift);
    }
  }

  /** Global contrast normalisation per image, then x ← (x − μ) W. */
  static final class Whitening extends Preprocessor {
    private final double gcnScale;
    private final double sqrtBias;
    private final INDArray mean; // μ: [1, D]
    private final INDArray whiten; // W: [D, D]
    private final Gcn gcn = new Gcn();

    Whitening(double gcnScale, double sqrtBias, INDArray mean, INDArray whiten) {
      this.gcnScale = gcnScale;
      this.sqrtBias = sqrtBias;
      this.mean = mean;
      this.whiten = whiten;
    }

    INDArray mean() {
      return mean;
    }

    INDArray whiten() {
      return whiten;
    }

    @Override
    public void apply(INDArray raw, INDArray out) {
      gcn.apply(raw, gcnScale, sqrtBias);
      raw.subiRowVector(mean);
      Nd4j.gemm(raw, whiten, out, false, false, 1.0, 0.0); // [B, D] x [D, D]
    }
  }

  /**
   * Global contrast normalisation in place: x ← scale·(x − mean(x)) / sqrt(sqrtBias + var(x)) per
   * row, var with n − 1. Row sums go through gemm with a ones vector, into arrays kept per batch
   * size (training and test batches differ), so nothing is allocated per call once warm. Not
   * thread-safe for one batch size: one training thread per preprocessor.
   */
  static final class Gcn {
    private final INDArray ones = Nd4j.ones(DataType.FLOAT, IMAGE_BYTES, 1); // [D, 1]
    private final java.util.Map<Long, INDArray[]> scratch =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** {row statistics [B, 1], squares [B, D]}. */
    private static INDArray[] buffers(Long rows) {
      return new INDArray[] {
        Nd4j.createUninitialized(DataType.FLOAT, rows, 1),
        Nd4j.createUninitialized(DataType.FLOAT, rows, IMAGE_BYTES)
      };
    }

    void apply(INDArray x, double scale, double sqrtBias) {
      INDArray[] s = scratch.computeIfAbsent((long) x.rows(), Gcn::buffers);
      INDArray rowStat = s[0];
      INDArray squares = s[1];
      Nd4j.gemm(x, ones, rowStat, false, false, 1.0 / IMAGE_BYTES, 0.0); // row means
      x.subiColumnVector(rowStat);
      squares.assign(x).muli(x);
      Nd4j.gemm(squares, ones, rowStat, false, false, 1.0 / (IMAGE_BYTES - 1), 0.0); // row var
      rowStat.addi(sqrtBias);
      Transforms.sqrt(rowStat, false);
      rowStat.divi(scale);
      Transforms.max(rowStat, 1e-8, false);
      x.diviColumnVector(rowStat);
    }
  }
}
