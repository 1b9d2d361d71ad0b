package org.actbench.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Dense;
import org.actbench.engine.layer.Layer;

/**
 * Wall time per layer and direction over many steps, for the step-time breakdown. ND4J ops run
 * synchronously on the calling thread, so timing around each call is the op's own time.
 */
public final class Profile {
  private final Map<String, long[]> nanos = new LinkedHashMap<>(); // name → {forward, backward}
  private long steps;

  /** One training step of {@code net}, timed per layer. */
  public void forward(Network network, Network.Bound net, boolean training) {
    for (int i = 0; i < net.layers().size(); i++) {
      long t0 = System.nanoTime();
      net.layers().get(i).forward(training);
      slot(network.layers().get(i))[0] += System.nanoTime() - t0;
    }
  }

  public void backward(Network network, Network.Bound net) {
    for (int i = net.layers().size() - 1; i >= 0; i--) {
      long t0 = System.nanoTime();
      net.layers().get(i).backward();
      slot(network.layers().get(i))[1] += System.nanoTime() - t0;
    }
    steps++;
  }

  private long[] slot(Layer layer) {
    return nanos.computeIfAbsent(layer.name(), k -> new long[2]);
  }

  /**
   * Useful floating-point work per image, per layer: {forward, backward}. A convolution does
   * 2·O·H'·W'·C·k² forward and twice that backward (input gradient and weight gradient), less the
   * input gradient for the first layer, which nobody needs; a dense layer 2·O·F and twice that. The
   * rest (activations, pooling, norms) is memory traffic and counted as none.
   */
  public static Map<String, double[]> flopsPerImage(Network network) {
    Map<String, double[]> out = new LinkedHashMap<>();
    long[] shape = NetworkSpec.INPUT.clone();
    boolean first = true;
    for (Layer layer : network.layers()) {
      long[] next = layer.outputShape(shape);
      double forward = 0;
      if (layer instanceof Conv2d conv) {
        forward = 2.0 * next[0] * next[1] * next[2] * shape[0] * conv.kernel() * conv.kernel();
      } else if (layer instanceof Dense) {
        forward = 2.0 * next[0] * shape[0];
      }
      out.put(layer.name(), new double[] {forward, forward * (first ? 1 : 2)});
      first &= forward == 0; // layers before the first weighted one pass no gradient either
      shape = next;
    }
    return out;
  }

  /** Milliseconds per step, forward and backward, per layer name. */
  public Map<String, double[]> perStepMillis() {
    Map<String, double[]> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, new double[] {v[0] / 1e6 / steps, v[1] / 1e6 / steps}));
    return out;
  }
}
