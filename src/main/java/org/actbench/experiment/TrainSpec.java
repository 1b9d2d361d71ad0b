package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.InvalidField;
import org.actbench.engine.Kernels;
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
 *     run's spec.json, what ran. Absent in spec files written before it existed, whose runs ran on
 *     ND4J's ops: null reads as {@code nd4j}
 * @param forkOf the run and step this run was forked from ({@link Fork}); null for a run of its own
 * @param correctBiasShift whether each step's update is corrected by the bias-shift term of the
 *     unit natural gradient; null (spec files from before it) reads as {@code off}
 *     <p>The closed sets are enums written as their ids, so spec.json reads as it always has. New
 *     specs are made with {@link #builder()} (the defaults, then what differs) or {@link
 *     #toBuilder()}.
 */
public record TrainSpec(
    NetworkFamily family,
    ActivationSpec activation,
    int depth,
    int width,
    boolean batchNorm,
    double dropout,
    InitChoice init,
    OptimizerKind optimizer,
    double lr,
    double momentum,
    double weightDecay,
    ScheduleKind schedule,
    int batch,
    int steps,
    int evalEvery,
    long seed,
    String data,
    int perClass,
    PreprocessingKind preprocessing,
    boolean augment,
    NetworkSpec explicit,
    MetricsSettings metrics,
    Kernels kernels,
    @JsonInclude(JsonInclude.Include.NON_NULL) ForkOrigin forkOf,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = CorrectionKind.Off.class)
        CorrectionKind correctBiasShift) {

  public TrainSpec {
    require(family, "family");
    require(activation, "activation");
    require(init, "init");
    require(optimizer, "optimizer");
    require(schedule, "schedule");
    require(data, "data");
    require(preprocessing, "preprocessing");
    if (metrics == null) {
      metrics = MetricsSettings.defaults();
    }
    kernels = kernels == null ? Kernels.ND4J : kernels;
    correctBiasShift = correctBiasShift == null ? CorrectionKind.OFF : correctBiasShift;
    check(
        family != NetworkFamily.EXPLICIT || explicit != null,
        "explicit",
        "is needed by family explicit (its layers)");
    if (family == NetworkFamily.PLAIN) {
      InvalidField.inRange(depth, 1, MAX_DEPTH, "depth");
      InvalidField.inRange(width, 1, MAX_PLAIN_WIDTH, "width");
    } else if (family == NetworkFamily.PAPER11) {
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
  }

  /**
   * The plain family's limits: 20 conv layers, base width 256 (1024 channels in its last stage).
   */
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
   * takes its defaults from here; its net is the window form's (depth 6, width 16), whose
   * measurements at every step fit the default budget (a width of 32 has a layer of 1,152 inputs,
   * whose probe alone costs two of its steps).
   */
  public static TrainSpec defaults() {
    return new TrainSpec(
        NetworkFamily.PLAIN,
        ActivationSpec.of("elu"),
        6,
        16,
        false,
        0,
        InitChoice.AUTO,
        OptimizerKind.SGD,
        0.01,
        0,
        0,
        ScheduleKind.CONSTANT,
        64,
        300,
        60,
        1,
        "default",
        0,
        PreprocessingKind.STANDARDIZE,
        false,
        null,
        null,
        Kernels.preferred(),
        null,
        CorrectionKind.OFF);
  }

  /** A spec for new runs: {@link #defaults} (on oneDNN where it runs), then what differs. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** This spec, to change a few fields of. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The same spec on another dataset ({@code sample}, a path, or {@code default}). */
  public TrainSpec withData(String newData) {
    return toBuilder().data(newData).build();
  }

  /** The same spec on other kernels. */
  public TrainSpec withKernels(Kernels other) {
    return toBuilder().kernels(other).build();
  }

  /** The network this spec trains. */
  public NetworkSpec network() {
    NetworkSpec net =
        switch (family) {
          case REFERENCE -> NetworkSpec.reference(activation);
          case PAPER11 -> NetworkSpec.paper11(activation, width / 100.0);
          case EXPLICIT -> explicit;
          case PLAIN -> NetworkSpec.plain(depth, width, List.of(activation), batchNorm, dropout);
        };
    return init == InitChoice.AUTO ? net : net.withInit(init.or(net.init()));
  }

  public Optimizer newOptimizer() {
    return switch (optimizer) {
      case ADAM -> Adam.defaults(weightDecay);
      case NESTEROV -> new Sgd(momentum, true, weightDecay);
      case SGD -> new Sgd(momentum, false, weightDecay);
    };
  }

  public LrSchedule lrSchedule() {
    return switch (schedule) {
      case PAPER_STEPS -> LrSchedule.Steps.paperScaledTo(steps, lr);
      case COSINE -> new LrSchedule.Cosine(lr, 0, steps);
      case CONSTANT -> new LrSchedule.Constant(lr);
    };
  }

  /** A short description for legends and run ids, e.g. {@code elu-d6-w32-s7}. */
  public String shortName() {
    String base =
        activation.id()
            + (family == NetworkFamily.PLAIN ? "-d" + depth + "-w" + width : "-" + family.id());
    String corrected = correctBiasShift == CorrectionKind.OFF ? "" : "-bsc";
    return base + (batchNorm ? "-bn" : "") + corrected + "-s" + seed;
  }

  private static void require(Object value, String field) {
    check(value != null, field, "is missing");
  }

  private static void check(boolean ok, String field, String problem) {
    InvalidField.check(ok, field, problem);
  }

  /** Builds a spec field by field; {@link #build} checks it as the constructor does. */
  public static final class Builder {
    private NetworkFamily family;
    private ActivationSpec activation;
    private int depth;
    private int width;
    private boolean batchNorm;
    private double dropout;
    private InitChoice init;
    private OptimizerKind optimizer;
    private double lr;
    private double momentum;
    private double weightDecay;
    private ScheduleKind schedule;
    private int batch;
    private int steps;
    private int evalEvery;
    private long seed;
    private String data;
    private int perClass;
    private PreprocessingKind preprocessing;
    private boolean augment;
    private NetworkSpec explicit;
    private MetricsSettings metrics;
    private Kernels kernels;
    private ForkOrigin forkOf;
    private CorrectionKind correctBiasShift;

    private Builder(TrainSpec s) {
      family = s.family;
      activation = s.activation;
      depth = s.depth;
      width = s.width;
      batchNorm = s.batchNorm;
      dropout = s.dropout;
      init = s.init;
      optimizer = s.optimizer;
      lr = s.lr;
      momentum = s.momentum;
      weightDecay = s.weightDecay;
      schedule = s.schedule;
      batch = s.batch;
      steps = s.steps;
      evalEvery = s.evalEvery;
      seed = s.seed;
      data = s.data;
      perClass = s.perClass;
      preprocessing = s.preprocessing;
      augment = s.augment;
      explicit = s.explicit;
      metrics = s.metrics;
      kernels = s.kernels;
      forkOf = s.forkOf;
      correctBiasShift = s.correctBiasShift;
    }

    public Builder family(NetworkFamily v) {
      family = v;
      return this;
    }

    public Builder activation(ActivationSpec v) {
      activation = v;
      return this;
    }

    public Builder activation(String id) {
      return activation(ActivationSpec.of(id));
    }

    public Builder depth(int v) {
      depth = v;
      return this;
    }

    public Builder width(int v) {
      width = v;
      return this;
    }

    public Builder batchNorm(boolean v) {
      batchNorm = v;
      return this;
    }

    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    public Builder init(InitChoice v) {
      init = v;
      return this;
    }

    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    public Builder lr(double v) {
      lr = v;
      return this;
    }

    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder schedule(ScheduleKind v) {
      schedule = v;
      return this;
    }

    public Builder batch(int v) {
      batch = v;
      return this;
    }

    public Builder steps(int v) {
      steps = v;
      return this;
    }

    public Builder evalEvery(int v) {
      evalEvery = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder data(String v) {
      data = v;
      return this;
    }

    public Builder perClass(int v) {
      perClass = v;
      return this;
    }

    public Builder preprocessing(PreprocessingKind v) {
      preprocessing = v;
      return this;
    }

    public Builder augment(boolean v) {
      augment = v;
      return this;
    }

    /** Layers of family {@code explicit} (sets the family). */
    public Builder explicit(NetworkSpec v) {
      explicit = v;
      family = NetworkFamily.EXPLICIT;
      return this;
    }

    public Builder metrics(MetricsSettings v) {
      metrics = v;
      return this;
    }

    public Builder kernels(Kernels v) {
      kernels = v;
      return this;
    }

    public Builder forkOf(ForkOrigin v) {
      forkOf = v;
      return this;
    }

    public Builder correctBiasShift(CorrectionKind v) {
      correctBiasShift = v;
      return this;
    }

    public TrainSpec build() {
      return new TrainSpec(
          family,
          activation,
          depth,
          width,
          batchNorm,
          dropout,
          init,
          optimizer,
          lr,
          momentum,
          weightDecay,
          schedule,
          batch,
          steps,
          evalEvery,
          seed,
          data,
          perClass,
          preprocessing,
          augment,
          explicit,
          metrics,
          kernels,
          forkOf,
          correctBiasShift);
    }
  }
}
