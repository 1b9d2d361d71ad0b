package org.actbench.engine.train;

/**
 * One training step: the batch's loss and accuracy, the learning rate used, seconds since start.
 */
public record StepRecord(
    long step, int epoch, double trainLoss, double trainAcc, double lr, double seconds)
    implements TrainingEvent {}
