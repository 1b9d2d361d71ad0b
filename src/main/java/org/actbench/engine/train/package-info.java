/**
 * The training loop and its one door to the outside: every step emits sealed {@link
 * org.actbench.engine.train.TrainingEvent} records (step, drift, histograms, bias shift,
 * evaluation, step end, result) to one {@link org.actbench.engine.train.TrainingSink}. Checkpoints
 * and the start of a resumed run live here too. May use the engine and {@code data}.
 */
package org.actbench.engine.train;
