package org.actbench.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable array and its gradient, same shape; the optimiser updates {@code value} in place.
 *
 * @param decays whether L2 weight decay applies (weights yes; biases, BN scale and shift, PReLU
 *     slopes no)
 */
public record Param(String name, INDArray value, INDArray grad, boolean decays) {}
