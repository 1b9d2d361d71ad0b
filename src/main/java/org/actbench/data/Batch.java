package org.actbench.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch, in arrays the {@link BatchLoader} owns and refills: valid until its next call.
 *
 * @param x inputs: [n, 3, 32, 32] float, NCHW
 * @param y one-hot labels: [n, 10] float
 * @param labels the class of each row
 * @param epoch the epoch this batch belongs to (0-based)
 */
public record Batch(INDArray x, INDArray y, int[] labels, int epoch) {
  public int size() {
    return labels.length;
  }
}
