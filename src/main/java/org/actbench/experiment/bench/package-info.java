/**
 * Diagnostics at the experiment level: the gradient dump (seeded sample images, the engine's NumPy
 * files and manifest.json), run by the dump command. The rules of experiment hold here: no ND4J
 * (the engine's bench package computes the step).
 */
package org.actbench.experiment.bench;
