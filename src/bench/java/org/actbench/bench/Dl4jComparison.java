package org.actbench.bench;

import java.util.Arrays;
import java.util.Locale;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The reference network in DL4J 1.0.0-M2.1 (MultiLayerNetwork, oneDNN helpers on through the shim
 * in org.nd4j.nativeblas) against ActBench's engine, alternating the two in one process, ELU and
 * ReLU; prints each round, the medians and the ratio. Run: {@code mvn -q -Pdl4j-peer test-compile
 * exec:exec@dl4j-peer} (arguments: rounds, default 5).
 */
public final class Dl4jComparison {
  public static void main(String[] args) {
    NativeBackend.select();
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Kernels kernels = args.length > 1 ? Kernels.parse(args[1]) : Kernels.preferred();
    for (String act : new String[] {"elu", "relu"}) {
      MultiLayerNetwork dl4j = dl4j(act.equals("elu") ? Activation.ELU : Activation.RELU);
      Nd4j.getRandom().setSeed(0);
      INDArray x = Nd4j.randn(DataType.FLOAT, 64, 3, 32, 32);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
      for (int i = 0; i < 64; i++) {
        y.putScalar(i, i % 10, 1.0);
      }
      DataSet batch = new DataSet(x, y);
      for (int i = 0; i < 5; i++) {
        dl4j.fit(batch);
      }
      double[] ours = new double[rounds];
      double[] theirs = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ours[r] =
            ReferenceBenchmark.run(ActivationSpec.of(act), kernels, 64, 3, 30, 2, false)
                .imagesPerSecond();
        long t0 = System.nanoTime();
        for (int i = 0; i < 30; i++) {
          dl4j.fit(batch);
        }
        theirs[r] = 64 * 30 / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(
            Locale.ROOT, "%s round %d: actbench %.1f  dl4j %.1f%n", act, r + 1, ours[r], theirs[r]);
      }
      double mo = median(ours);
      double mt = median(theirs);
      System.out.printf(
          Locale.ROOT,
          "%s median images/s: actbench %.1f  dl4j %.1f  ratio %.2f%n",
          act,
          mo,
          mt,
          mo / mt);
    }
  }

  static MultiLayerNetwork dl4j(Activation act) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(0)
            .dataType(DataType.FLOAT)
            .updater(new Nesterovs(0.01, 0.9))
            .convolutionMode(ConvolutionMode.Same)
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(act).build())
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(act).build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(act).build())
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(act).build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(10)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(32, 32, 3))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
