/**
 * The layers of the reference implementation ({@code --kernels nd4j}): convolution, pooling, batch
 * norm, dense, dropout, PReLU on ND4J arrays in NCHW, forward beside backward, each checked against
 * finite differences and SameDiff. May use ND4J and the activations.
 */
package org.actbench.engine.layer;
