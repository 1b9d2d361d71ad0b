/**
 * The measurements the ELU paper is about: unit-mean drift per layer, dead and saturated shares,
 * histograms and the bias shift against the unit natural gradient, as pure functions from the
 * engine's arrays to records; {@code Instrumentation} runs them on the steps it observes. May use
 * the engine and ND4J, never {@code experiment} or {@code ui}.
 */
package org.actbench.metrics;
