package org.actbench.experiment;

import java.util.List;
import java.util.Locale;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Init;
import org.actbench.engine.Kernels;
import org.actbench.engine.InvalidField;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.optim.Adam;
import org.actbench.engine.optim.LrSchedule;
import org.actbench.engine.optim.Optimizer;
import org.actbench.engine.optim.Sgd;
import org.actbench.metrics.MetricsSettings;

/**
 * Everything that defines a training run; written as {@code spec.json} beside the run's metrics,
 * readable back with {@code --spec}. The network is either a family ({@code plain}, {@code
 * reference}, {@code paper11}) built from the fields here, or {@code explicit} with {@code layers}.
 *
 * @param depth conv layers of the plain family (1..20)
 * @param width base width of the plain family; for paper11, percent of the paper's widths
 * @param perClass training images per class (0: all)
 * @param steps training steps (minibatches)
 * @param evalEvery evaluate on the test set every so many steps (and at the end)
 * @param momentum SGD's momentum; Adam uses its own moments and ignores it
 * @param metrics what is measured while training (unit means, histograms, bias-shift probe); null
 *     for the defaults
 * @param kernels what runs the layers, {@code onednn} or {@code nd4j} (see {@link Kernels}): in a
 *     run's spec.json, what ran. Absent in spec files written before it existed, whose runs ran
 *     on ND4J's ops: null reads as {@code nd4j}
 */
