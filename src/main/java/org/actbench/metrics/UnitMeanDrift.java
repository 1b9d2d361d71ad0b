package org.actbench.metrics;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.actbench.engine.ChannelMeans;
import org.actbench.engine.Network;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.LayerDrift;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Unit means of every activation layer's output at every measured step, read by the engine where
 * the activations lie ({@link ChannelMeans}: on oneDNN's binding an average-pooling window over the
 * blocked map, on ND4J's two small products), so a row needs no observed pass and copies no
 * activation to the heap. On histogram steps, whose pass is observed, one pass over a host copy
 * adds the dead and saturated shares, the moments and the histograms.
 */
public final class UnitMeanDrift {
  private final List<Unit> units = new ArrayList<>();
  private final float[] host;
  private final double[]
      all; // every unit's mean this step, sorted for the network median; allocated once
  private final int bins;

  /** One activation layer's buffers. */
  private static final class Unit {
    final String name;
    final INDArray x; // [N, C, ...], the layer's input (plain after an observed pass)
    final INDArray y; // [N, C, ...] (likewise)
    final ChannelMeans means;
    final double lowerBound;
    final DoublePredicate saturated;
    final int channels;
    final int positions;

    Unit(
        String name,
        INDArray x,
        INDArray y,
        ChannelMeans means,
        double lowerBound,
        DoublePredicate saturated) {
      this.name = name;
      this.x = x;
      this.y = y;
      this.means = means;
      channels = means.channels();
      positions = (int) (y.length() / (y.size(0) * channels));
      this.lowerBound = lowerBound;
      this.saturated = saturated;
    }
  }

  /**
   * @param bound the network's training binding, whose activations are read after each step
   * @param bins histogram bins
   */
  public UnitMeanDrift(Network network, Network.Bound bound, int bins) {
    if (network.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("unit-mean drift reads single-precision networks");
    }
    this.bins = bins;
    List<Layer> layers = network.layers();
    long largest = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      INDArray x = i == 0 ? bound.input() : bound.layers().get(i - 1).y();
      INDArray y = bound.layers().get(i).y();
      if (layer instanceof ActivationLayer act) {
        Activation f = act.activation();
        units.add(
            new Unit(layer.name(), x, y, bound.channelMeans(i), f.lowerBound(), Saturation.of(f)));
      } else if (layer instanceof PRelu) {
        units.add(
            new Unit(layer.name(), x, y, bound.channelMeans(i), Double.NEGATIVE_INFINITY, null));
      } else {
        continue;
      }
      largest = Math.max(largest, Math.max(x.length(), y.length()));
    }
    host = new float[Math.toIntExact(largest)];
    all = new double[units.stream().mapToInt(u -> u.channels).sum()];
  }

  /** The measured layers' names, in order. */
  public List<String> layerNames() {
    return units.stream().map(u -> u.name).toList();
  }

  /**
   * Measures the activations the last pass left in the binding.
   *
   * @param logged whether the record is written to files
   * @param histograms where to add histograms, or null; if given, the pass must have been observed,
   *     and the dead and saturated shares and the moments are measured too
   */
  public DriftRecord measure(long step, boolean logged, List<Histogram> histograms) {
    List<LayerDrift> layers = new ArrayList<>(units.size());
    int offset = 0;
    for (Unit u : units) {
      double[] means = new double[u.channels];
      u.means.read(means);
      System.arraycopy(means, 0, all, offset, means.length);
      offset += means.length;
      if (histograms != null) { // dead, saturated and moments come with the histograms
        double[] pass = hostPass(u, step, histograms);
        LayerDrift.Moments output = new LayerDrift.Moments(pass[2], pass[3]);
        LayerDrift.Moments input = moments(u.x); // after hostPass: it reuses the host buffer
        layers.add(summarize(u.name, means, pass[0], pass[1], input, output));
      } else {
        layers.add(
            summarize(
                u.name,
                means,
                Double.NaN,
                Double.NaN,
                LayerDrift.Moments.NONE,
                LayerDrift.Moments.NONE));
      }
    }
    double networkMedian = Quantiles.ofSorted(all, Quantiles.sort(all), 0.5);
    return new DriftRecord(step, logged, layers, networkMedian);
  }

  static LayerDrift summarize(
      String name,
      double[] means,
      double dead,
      double saturated,
      LayerDrift.Moments input,
      LayerDrift.Moments output) {
    double[] sorted = means.clone();
    int n = Quantiles.sort(sorted);
    double abs = 0;
    int large = 0;
    for (double m : means) {
      abs += Math.abs(m);
      large += Math.abs(m) > 0.1 ? 1 : 0;
    }
    return new LayerDrift(
        name,
        Quantiles.ofSorted(sorted, n, 0.5),
        Quantiles.ofSorted(sorted, n, 0.25),
        Quantiles.ofSorted(sorted, n, 0.75),
        n == 0 ? Double.NaN : sorted[0],
        n == 0 ? Double.NaN : sorted[n - 1],
        abs / means.length,
        (double) large / means.length,
        dead,
        saturated,
        input,
        output,
        means);
  }

  /** Mean and variance of every value of {@code a}, through the host buffer, summed in double. */
  private LayerDrift.Moments moments(INDArray a) {
    int length = (int) a.length();
    a.data().asNioFloat().get(host, 0, length);
    double sum = 0;
    for (int i = 0; i < length; i++) {
      sum += host[i];
    }
    double mean = sum / length;
    return new LayerDrift.Moments(mean, variance(length, mean));
  }

  /** Σ(v − mean)² / n over the first n host values: two passes, so a large mean loses nothing. */
  private double variance(int n, double mean) {
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = host[i] - mean;
      squares += d * d;
    }
    return squares / n;
  }

  /** {dead share, saturated share, mean, variance}; adds a histogram if asked. */
  private double[] hostPass(Unit u, long step, List<Histogram> histograms) {
    int length = (int) u.y.length();
    FloatBuffer data = u.y.data().asNioFloat();
    data.get(host, 0, length);
    boolean[] alive = new boolean[u.channels];
    long saturatedCount = 0;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double sum = 0;
    int positions = u.positions;
    for (int i = 0; i < length; i++) {
      float v = host[i];
      sum += v;
      if (v > 0) {
        alive[(i / positions) % u.channels] = true;
      }
      if (u.saturated != null && u.saturated.test(v)) {
        saturatedCount++;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int deadUnits = 0;
    for (boolean a : alive) {
      deadUnits += a ? 0 : 1;
    }
    if (histograms != null) {
      double lo = Double.isFinite(u.lowerBound) ? Math.min(u.lowerBound, min) : min;
      double hi = Math.max(max, lo + 1e-6);
      long[] counts = new long[bins];
      double scale = bins / (hi - lo);
      for (int i = 0; i < length; i++) {
        int b = (int) ((host[i] - lo) * scale);
        counts[Math.max(0, Math.min(bins - 1, b))]++;
      }
      histograms.add(new Histogram(step, u.name, lo, hi, counts));
    }
    double mean = sum / length;
    return new double[] {
      (double) deadUnits / u.channels,
      u.saturated == null ? Double.NaN : (double) saturatedCount / length,
      mean,
      variance(length, mean)
    };
  }
}
