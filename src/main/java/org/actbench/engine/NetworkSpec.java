package org.actbench.engine;

import java.util.ArrayList;
import java.util.List;
import org.actbench.engine.activation.ActivationKind;

/**
 * A network as an explicit list of layers on 3x32x32 inputs with {@code classes} outputs, plus the
 * initialisation. Built by the factories below or read from JSON.
 */
public record NetworkSpec(List<LayerSpec> layers, Init init, int classes) {
  public static final long[] INPUT = {3, 32, 32};

  public NetworkSpec {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
  }

  /**
   * The fixed benchmark network: conv3x3(32)-act-conv3x3(32)-act-maxpool2 → conv3x3(64)-act-
   * conv3x3(64)-act-maxpool2 → dense(4096→10). About 147 MFLOP per training image.
   */
  public static NetworkSpec reference(ActivationSpec act) {
    LayerSpec a = new LayerSpec.Act(act);
    return new NetworkSpec(
        List.of(
            LayerSpec.Conv.same3x3(32),
            a,
            LayerSpec.Conv.same3x3(32),
            a,
            new LayerSpec.MaxPool(2, 2),
            LayerSpec.Conv.same3x3(64),
            a,
            LayerSpec.Conv.same3x3(64),
            a,
            new LayerSpec.MaxPool(2, 2),
            new LayerSpec.Flatten(),
            new LayerSpec.Dense(10)),
        defaultInit(act),
        10);
  }

  /**
   * The "plain" family: {@code depth} conv3x3 layers in up to three stages of (nearly) equal
   * length, widths w, 2w, 4w, each stage ending in a 2x2 max-pool, then flatten and dense(10).
   * Optional batch norm before each activation and dropout after each pool.
   *
   * @param activations one for all layers, or one per conv layer
   */
  public static NetworkSpec plain(
      int depth, int width, List<ActivationSpec> activations, boolean batchNorm, double dropout) {
    if (depth < 1 || depth > 20) {
      throw new IllegalArgumentException("depth must be 1..20 conv layers, got " + depth);
    }
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    if (activations.size() != 1 && activations.size() != depth) {
      throw new IllegalArgumentException(
          "give one activation or one per conv layer (" + depth + "), got " + activations.size());
    }
    int stages = Math.min(3, depth);
    List<LayerSpec> layers = new ArrayList<>();
    int conv = 0;
    for (int stage = 0; stage < stages; stage++) {
      int inStage = depth / stages + (stage < depth % stages ? 1 : 0);
      for (int i = 0; i < inStage; i++, conv++) {
        layers.add(LayerSpec.Conv.same3x3(width << stage));
        if (batchNorm) {
          layers.add(new LayerSpec.BatchNorm());
        }
        layers.add(new LayerSpec.Act(activations.get(activations.size() == 1 ? 0 : conv)));
      }
      layers.add(new LayerSpec.MaxPool(2, 2));
      if (dropout > 0) {
        layers.add(dropoutFor(activations.get(0), dropout));
      }
    }
    layers.add(new LayerSpec.Flatten());
    layers.add(new LayerSpec.Dense(10));
    return new NetworkSpec(layers, defaultInit(activations.get(0)), 10);
  }

  /**
   * The paper's 11-layer CIFAR-100 network (§4.2), widths multiplied by {@code scale}, 10 classes:
   * stacks [1×192×5], [1×192×1, 1×240×3], [1×240×1, 1×260×2], [1×260×1, 1×280×2], [1×280×1,
   * 1×300×2], [1×300×1], [1×10×1] (layers × units × receptive field), 2x2 max-pool after the first
   * five stacks, dropout 0, .1, .2, .3, .4, .5, 0 on each stack's last layer, global average pool.
   */
  public static NetworkSpec paper11(ActivationSpec act, double scale) {
    int[][][] stacks = {
      {{192, 5}},
      {{192, 1}, {240, 3}},
      {{240, 1}, {260, 2}},
      {{260, 1}, {280, 2}},
      {{280, 1}, {300, 2}},
      {{300, 1}},
    };
    double[] dropout = {0, .1, .2, .3, .4, .5};
    List<LayerSpec> layers = new ArrayList<>();
    for (int s = 0; s < stacks.length; s++) {
      for (int[] conv : stacks[s]) {
        layers.add(
            new LayerSpec.Conv(Math.max(1, (int) Math.round(conv[0] * scale)), conv[1], 1, true));
        layers.add(new LayerSpec.Act(act));
      }
      if (dropout[s] > 0) {
        layers.add(dropoutFor(act, dropout[s]));
      }
      if (s < 5) {
        layers.add(new LayerSpec.MaxPool(2, 2));
      }
    }
    layers.add(new LayerSpec.Conv(10, 1, 1, true));
    layers.add(new LayerSpec.GlobalAvgPool());
    return new NetworkSpec(layers, defaultInit(act), 10);
  }

  /** The activation's default ({@link ActivationKind#defaultInit}: He, LeCun normal for SELU). */
  public static Init defaultInit(ActivationSpec act) {
    return act.kind().defaultInit();
  }

  private static LayerSpec dropoutFor(ActivationSpec act, double p) {
    return switch (act.kind().dropout()) {
      case ALPHA -> new LayerSpec.AlphaDropout(p);
      case STANDARD -> new LayerSpec.Dropout(p);
    };
  }

  public NetworkSpec withInit(Init newInit) {
    return new NetworkSpec(layers, newInit, classes);
  }
}
