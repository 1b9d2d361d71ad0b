/**
 * Runs as a user sees them: a {@link org.actbench.experiment.TrainSpec}, the run's folder and
 * files, and {@link org.actbench.experiment.Runner}, which builds the data, network and training
 * loop from a spec. No ND4J and no JavaFX here.
 */
package org.actbench.experiment;
