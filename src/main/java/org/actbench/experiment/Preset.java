package org.actbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;

/**
 * The paper's experiments as ready-made sets of runs, with paired seeds (the same seed gives every
 * activation the same initial weights and batches), each saying how it differs from the paper.
 */
public enum Preset {
  FIGURE2("figure2", "Figure 2: mean activation and loss, deep net", 500) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        for (ActivationKind act : ActivationKind.IN_THE_PAPER) {
          out.add(plain(act.id(), 8, false, data, seed, steps));
        }
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "The paper: a fully connected net of 8 hidden layers x 128 units on MNIST, 300 epochs, unit means on a"
          + " fixed training subset after every epoch, 5 runs. Here: a plain CNN of 8 conv layers (width 16, 32, 64) on "
          + data
          + ", "
          + steps
          + " steps of batch 64 ("
          + epochs(epochs)
          + " epochs), unit means on"
          + " each logged training batch, "
          + seeds
          + " paired seed(s). Same SGD at lr 0.01, He initialisation.";
    }
  },
  PAPER11(
      "paper11", "Activation comparison at small scale (the paper's 11-layer net, scaled)", 1000) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        for (ActivationKind act : ActivationKind.IN_THE_PAPER) {
          out.add(
              TrainSpec.builder()
                  .family(NetworkFamily.PAPER11)
                  .activation(ActivationSpec.of(act))
                  .depth(11)
                  .width(10)
                  .momentum(0.9)
                  .weightDecay(5e-4)
                  .schedule(ScheduleKind.PAPER_STEPS)
                  .steps(steps)
                  .evalEvery(Math.max(1, steps / 5))
                  .seed(seed)
                  .data(data)
                  .preprocessing(PreprocessingKind.GCN_ZCA)
                  .augment(true)
                  .build());
        }
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "The paper: CIFAR-100, the 11-layer net at full width (192..300 units), 165k iterations with its step"
          + " schedule, 10 runs. Here: "
          + data
          + ", every width at 10 %, "
          + steps
          + " steps of batch 64"
          + " with the step schedule scaled to them, "
          + seeds
          + " paired seed(s). Same GCN + ZCA, padding and crops,"
          + " flips, dropout per stack, L2 5e-4, momentum 0.9, lr 0.01.";
    }
  },
  BN("bn", "BN versus no BN", 500) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        for (String act : List.of("elu", "relu")) {
          for (boolean bn : new boolean[] {false, true}) {
            out.add(plain(act, 8, bn, data, seed, steps));
          }
        }
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "The paper (Fig. 5): the 11-layer CIFAR-100 net with and without batch normalisation, 10 runs; BN helped ReLU"
          + " but not ELU. Here: a plain CNN of 8 conv layers, BN before each activation or none, "
          + steps
          + " steps ("
          + epochs(epochs)
          + " epochs), "
          + seeds
          + " paired seed(s), SGD lr 0.01.";
    }
  },
  DEMO("demo", "One-minute demo: ELU against ReLU", 400) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        for (String act : List.of("elu", "relu")) {
          out.add(demo(act, data, seed, steps));
        }
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "Sized to show Figure 2's effect within a minute here: a plain CNN of "
          + DEMO_DEPTH
          + " conv layers (width "
          + DEMO_WIDTH
          + "), batch "
          + DEMO_BATCH
          + ", "
          + steps
          + " steps on "
          + data
          + " ("
          + epochs(epochs)
          + " epochs), unit means every "
          + DEMO_LOG_EVERY
          + " steps, the bias-shift probe every "
          + DEMO_PROBE_EVERY
          + ", "
          + seeds
          + " paired seed(s). The paper: 8 x 128 dense layers on MNIST, 300 epochs.";
    }
  },
  DEPTH("depth-sweep", "Depth sweep", 500) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        for (int depth : new int[] {2, 4, 6, 8, 10}) {
          for (String act : List.of("elu", "relu")) {
            out.add(plain(act, depth, false, data, seed, steps));
          }
        }
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "The paper claims the gain grows with depth (\"more than 5 layers\") but has no sweep. Here: plain CNNs of 2,"
          + " 4, 6, 8 and 10 conv layers with ELU and ReLU, "
          + steps
          + " steps each ("
          + epochs(epochs)
          + " epochs), "
          + seeds
          + " paired seed(s); compare the ELU - ReLU loss gap across depths.";
    }
  },
  COUNTERFACTUAL(
      "counterfactual",
      "Bias-shift correction: does ReLU + correction close the gap to ELU?",
      500) {
    @Override
    List<TrainSpec> build(String data, int seeds, int steps) {
      List<TrainSpec> out = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        out.add(plain("relu", 8, false, data, seed, steps));
        out.add(
            plain("relu", 8, false, data, seed, steps).toBuilder()
                .correctBiasShift(CorrectionKind.SHARED)
                .build());
        out.add(plain("elu", 8, false, data, seed, steps));
      }
      return out;
    }

    @Override
    public String differences(int seeds, int steps, String data, double epochs) {
      return "Not in the paper, which argues that ELU learns faster because it causes less bias shift and so"
          + " brings the plain gradient nearer the unit natural gradient. Here the argument is tested by"
          + " intervention: ReLU, ReLU with every update's bias-shift term removed (shared means), and ELU,"
          + " a plain CNN of 8 conv layers (width 16) on "
          + data
          + ", "
          + steps
          + " steps of batch 64 ("
          + epochs(epochs)
          + " epochs), "
          + seeds
          + " paired seed(s), SGD lr 0.01.";
    }
  };

  private final String id;
  private final String title;
  private final int defaultSteps;

  Preset(String id, String title, int defaultSteps) {
    this.id = id;
    this.title = title;
    this.defaultSteps = defaultSteps;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public int defaultSteps() {
    return defaultSteps;
  }

  /** The tag its runs carry in meta.json. */
  public String tag() {
    return "preset:" + id;
  }

  abstract List<TrainSpec> build(String data, int seeds, int steps);

  /** Every run of the preset, seed-major (a stopped preset still has complete paired seeds). */
  public List<TrainSpec> specs(String data, int seeds, int steps) {
    if (seeds < 1 || steps < 1) {
      throw new IllegalArgumentException(
          "a preset needs seeds >= 1 and steps >= 1, got " + seeds + " and " + steps);
    }
    return build(data, seeds, steps);
  }

  public static Preset parse(String id) {
    for (Preset p : values()) {
      if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "preset must be figure2, paper11, bn, demo, depth-sweep or counterfactual, got '"
            + id
            + "'");
  }

  /** The preset a run's tags name, if any. */
  public static java.util.Optional<Preset> ofTags(List<String> tags) {
    for (Preset p : values()) {
      if (tags.contains(p.tag())) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  static String epochs(double epochs) {
    return String.format(Locale.ROOT, "%.2f", epochs);
  }

  /**
   * How this preset differs from the paper, for {@code steps} on {@code data} ("CIFAR-10", or the
   * sample set by its own name) that make {@code epochs} epochs of it.
   */
  public abstract String differences(int seeds, int steps, String data, double epochs);

  /** How this setup differs from the paper's on CIFAR-10 (50,000 training images). */
  public String differences(int seeds, int steps) {
    return differences(seeds, steps, "CIFAR-10", steps * 64 / 50000.0);
  }

  static final int DEMO_DEPTH = 6;
  static final int DEMO_WIDTH = 8;
  static final int DEMO_BATCH = 32;
  static final int DEMO_LOG_EVERY = 2;
  static final int DEMO_PROBE_EVERY = 10;

  /** Images in the teaching probe's batch (the default probe: 32). */
  static final int TEACHING_PROBE_SIZE = 8;

  /** Sampled rows per layer in the teaching probe (the default probe: 4096). */
  static final int TEACHING_PROBE_ROWS = 256;

  /**
   * The bias-shift probe of lessons and the demo, every {@code every} steps: on {@value
   * #TEACHING_PROBE_SIZE} images and at most {@value #TEACHING_PROBE_ROWS} rows per layer. On these
   * small nets the default probe (32 images, 4096 rows) costs many training steps, its
   * double-precision covariance of 4096 rows per layer not shrinking with the net; this one costs
   * one or two (docs/performance.md, "The probe in lessons", has the figures).
   */
  public static ProbeSettings teachingProbe(int every) {
    ProbeSettings d = ProbeSettings.defaults();
    return new ProbeSettings(
        every, TEACHING_PROBE_SIZE, d.fisher(), d.covariance(), d.damping(), TEACHING_PROBE_ROWS);
  }

  /**
   * What a lesson's runs measure: unit means every {@code logEvery} steps and the teaching probe
   * every {@code probeEvery} steps; with a {@code budget} (percent of training time, or null for
   * none) at most that often, the budget widening both as their measured cost requires ({@code
   * metrics.MeasurementBudget}).
   */
  public static MetricsSettings teachingMetrics(int logEvery, int probeEvery, Double budget) {
    return new MetricsSettings(logEvery, 100, 50, teachingProbe(probeEvery), budget);
  }

  /**
   * The demo's run: small enough that two train at once at many steps a second on two cores, deep
   * enough that ReLU's unit means drift. Fixed intervals, as in the lessons: unit means every 2
   * steps (the visible gap is timed on them) and the teaching probe every 10, so that the bias
   * shift draws a curve of 41 points; together about twice the training time on this net
   * (docs/performance.md, "The probe in lessons").
   */
  static TrainSpec demo(String act, String data, long seed, int steps) {
    return TrainSpec.builder()
        .activation(ActivationSpec.of(act))
        .depth(DEMO_DEPTH)
        .width(DEMO_WIDTH)
        .batch(DEMO_BATCH)
        .steps(steps)
        .evalEvery(Math.max(1, steps / 4))
        .seed(seed)
        .data(data)
        .metrics(new MetricsSettings(DEMO_LOG_EVERY, 100, 50, teachingProbe(DEMO_PROBE_EVERY)))
        .build();
  }

  static TrainSpec plain(String act, int depth, boolean bn, String data, long seed, int steps) {
    return TrainSpec.builder()
        .activation(ActivationSpec.of(act))
        .depth(depth)
        .width(16)
        .batchNorm(bn)
        .steps(steps)
        .evalEvery(Math.max(1, steps / 5))
        .seed(seed)
        .data(data)
        .build();
  }
}
