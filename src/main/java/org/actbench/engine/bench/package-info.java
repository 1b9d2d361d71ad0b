/**
 * Benchmarks and diagnostics of the engine (its kernels, the reference network's step, one step's
 * gradients as NumPy files), run by the bench and dump commands, never by training. The engine's
 * rules hold here: ND4J, oneDNN and the data layer's batches, nothing above.
 */
package org.actbench.engine.bench;
