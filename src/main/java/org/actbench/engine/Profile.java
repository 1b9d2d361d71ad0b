package org.actbench.engine;

import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Milliseconds per step, forward and backward, per layer name. */
  public Map<String, double[]> perStepMillis() {
    Map<String, double[]> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, new double[] {v[0] / 1e6 / steps, v[1] / 1e6 / steps}));
    return out;
  }
}
