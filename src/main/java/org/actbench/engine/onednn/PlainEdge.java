package org.actbench.engine.onednn;

import org.actbench.engine.layer.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the blocked part of a network ends: flatten, or global average pooling, whose [N, F] output
 * the dense layers and the loss read in plain layout. Forward reorders the blocked map into NCHW
 * order once ([N, C, H, W] → [N, C·H·W] is then a view); backward reorders dL/dy back.
 */
final class PlainEdge implements Layer.Bound {
  private final Chain chain;
  private final BlockedPool pool; // global average pooling's, or null for flatten
  private final Chain.Copy toPlain;
  private final Chain.Copy fromPlain; // null when nothing below needs the gradient
  private final INDArray y;
  private final INDArray dLdy;

  private PlainEdge(Chain chain, BlockedPool pool, Tensor blocked, Tensor blockedGrad) {
    this.chain = chain;
    this.pool = pool;
    Tensor plain = blocked.plainTwin();
    Tensor plainGrad = blocked.plainTwin();
    long n = blocked.dims()[0];
    long features = plain.buffer().length() / n;
    y = plain.buffer().reshape('c', n, features); // views of contiguous arrays
    dLdy = plainGrad.buffer().reshape('c', n, features);
    toPlain = Chain.Copy.of(blocked, plain);
    fromPlain = blockedGrad == null ? null : Chain.Copy.of(plainGrad, blockedGrad);
  }

  /** [N, C, H, W] blocked → [N, C·H·W] plain, in C order, as ND4J's flatten. */
  static PlainEdge flatten(Chain chain, Tensor x, Tensor dx) {
    return new PlainEdge(chain, null, x, dx);
  }

  /** y[n, c] = mean over h, w of x[n, c, h, w]: one H x W average-pooling window. */
  static PlainEdge globalAveragePool(Chain chain, Tensor x, Tensor dx) {
    long[] window = {x.dims()[2], x.dims()[3]};
    BlockedPool pool = BlockedPool.bind(chain, false, window, new long[] {1, 1}, x, dx);
    return new PlainEdge(chain, pool, pool.out(), dx == null ? null : pool.outGrad());
  }

  @Override
  public INDArray y() {
    return y;
  }

  @Override
  public INDArray dLdy() {
    return dLdy;
  }

  @Override
  public void forward(boolean training) {
    chain.enter();
    if (pool != null) {
      pool.compute(training);
    }
    chain.run(toPlain);
  }

  @Override
  public void backward() {
    if (fromPlain == null) {
      return;
    }
    chain.enter();
    chain.run(fromPlain);
    if (pool != null) {
      pool.computeBackward();
    }
  }
}
