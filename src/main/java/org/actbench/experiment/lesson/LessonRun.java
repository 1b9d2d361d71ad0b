package org.actbench.experiment.lesson;

import org.actbench.engine.ActivationSpec;
import org.actbench.engine.InvalidField;
import org.actbench.experiment.Preset;
import org.actbench.experiment.TrainSpec;

/**
 * One run of a lesson: a plain CNN on the window's data, with what is measured how often. Fields
 * left out take the defaults below, so a teacher writes only what the lesson is about.
 *
 * @param id how the lesson's steps name it, and how the window labels it (e.g. "ELU")
 * @param activation an activation id ({@code elu}, {@code relu}, ...)
 * @param depth conv layers (default 6)
 * @param width base width (default 16)
 * @param batch images per step (default 32: a lesson's runs should move while a class watches)
 * @param batchNorm batch norm before each activation (default false)
 * @param steps training steps (default 300)
 * @param seed paired seed (default 1)
 * @param logEvery unit means logged every so many steps at most (default 5)
 * @param probeEvery the bias-shift probe every so many steps at most (default 20), 0 never; the
 *     small teaching probe within the measurement budget, which may widen both intervals ({@link
 *     Preset#teachingMetrics})
 * @param measureBudget the share of training time, in percent, the measurements may take, which
 *     widens both intervals as their measured cost requires; absent (the default): the intervals as
 *     given, whatever they cost, since a class watches curves form, not a training race (on the
 *     lessons' nets the teaching probe costs about 20 plain steps: docs/performance.md)
 */
public record LessonRun(
    String id,
    String activation,
    Integer depth,
    Integer width,
    Integer batch,
    Boolean batchNorm,
    Integer steps,
    Long seed,
    Integer logEvery,
    Integer probeEvery,
    Double measureBudget) {
  public LessonRun {
    InvalidField.check(id != null && !id.isBlank(), "id", "is needed (how the steps name it)");
    InvalidField.check(activation != null, "activation", "is needed, e.g. elu or relu");
    ActivationSpec.of(activation); // names the activations there are when it is none of them
    depth = depth == null ? 6 : depth;
    width = width == null ? 16 : width;
    batch = batch == null ? 32 : batch;
    batchNorm = batchNorm != null && batchNorm;
    steps = steps == null ? 300 : steps;
    seed = seed == null ? 1 : seed;
    logEvery = logEvery == null ? 5 : logEvery;
    probeEvery = probeEvery == null ? 20 : probeEvery;
    InvalidField.inRange(steps, 1, 100_000, "steps");
    InvalidField.inRange(logEvery, 1, 100_000, "logEvery");
    InvalidField.inRange(probeEvery, 0, 100_000, "probeEvery");
    if (measureBudget != null) {
      InvalidField.positive(measureBudget, 100, "measureBudget");
    }
    // the network's own limits (depth, width) say what is wrong; fields are set only after this
    spec(
        "sample",
        activation,
        depth,
        width,
        batch,
        batchNorm,
        steps,
        seed,
        logEvery,
        probeEvery,
        measureBudget);
  }

  /** The run on {@code data} ({@code sample}, {@code default} or a path). */
  public TrainSpec spec(String data) {
    return spec(
        data,
        activation,
        depth,
        width,
        batch,
        batchNorm,
        steps,
        seed,
        logEvery,
        probeEvery,
        measureBudget);
  }

  private static TrainSpec spec(
      String data,
      String activation,
      int depth,
      int width,
      int batch,
      boolean batchNorm,
      int steps,
      long seed,
      int logEvery,
      int probeEvery,
      Double measureBudget) {
    return TrainSpec.builder()
        .activation(ActivationSpec.of(activation))
        .depth(depth)
        .width(width)
        .batch(batch)
        .batchNorm(batchNorm)
        .steps(steps)
        .evalEvery(Math.max(1, steps / 5))
        .seed(seed)
        .data(data)
        .metrics(Preset.teachingMetrics(logEvery, probeEvery, measureBudget))
        .build();
  }
}
