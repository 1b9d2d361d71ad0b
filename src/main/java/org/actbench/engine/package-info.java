/**
 * The training engine, built from explicit ND4J ops: every pre-activation, activation and gradient
 * of every layer is an array the engine owns, so the metrics can read them at every step.
 *
 * <p>Shape legend used in comments: N = batch, C = channels, H x W = spatial size, F = features, K
 * = classes. Arrays the layers exchange are NCHW; {@code engine.onednn} keeps blocked layouts
 * inside a binding and writes NCHW copies only on the steps the metrics observe.
 *
 * <p>Order of use: build a {@link org.actbench.engine.Network} from a {@link
 * org.actbench.engine.NetworkSpec}; per batch call {@code forward}, the loss, {@code backward},
 * then the optimiser's {@code step}. Layers allocate their buffers on the first batch of a given
 * size and reuse them afterwards.
 */
package org.actbench.engine;
