package org.actbench.experiment.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.data.Batch;
import org.actbench.data.BatchLoader;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.ImageSet;
import org.actbench.data.Preprocessing;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.bench.GradientStep;
import org.actbench.random.SplitMix64;

/**
 * Writes one training step of the reference network for other frameworks ({@link GradientStep}'s
 * NumPy files) on N seeded images of the bundled sample set (CIFAR-10's format), x/255, and {@code
 * manifest.json} describing them: the batch, the layers and their shapes, the loss and the max-pool
 * windows where float rounding may route a gradient differently.
 */
public final class GradientDump {
  private GradientDump() {}

  /** What a dump computed: the batch's loss and what ran the layers. */
  public record Result(double loss, Kernels kernels) {}

  public static Result write(
      ActivationSpec activation, Kernels kernels, long seed, int batch, Path dir)
      throws IOException {
    if (batch < 1 || batch > 1000) {
      throw new IllegalArgumentException("--batch must be 1..1000 images, got " + batch);
    }
    Files.createDirectories(dir);
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    int[] picks = picks(sample, seed, batch);
    GradientStep.Result step =
        GradientStep.write(activation, kernels, seed, batch(sample, picks), dir);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("network", "reference");
    manifest.put("activation", activation);
    manifest.put("kernels", step.kernels().id());
    manifest.put("seed", seed);
    manifest.put("batch", batch);
    manifest.put("input", "x/255 of bundled sample-set training images " + Arrays.toString(picks));
    manifest.put("loss", "mean softmax cross-entropy");
    manifest.put("loss_value", step.loss());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (GradientStep.LayerShapes layer : step.layers()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", layer.name());
      entry.put("type", layer.type());
      entry.put("params", layer.params());
      layers.add(entry);
    }
    manifest.put("layers", layers);
    List<Map<String, Object>> ties = new ArrayList<>();
    for (GradientStep.PoolTies pool : step.nearTies()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("layer", pool.layer());
      entry.put("windows", pool.windows());
      entry.put("near_ties", pool.nearTies());
      ties.add(entry);
    }
    manifest.put("maxpool_near_ties", ties);
    manifest.put(
        "layouts",
        Map.of("conv weights", "[out, in, kh, kw]", "dense weights", "[out, in]", "input", "NCHW"));
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return new Result(step.loss(), step.kernels());
  }

  /** Which sample-set training images a dump of {@code seed} uses. */
  public static int[] picks(Cifar10 sample, long seed, int batch) {
    int[] picks = new int[batch];
    SplitMix64 rng = SplitMix64.derive(seed, 77);
    for (int i = 0; i < batch; i++) {
      picks[i] = rng.nextInt(sample.train().size());
    }
    return picks;
  }

  /** Those images as one batch, x/255, with their labels. */
  public static Batch batch(Cifar10 sample, int[] picks) {
    ImageSet images = sample.train().select(picks);
    return BatchLoader.evaluation(
            images, picks.length, new Preprocessing.Scale().fit(images, null, Progress.NONE))
        .next();
  }
}
