package org.actbench.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * How raw pixels (0..255) become network inputs. Fitted on the training images only.
 *
 * <ul>
 *   <li>{@link Scale}: x / 255.
 *   <li>{@link Standardize}: per-channel standardisation, (x/255 − m_c) / s_c with the training
 *       set's channel mean m_c and standard deviation s_c.
 *   <li>{@link GcnZca}: the paper's global contrast normalisation followed by ZCA whitening
 *       (Goodfellow et al.'s pipeline, used by Clevert et al. for CIFAR): per image x ← scale·(x −
 *       mean(x)) / sqrt(sqrtBias + var(x)); then x ← (x − μ) W with W = U diag(1/sqrt(λ + zcaBias))
 *       Uᵀ from the eigendecomposition of the training covariance. The fit takes a while on the
 *       full set, so it is cached on disk under the parameters and the training data's checksum.
 * </ul>
 */
public sealed interface Preprocessing
    permits Preprocessing.Scale, Preprocessing.Standardize, Preprocessing.GcnZca {

  /** The name used on the command line and in spec files. */
  String id();

  /**
   * Fits on the training images.
   *
   * @param cacheDir where fitted parameters that are slow to compute are kept
   */
  Preprocessor fit(ImageSet train, Path cacheDir, Progress progress);

  /** Parses {@code scale}, {@code standardize} or {@code gcn-zca}. */
  static Preprocessing parse(String id) {
    switch (id.toLowerCase(Locale.ROOT)) {
      case "scale":
        return new Scale();
      case "standardize":
      case "standardise":
        return new Standardize();
      case "gcn-zca":
        return GcnZca.DEFAULT;
      default:
        throw new DataException(
            "unknown preprocessing '" + id + "'; expected scale, standardize or gcn-zca");
    }
  }

  /** x / 255. */
  record Scale() implements Preprocessing {
    @Override
    public String id() {
      return "scale";
    }

    @Override
    public Preprocessor fit(ImageSet train, Path cacheDir, Progress progress) {
      return Preprocessor.affine(new double[] {0, 0, 0}, new double[] {1, 1, 1});
    }
  }

  /** Per-channel standardisation with training statistics. */
  record Standardize() implements Preprocessing {
    @Override
    public String id() {
      return "standardize";
    }

    /**
     * Statistics of sets fitted before, by identity (an ImageSet's arrays compare by reference) and
     * held weakly: the window trains many runs on one set it read once, and two passes over 50,000
     * images cost about half a second each time.
     */
    private static final Map<ImageSet, double[][]> FITTED =
        Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Preprocessor fit(ImageSet train, Path cacheDir, Progress progress) {
      double[][] stats =
          FITTED.computeIfAbsent(
              train,
              t -> {
                double[] mean = DataSummary.channelMeans(t);
                return new double[][] {mean, channelStd(t, mean)};
              });
      return Preprocessor.affine(stats[0], stats[1]);
    }
  }

  /** Global contrast normalisation + ZCA whitening; parameters as in the class comment. */
  record GcnZca(double scale, double sqrtBias, double zcaBias) implements Preprocessing {
    public static final GcnZca DEFAULT = new GcnZca(55.0, 10.0, 0.1);

    public GcnZca {
      if (!(scale > 0) || !(sqrtBias >= 0) || !(zcaBias > 0)) {
        throw new DataException(
            "gcn-zca needs scale > 0, sqrtBias >= 0 and zcaBias > 0, got "
                + scale
                + ", "
                + sqrtBias
                + ", "
                + zcaBias);
      }
    }

    @Override
    public String id() {
      return "gcn-zca";
    }

    @Override
    public Preprocessor fit(ImageSet train, Path cacheDir, Progress progress) {
      return ZcaFit.fitOrLoad(this, train, cacheDir, progress);
    }
  }

  /** Standard deviation of pixel/255 per channel over the set. */
  static double[] channelStd(ImageSet set, double[] mean) {
    double[] sq = new double[3];
    byte[] p = set.pixels();
    for (int i = 0; i < set.size(); i++) {
      for (int c = 0; c < 3; c++) {
        int from = i * Cifar10Format.IMAGE_BYTES + c * Cifar10Format.PLANE;
        double m = mean[c] * 255;
        double s = 0;
        for (int k = from; k < from + Cifar10Format.PLANE; k++) {
          double d = (p[k] & 0xff) - m;
          s += d * d;
        }
        sq[c] += s;
      }
    }
    double n = (double) set.size() * Cifar10Format.PLANE;
    return new double[] {
      Math.sqrt(sq[0] / n) / 255, Math.sqrt(sq[1] / n) / 255, Math.sqrt(sq[2] / n) / 255
    };
  }
}
