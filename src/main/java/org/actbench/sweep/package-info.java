/**
 * Sweeps: a grid of runs described in one file ({@link org.actbench.sweep.SweepFile}), expanded
 * into runs with stable ids ({@link org.actbench.sweep.Sweep}), and run on this machine's run queue
 * ({@link org.actbench.sweep.LocalEngine}) or on Apache Spark, one task per run, copying run
 * folders into a shared store ({@link org.actbench.sweep.SparkEngine}). Uses {@code experiment},
 * {@code engine} and {@code data}; never the window. Spark and Hadoop are provided by the cluster.
 */
package org.actbench.sweep;
