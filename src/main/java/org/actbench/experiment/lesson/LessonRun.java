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
  // a canonical constructor rather than a compact one: the fields are set before the spec they
  // make is built, so that the network's own limits (depth, width) say what is wrong
  public LessonRun(
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
    InvalidField.check(id != null && !id.isBlank(), "id", "is needed (how the steps name it)");
    InvalidField.check(activation != null, "activation", "is needed, e.g. elu or relu");
    ActivationSpec.of(activation); // names the activations there are when it is none of them
    this.id = id;
    this.activation = activation;
    this.depth = depth == null ? 6 : depth;
    this.width = width == null ? 16 : width;
    this.batch = batch == null ? 32 : batch;
    this.batchNorm = batchNorm != null && batchNorm;
    this.steps = steps == null ? 300 : steps;
    this.seed = seed == null ? 1 : seed;
    this.logEvery = logEvery == null ? 5 : logEvery;
    this.probeEvery = probeEvery == null ? 20 : probeEvery;
    this.measureBudget = measureBudget;
    InvalidField.inRange(this.steps, 1, 100_000, "steps");
    InvalidField.inRange(this.logEvery, 1, 100_000, "logEvery");
    InvalidField.inRange(this.probeEvery, 0, 100_000, "probeEvery");
    if (measureBudget != null) {
      InvalidField.positive(measureBudget, 100, "measureBudget");
    }
    spec("sample");
  }

  /** The run on {@code data} ({@code sample}, {@code default} or a path). */
  public TrainSpec spec(String data) {
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
