package org.actbench.metrics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.GradientTap;
import org.actbench.engine.LayerInput;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bias shift against the unit natural gradient measured on the training step's own batch, at a
 * fraction of the {@link BiasShiftProbe}'s cost: no pass of its own, no observed pass. With the
 * shared covariance (paper-notes §2, the cheap variant) a unit's ρ, cosine and ‖t‖/‖g̃‖ need only
 *
 * <ul>
 *   <li>the plain gradient (g, g₀) of each unit: the step's own parameter gradients, copied before
 *       the update by a {@link GradientTap} (dL/dW = (1/N)Σ δa is P times E[δa] over the (example,
 *       position) rows: a common scale, which none of the quantities sees);
 *   <li>μ and Σ of the values fed into the layer: from R rows drawn afresh at each probe (by the
 *       run's seed and the step, so a resumed run draws the same) out of the step's layer input,
 *       read where it lies ({@link LayerInput}; im2col patches for a conv layer, padding included);
 *       Σ = ZᵀZ + εI with Z the centred rows over √R, formed in single precision (sgemm; its
 *       rounding, about 10⁻⁶ of an entry, is far below the rows' sampling error, about 1/√R), its
 *       ZᵀZ averaged over the last few probes ({@link #WINDOW}; for a dense layer fed more units
 *       than the batch has examples, this probe's alone, on the R x R side), then factored and
 *       solved in double.
 * </ul>
 *
 * <p>c = E[δ²] scales g̃ and t alike and cancels from every quantity recorded, so it is not
 * measured: results carry c = 1. What changes against the probe batch: the batch is the step's
 * (training mode: dropout masks and batch statistics as the step used them), a new one at each
 * probe, so successive points vary with their batches as the loss curve does; and Σ carries the
 * last few probes' inputs (a resumed run starts its average afresh). A corrected run's taken update
 * is measured with the μ its correction used on that batch.
 */
public final class StepProbe implements GradientTap {
  /**
   * Probes a running Σ averages over, about: four probes of 1,024 rows give the 4,096 a probe batch
   * gave (fewer rows than about 7·d bias the cosine: see StepProbeTest), and at the default
   * interval of 10 they span 40 steps, over which the inputs' covariance moves little.
   */
  static final int WINDOW = 4;

  private final ProbeSettings settings;
  private final long seed;
  private final boolean corrected; // the update takes other gradients than the plain ones
  private final boolean weighted; // the correction's μ is each unit's δ²-weighted one
  private final List<Measured> layers = new ArrayList<>();
  private final boolean[] share; // which of the two shares each layer is measured in
  private boolean armed; // the coming step is probed: its gradients are copied
  private boolean copied; // the last step's gradients were copied

  /** One measured layer: where its input lies and what is copied of its gradients. */
  private static final class Measured {
    final Layer layer;
    final INDArray
        x; // the plain input and output gradient (readable on corrected, observed passes)
    final INDArray dLdy;
    final String name;
    final Conv2d conv; // null for a dense layer
    final LayerInput input;
    final Param weight;
    final Param bias;
    final int units;
    final int d;
    final float[] gPlain; // [m·d], then the bias [m]
    final float[] gTaken; // the same after the correction, or null
    final int rows; // R: drawn at each probe
    final float[] z; // [R, d]: the rows drawn, then (rows − μ)/√R
    final INDArray zNative; // the same for sgemm, when R ≥ d; else null
    final INDArray productNative; // ZᵀZ [d, d], when R ≥ d
    final float[] product; // ZᵀZ on the heap
    final double[] running; // Σ averaged over the last probes (d x d), when R ≥ d
    final double[] damped; // Σ + εI, factored at each probe
    int probes; // folded into running so far

    Measured(
        Layer layer, LayerInput input, INDArray x, INDArray dLdy, boolean corrected, int maxRows) {
      this.layer = layer;
      this.x = x;
      this.dLdy = dLdy;
      this.name = layer.name();
      this.conv = layer instanceof Conv2d c ? c : null;
      this.input = input;
      List<Param> p = layer.params();
      this.weight = p.get(0);
      this.bias = p.get(1);
      this.units = (int) bias.value().length();
      this.d = (int) (weight.value().length() / units);
      this.gPlain = new float[units * d + units];
      this.gTaken = corrected ? new float[gPlain.length] : null;
      int perExample =
          conv == null
              ? 1
              : (int)
                  (conv.outputShape(new long[] {input.channels(), input.height(), input.width()})[1]
                      * conv.outputShape(
                              new long[] {input.channels(), input.height(), input.width()})[2]);
      this.rows = (int) Math.min(maxRows, (long) input.batch() * perExample);
      this.z = new float[rows * d];
      boolean tall = rows >= d; // made once: a probe allocates no native memory
      this.zNative = tall ? Nd4j.createUninitialized(DataType.FLOAT, rows, d) : null;
      this.productNative = tall ? Nd4j.createUninitialized(DataType.FLOAT, d, d) : null;
      this.product = tall ? new float[d * d] : null;
      this.running = tall ? new double[d * d] : null;
      this.damped = tall ? new double[d * d] : null;
    }

    /** Drops what was folded into the running Σ. */
    void forget() {
      if (running != null) {
        java.util.Arrays.fill(running, 0);
      }
      probes = 0;
    }

    /**
     * Folds this probe's ZᵀZ into the running Σ: the mean of the first ones, then an exponential
     * average that gives this probe 1/{@link #WINDOW} (K-FAC's running factors, Martens & Grosse
     * 2015): about WINDOW·R rows behind each estimate, the oldest a few probes back.
     */
    void fold() {
      double w = Math.max(1.0 / (probes + 1), 1.0 / WINDOW);
      for (int i = 0; i < running.length; i++) {
        running[i] += w * (product[i] - running[i]);
      }
      probes++;
      System.arraycopy(running, 0, damped, 0, running.length);
    }

    void copyGradients(float[] into) {
      weight.grad().data().asNioFloat().get((int) weight.grad().offset(), into, 0, units * d);
      bias.grad().data().asNioFloat().get((int) bias.grad().offset(), into, units * d, units);
    }
  }

  /**
   * @param bound the training binding, whose inputs are read after each probed step
   * @param correction what the run does to each gradient before its update: its taken update is
   *     measured with the μ it uses (whose pass it observes)
   */
  StepProbe(
      Network network,
      Network.Bound bound,
      ProbeSettings settings,
      long seed,
      GradientCorrection correction) {
    this(
        measured(network, bound, correction != GradientCorrection.NONE, settings.maxRows()),
        settings,
        seed,
        correction);
    warmUp();
    warmShapes();
  }

  /**
   * One probe of every layer at its own size on random rows and gradients, then forgotten: the
   * first probe at a shape pays for its memory's first touch, BLAS's buffers and the JIT's work on
   * those loops (3–6 plain steps for the first few probes of a run without it, about one after),
   * and the budget would price the probe by them. Before the run's first step, about one probe's
   * time.
   */
  private void warmShapes() {
    SplitMix64 random = new SplitMix64(seed);
    for (Measured m : layers) {
      rows(m, seed); // the gather, from the binding as it stands (not yet a pass)
      for (int i = 0; i < m.z.length; i++) {
        m.z[i] = (float) random.nextDouble();
      }
      for (int i = 0; i < m.gPlain.length; i++) {
        m.gPlain[i] = (float) (random.nextDouble() - 0.5);
      }
      if (m.gTaken != null) {
        System.arraycopy(m.gPlain, 0, m.gTaken, 0, m.gPlain.length);
      }
      Pass p = new Pass(0, m, m.z);
      p.products();
      p.finish();
      m.forget();
    }
  }

  private StepProbe(
      List<Measured> layers, ProbeSettings settings, long seed, GradientCorrection correction) {
    this.settings = settings;
    this.seed = seed;
    this.corrected = correction != GradientCorrection.NONE;
    this.weighted =
        correction instanceof BiasShiftCorrection c
            && c.covariance() == UnitNaturalGradient.Covariance.UNIT;
    this.layers.addAll(layers);
    share = shares(layers);
  }

  private static List<Measured> measured(
      Network network, Network.Bound bound, boolean corrected, int maxRows) {
    Set<String> names = Set.copyOf(BiasShiftProbe.receivers(network).values());
    List<Layer> all = network.layers();
    List<Measured> out = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      if (names.contains(all.get(i).name())) {
        Layer layer = all.get(i);
        INDArray x = bound.layers().get(i - 1).y();
        INDArray dLdy = bound.layers().get(i).dLdy();
        out.add(new Measured(layer, bound.layerInput(i), x, dLdy, corrected, maxRows));
      }
    }
    return out;
  }

  private static final AtomicBoolean WARM = new AtomicBoolean();

  /**
   * Once per process, before the first run's first probe: 40 probes of a small synthetic conv layer
   * (16 channels in and out, 8 examples of 8 x 8, blocked by 16, 256 rows), about 0.1 s, so that
   * the JIT has compiled the probe's loops. Without it the first five to ten probes of a run cost
   * 6–12 plain steps each instead of about one, and a 15 % budget spent on them has nothing left
   * for a curve.
   */
  static void warmUp() {
    if (!WARM.compareAndSet(false, true)) {
      return;
    }
    int n = 8;
    int c = 16;
    int h = 8;
    SplitMix64 random = new SplitMix64(1);
    FloatBuffer values =
        ByteBuffer.allocateDirect(n * c * h * h * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < values.capacity(); i++) {
      values.put(i, (float) random.nextDouble());
    }
    Conv2d conv =
        new Conv2d(
            "warm-up",
            Nd4j.zeros(DataType.FLOAT, c, c, 3, 3),
            Nd4j.zeros(DataType.FLOAT, c),
            1,
            true);
    Measured layer =
        new Measured(
            conv, new LayerInput(values, 0, new int[] {n, c, h, h}, 16), null, null, false, 256);
    StepProbe probe =
        new StepProbe(
            List.of(layer),
            new ProbeSettings(1, 2, "empirical", "shared", 1e-3, 256, ProbeSettings.STEP),
            1,
            GradientCorrection.NONE);
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < layer.gPlain.length; j++) {
        layer.gPlain[j] = (float) (random.nextDouble() - 0.5);
      }
      probe.copied = true;
      probe.measure(i);
    }
  }

  /**
   * Two shares of the layers of about equal cost, the dearest placed first (a layer of R rows costs
   * about n²·(n + m) with n = min(R, d): its factor and its m + 1 solves).
   */
  private static boolean[] shares(List<Measured> layers) {
    Integer[] order = new Integer[layers.size()];
    double[] cost = new double[layers.size()];
    for (int l = 0; l < order.length; l++) {
      Measured m = layers.get(l);
      order[l] = l;
      double n = Math.min(m.d, m.rows);
      cost[l] = n * n * (n + m.units);
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(cost[b], cost[a]));
    boolean[] first = new boolean[order.length];
    double[] load = new double[2];
    for (int l : order) {
      boolean toFirst = load[0] <= load[1];
      first[l] = toFirst;
      load[toFirst ? 0 : 1] += cost[l];
    }
    return first;
  }

  /** A probe on {@code step}'s binding, tapping its gradients: for timing it alone. */
  public static StepProbe forBenchmark(
      Network network, Network.Bound bound, ProbeSettings settings, long seed, TrainingStep step) {
    StepProbe probe = new StepProbe(network, bound, settings, seed, GradientCorrection.NONE);
    step.tapGradients(probe);
    return probe;
  }

  /** Whether the coming step is probed: its gradients are copied before the update. */
  public void arm(boolean on) {
    armed = on;
  }

  @Override
  public void plain() {
    copied = armed;
    if (armed) {
      for (Measured m : layers) {
        m.copyGradients(m.gPlain);
      }
    }
  }

  @Override
  public void taken() {
    if (armed && corrected) {
      for (Measured m : layers) {
        m.copyGradients(m.gTaken);
      }
    }
  }

  /** The measurement after {@code step}, whose gradients were copied (it was armed). */
  public List<BiasShiftRecord> measure(long step) {
    if (!copied) {
      throw new IllegalStateException("step " + step + " was not armed: its gradients are gone");
    }
    copied = false;
    // Most of a layer's work is single-threaded Java, and layers are independent: two shares of
    // about equal cost run at once (this thread and the common pool's worker, between two
    // training steps that leave both cores idle). ND4J's products run on this thread between the
    // two halves, with both cores: BLAS beside a busy Java thread waits on its own threads.
    Pass[] passes = new Pass[layers.size()];
    inShares(l -> passes[l] = new Pass(step, layers.get(l), rowSeed(step, l)));
    for (Pass p : passes) {
      p.products();
    }
    BiasShiftRecord[] out = new BiasShiftRecord[passes.length];
    inShares(l -> out[l] = passes[l].finish());
    return List.of(out);
  }

  /** Runs {@code work} for every layer, the two shares (see {@link #share}) at once. */
  private void inShares(java.util.function.IntConsumer work) {
    ForkJoinTask<?> other =
        ForkJoinPool.commonPool()
            .submit(
                () -> {
                  for (int l = 0; l < share.length; l++) {
                    if (!share[l]) {
                      work.accept(l);
                    }
                  }
                });
    for (int l = 0; l < share.length; l++) {
      if (share[l]) {
        work.accept(l);
      }
    }
    other.join();
  }

  /** The rows layer l draws after {@code step}: the same in a resumed run. */
  private long rowSeed(long step, int l) {
    return SplitMix64.derive(SplitMix64.derive(seed, 7919L * (l + 1)).nextLong(), step).nextLong();
  }

  /** One layer's measurement in its three parts. */
  private final class Pass {
    final long step;
    final Measured m;
    final int d;
    final int r;
    final float[] z; // the rows drawn, then Z = (rows − μ)/√R when R ≥ d
    final double[] zWide; // Z in double when R < d, else null
    final double[] mu;
    final boolean finite;
    DampedGramSolver solver;
    double[][] solved; // when R < d, solved beside the products
    double[][] takenMu; // μ for the taken update's measures

    /** Draws the rows, their mean μ and Z (Java, either share). */
    Pass(long step, Measured m, long rowSeed) {
      this(step, m, rows(m, rowSeed));
    }

    /** From rows already in the layer's {@code z}. */
    Pass(long step, Measured m, float[] rows) {
      this.step = step;
      this.m = m;
      this.d = m.d;
      this.z = rows;
      this.r = m.rows;
      this.mu = new double[d];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < d; j++) {
          mu[j] += z[i * d + j];
        }
      }
      boolean ok = true;
      for (int j = 0; j < d; j++) {
        mu[j] /= r;
        ok &= Double.isFinite(mu[j]);
      }
      for (float g : m.gPlain) {
        ok &= Float.isFinite(g);
      }
      this.finite = ok;
      double scale = 1 / Math.sqrt(r);
      if (r < d) { // Z in double: the R x R side's 1/ε amplifies a float's rounding
        zWide = new double[z.length];
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < d; j++) {
            zWide[i * d + j] = (z[i * d + j] - mu[j]) * scale;
          }
        }
        return;
      }
      zWide = null;
      for (int i = 0; i < r; i++) { // centred in place: the rows are this probe's own copy
        for (int j = 0; j < d; j++) {
          z[i * d + j] = (float) ((z[i * d + j] - mu[j]) * scale);
        }
      }
    }

    /**
     * ZᵀZ in single precision by sgemm when there are at least as many rows as columns (its
     * rounding, about 10⁻⁶ of an entry, is far below the rows' sampling error, about 1/√R); else (a
     * dense layer fed more units than the batch has examples) the damped solve in double on the R x
     * R side, whole. ND4J, on the calling thread.
     */
    void products() {
      if (!finite) {
        return;
      }
      // a corrected run's update removes μᵀg with the μ of the whole batch (per unit if its
      // correction is unit), read from the plain copies of its observed pass
      takenMu =
          corrected
              ? LayerSamples.means(m.layer, m.x, m.dLdy, weighted).toDoubleMatrix()
              : new double[][] {mu};
      if (zWide != null) {
        solver =
            new DampedGramSolver(
                Nd4j.create(zWide, new long[] {r, d}, DataType.DOUBLE), settings.damping());
        solved = solver.solve(rightHandSides());
        return;
      }
      m.zNative.data().asNioFloat().put(0, z);
      Nd4j.gemm(
          m.zNative, m.zNative, m.productNative, true, false, 1.0, 0.0); // ZᵀZ: [d, R] x [R, d]
      m.productNative.data().asNioFloat().get(0, m.product);
    }

    /** For unit i, g_i − g₀ᵢμ; last, μ. */
    double[][] rightHandSides() {
      int units = m.units;
      double[][] rhs = new double[units + 1][];
      for (int i = 0; i < units; i++) {
        double g0 = m.gPlain[units * d + i];
        rhs[i] = new double[d];
        for (int j = 0; j < d; j++) {
          rhs[i][j] = m.gPlain[i * d + j] - g0 * mu[j];
        }
      }
      rhs[units] = mu;
      return rhs;
    }

    /** The factor, the solves and the medians (Java, either share). */
    BiasShiftRecord finish() {
      int units = m.units;
      if (!finite) { // a diverging run: nothing to measure, and the training loop will say so
        double nan = Double.NaN;
        return new BiasShiftRecord(step, m.name, units, nan, nan, nan, nan, nan, nan);
      }
      if (solved == null) {
        m.fold();
        solver = new DampedGramSolver(m.damped, d, settings.damping());
        solved = solver.solve(rightHandSides()); // one factor, every unit's at once
      }
      double[][] g = new double[units][d];
      double[] g0 = new double[units];
      double[][] muRows = new double[units][];
      double[][] shift = new double[units][d];
      double[] g0Tilde = new double[units];
      double[] c = new double[units];
      for (int i = 0; i < units; i++) {
        g0[i] = m.gPlain[units * d + i];
        muRows[i] = mu;
        c[i] = 1; // E[δ²] cancels from every quantity recorded
        double muG = 0;
        for (int j = 0; j < d; j++) {
          g[i][j] = m.gPlain[i * d + j];
          shift[i][j] = -solved[units][j] * g0[i];
          muG += mu[j] * solved[i][j];
        }
        g0Tilde[i] = g0[i] - muG;
      }
      UnitNaturalGradient.Result result =
          new UnitNaturalGradient.Result(
              muRows, g, g0, c, java.util.Arrays.copyOf(solved, units), g0Tilde, shift);
      double[][] plain = split(m.gPlain, units, d);
      double[][] taken = m.gTaken == null ? plain : split(m.gTaken, units, d);
      double[] takenMeasures = BiasShiftProbe.taken(takenMu, plain, taken);
      return BiasShiftProbe.medians(step, m.name, result, takenMeasures);
    }
  }

  /** {W as [m·d], b as [m]} in double, from a copied gradient. */
  private static double[][] split(float[] grad, int units, int d) {
    double[] w = new double[units * d];
    double[] b = new double[units];
    for (int i = 0; i < w.length; i++) {
      w[i] = grad[i];
    }
    for (int i = 0; i < units; i++) {
      b[i] = grad[units * d + i];
    }
    return new double[][] {w, b};
  }

  private float[] rows(Measured m, long rowSeed) {
    return InputRows.draw(m.input, m.conv, m.d, settings.maxRows(), rowSeed, m.z);
  }
}
