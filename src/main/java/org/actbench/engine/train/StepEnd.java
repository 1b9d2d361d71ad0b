package org.actbench.engine.train;

/** Every event of {@code step} has been delivered, and the parameters are finite there. */
public record StepEnd(long step) implements TrainingEvent {}