public record TrainSpec(
    String family,
    ActivationSpec activation,
    int depth,
    int width,
    boolean batchNorm,
    double dropout,
    String init,
    String optimizer,
    double lr,
    double momentum,
    double weightDecay,
    String schedule,
    int batch,
    int steps,
    int evalEvery,
    long seed,
    String data,
    int perClass,
    String preprocessing,
    boolean augment,
    NetworkSpec explicit,
    MetricsSettings metrics,
    String kernels) {

  public TrainSpec {
    require(family, "family");
    require(activation, "activation");
    require(init, "init");
    require(optimizer, "optimizer");
    require(schedule, "schedule");
    require(data, "data");
    require(preprocessing, "preprocessing");
    family = family.toLowerCase(Locale.ROOT);
    if (metrics == null) {
      metrics = MetricsSettings.defaults();
    }
    kernels = kernels == null ? Kernels.ND4J.id() : Kernels.parse(kernels).id();
    check(List.of("plain", "reference", "paper11", "explicit").contains(family), "family",
        "must be plain, reference, paper11 or explicit, got '" + family + "'");
    check(!family.equals("explicit") || explicit != null, "explicit",
        "is needed by family explicit (its layers)");
    if (family.equals("plain")) {
      InvalidField.inRange(depth, 1, MAX_DEPTH, "depth");
      InvalidField.inRange(width, 1, MAX_PLAIN_WIDTH, "width");
    } else if (family.equals("paper11")) {
      InvalidField.inRange(width, 1, MAX_PAPER11_PERCENT, "width");
    }
    InvalidField.inRange(batch, 1, MAX_BATCH, "batch");
    InvalidField.inRange(steps, 1, MAX_STEPS, "steps");
    InvalidField.inRange(evalEvery, 1, MAX_STEPS, "evalEvery");
    InvalidField.positive(lr, Double.POSITIVE_INFINITY, "lr");
    InvalidField.finiteIn(momentum, 0, Math.nextDown(1.0), "momentum");
    InvalidField.finiteIn(weightDecay, 0, Double.POSITIVE_INFINITY, "weightDecay");
    InvalidField.inRange(perClass, 0, MAX_PER_CLASS, "perClass");
    InvalidField.finiteIn(dropout, 0, Math.nextDown(1.0), "dropout");
    check(List.of("auto", "he", "glorot", "lecun").contains(init), "init",
        "must be auto, he, glorot or lecun, got '" + init + "'");
    check(List.of("sgd", "nesterov", "adam").contains(optimizer), "optimizer",
        "must be sgd, nesterov or adam, got '" + optimizer + "'");
    check(List.of("constant", "paper-steps", "cosine").contains(schedule), "schedule",
        "must be constant, paper-steps or cosine, got '" + schedule + "'");
  }

  /** A spec for new runs: on oneDNN where it runs ({@link Kernels#preferred}). */
  public TrainSpec(
      String family, ActivationSpec activation, int depth, int width, boolean batchNorm,
      double dropout, String init, String optimizer, double lr, double momentum,
      double weightDecay, String schedule, int batch, int steps, int evalEvery, long seed,
      String data, int perClass, String preprocessing, boolean augment, NetworkSpec explicit,
      MetricsSettings metrics) {
    this(
        family, activation, depth, width, batchNorm, dropout, init, optimizer, lr, momentum,
        weightDecay, schedule, batch, steps, evalEvery, seed, data, perClass, preprocessing,
        augment, explicit, metrics, Kernels.preferred().id());
  }

  /** The plain family's limits: 20 conv layers, base width 256 (1024 channels in its last stage). */
  public static final int MAX_DEPTH = 20;

  public static final int MAX_PLAIN_WIDTH = 256;
  /** paper11's widths in percent of the paper's (100: 192 to 300 channels). */
  public static final int MAX_PAPER11_PERCENT = 200;

  public static final int MAX_BATCH = 4096;
  /** Ten million steps: 60 times the paper's longest schedule. */
  public static final int MAX_STEPS = 10_000_000;

  public static final int MAX_PER_CLASS = 1_000_000;

  /**
   * The paper's Figure 2 protocol: plain net, He init, plain SGD at lr 0.01, batch 64. (With
   * momentum 0.9, He-initialised plain nets diverge at this rate; PyTorch's too.) The command line
   * takes its defaults from here.
   */
  public static TrainSpec defaults() {
    return new TrainSpec(
        "plain", ActivationSpec.of("elu"), 6, 32, false, 0, "auto", "sgd", 0.01, 0, 0, "constant",
        64, 300, 60, 1, "default", 0, "standardize", false, null, null,
        Kernels.preferred().id());
  }

  /** The same spec on another dataset ({@code sample}, a path, or {@code default}). */
  public TrainSpec withData(String newData) {
    return new TrainSpec(
        family, activation, depth, width, batchNorm, dropout, init, optimizer, lr, momentum,
        weightDecay, schedule, batch, steps, evalEvery, seed, newData, perClass, preprocessing,
        augment, explicit, metrics, kernels);
  }

  /** The same spec on other kernels. */
  public TrainSpec withKernels(Kernels other) {
    return new TrainSpec(
        family, activation, depth, width, batchNorm, dropout, init, optimizer, lr, momentum,
        weightDecay, schedule, batch, steps, evalEvery, seed, data, perClass, preprocessing,
        augment, explicit, metrics, other.id());
  }

  /** The network this spec trains. */
  public NetworkSpec network() {
    NetworkSpec net;
    switch (family) {
      case "reference":
        net = NetworkSpec.reference(activation);
        break;
      case "paper11":
        net = NetworkSpec.paper11(activation, width / 100.0);
        break;
      case "explicit":
        net = explicit;
        break;
      default:
        net = NetworkSpec.plain(depth, width, List.of(activation), batchNorm, dropout);
    }
    return init.equals("auto") ? net : net.withInit(Init.parse(init));
  }

  public Optimizer newOptimizer() {
    switch (optimizer) {
      case "adam":
        return Adam.defaults(weightDecay);
      case "nesterov":
        return new Sgd(momentum, true, weightDecay);
      default:
        return new Sgd(momentum, false, weightDecay);
    }
  }

  public LrSchedule lrSchedule() {
    switch (schedule) {
      case "paper-steps":
        return LrSchedule.Steps.paperScaledTo(steps, lr);
      case "cosine":
        return new LrSchedule.Cosine(lr, 0, steps);
      default:
        return new LrSchedule.Constant(lr);
    }
  }

  /** A short description for legends and run ids, e.g. {@code elu-d6-w32-s7}. */
  public String shortName() {
    String base = activation.id() + (family.equals("plain") ? "-d" + depth + "-w" + width : "-" + family);
    return base + (batchNorm ? "-bn" : "") + "-s" + seed;
  }

  private static void require(Object value, String field) {
    check(value != null, field, "is missing");
  }

  private static void check(boolean ok, String field, String problem) {
    InvalidField.check(ok, field, problem);
  }
}
