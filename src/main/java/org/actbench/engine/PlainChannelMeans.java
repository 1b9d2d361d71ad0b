package org.actbench.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ChannelMeans} of a plain [N, C, ...] array by two small products into arrays made once:
 * with y viewed as [N·C, P], m = (1/N)·1ᵀ((1/P)·y·1).
 */
final class PlainChannelMeans implements ChannelMeans {
  private final INDArray rows; // y as [N·C, P]
  private final INDArray perRow; // [N·C, 1]
  private final INDArray byBatch; // perRow viewed as [N, C]
  private final INDArray overPositions; // [P, 1], 1/P
  private final INDArray overBatch; // [1, N], 1/N
  private final INDArray means; // [1, C]
  private final float[] host; // [C]

  /**
   * @param y a dense, c-ordered [N, C, ...] float array
   */
  PlainChannelMeans(INDArray y) {
    long n = y.size(0);
    int channels = (int) y.size(1);
    long positions = y.length() / (n * channels);
    rows = y.reshape('c', n * channels, positions);
    perRow = Nd4j.create(y.dataType(), n * channels, 1);
    byBatch = perRow.reshape(n, channels);
    overPositions = Nd4j.valueArrayOf(new long[] {positions, 1}, 1.0 / positions, y.dataType());
    overBatch = Nd4j.valueArrayOf(new long[] {1, n}, 1.0 / n, y.dataType());
    means = Nd4j.create(y.dataType(), 1, channels);
    host = new float[channels];
  }

  @Override
  public int channels() {
    return host.length;
  }

  @Override
  public void read(double[] into) {
    Nd4j.gemm(rows, overPositions, perRow, false, false, 1.0, 0.0); // [N·C, P] x [P, 1]
    Nd4j.gemm(overBatch, byBatch, means, false, false, 1.0, 0.0); // [1, N] x [N, C]
    means.data().asNioFloat().get(host, 0, host.length);
    for (int c = 0; c < host.length; c++) {
      into[c] = host[c];
    }
  }
}
