/**
 * The instrumentation's benchmark (what measuring costs per step), run by the bench command. The
 * rules of metrics hold here: the engine and ND4J, nothing above.
 */
package org.actbench.metrics.bench;
