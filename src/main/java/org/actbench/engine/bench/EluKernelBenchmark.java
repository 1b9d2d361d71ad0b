package org.actbench.engine.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.actbench.engine.Threads;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.Elu;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ActBench's ELU kernels against ND4J's {@code elu} / {@code elu_bp} ops on the reference net's
 * four activation shapes, alternating the two in one process (the machine is too noisy for separate
 * runs): the "before and after" of the ELU step time.
 */
public final class EluKernelBenchmark {
  /** The activation shapes of the reference net at batch 64. */
  static final long[][] SHAPES = {
    {64, 32, 32, 32}, {64, 32, 32, 32}, {64, 64, 16, 16}, {64, 64, 16, 16}
  };

  private EluKernelBenchmark() {}

  /** Per shape: {nd4j forward, nd4j backward, ours forward, ours backward}, median ms. */
  public static Map<String, double[]> run(int repeats, int threads) {
    Threads.set(threads);
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int layer = 0; layer < SHAPES.length; layer++) {
      long[] shape = SHAPES[layer];
      Nd4j.getRandom().setSeed(layer);
      INDArray z = Nd4j.randn(DataType.FLOAT, shape);
      INDArray a = z.like();
      INDArray dLda = Nd4j.randn(DataType.FLOAT, shape);
      INDArray dLdz = z.like();
      DynamicCustomOp nd4jForward =
          DynamicCustomOp.builder("elu")
              .addInputs(z)
              .addOutputs(a)
              .addFloatingPointArguments(1.0)
              .build();
      DynamicCustomOp nd4jBackward =
          DynamicCustomOp.builder("elu_bp")
              .addInputs(z, dLda)
              .addOutputs(dLdz)
              .addFloatingPointArguments(1.0)
              .build();
      Activation.Bound ours = new Elu(1.0).bind(z, a, dLda, dLdz);
      double[][] t = new double[4][repeats];
      for (int i = -3; i < repeats; i++) {
        double[] m = {
          time(() -> Nd4j.exec(nd4jForward)),
          time(() -> Nd4j.exec(nd4jBackward)),
          time(ours::forward),
          time(ours::backward)
        };
        if (i >= 0) {
          for (int k = 0; k < 4; k++) {
            t[k][i] = m[k];
          }
        }
      }
      double[] medians = new double[4];
      for (int k = 0; k < 4; k++) {
        Arrays.sort(t[k]);
        medians[k] = t[k][repeats / 2];
      }
      out.put("act" + (layer + 1) + " " + Arrays.toString(shape), medians);
    }
    return out;
  }

  private static double time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e6;
  }
}
