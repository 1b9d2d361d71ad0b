package org.actbench.engine.onednn;

import org.actbench.engine.layer.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ND4J layer inside the blocked part of a network (dropout, alpha dropout): its input is
 * reordered into NCHW, the ND4J layer runs there, and its output is reordered back; backward the
 * same way round. So dropout draws exactly the masks it draws on the ND4J path.
 */
final class PlainIsland implements BlockedOutput {
  private final Chain chain;
  private final Layer.Bound inner;
  private final Chain.Copy in;
  private final Chain.Copy outCopy;
  private final Chain.Copy gradIn;
  private final Chain.Copy gradOut; // null when nothing below needs dL/dx
  private final Tensor out;
  private final Tensor outGrad;

  /**
   * @param dx where dL/dx goes, or null
   */
  PlainIsland(Chain chain, Layer layer, Tensor x, Tensor dx) {
    this.chain = chain;
    Tensor plainX = x.plainTwin();
    Tensor plainDx = dx == null ? null : x.plainTwin();
    inner = layer.bind(plainX.buffer(), plainDx == null ? null : plainDx.buffer());
    out = Tensor.allocate(x.desc());
    outGrad = Tensor.allocate(x.desc());
    in = Chain.Copy.of(x, plainX);
    outCopy = Chain.Copy.of(Tensor.over(inner.y(), Tensor.plainTag(4)), out);
    gradIn = Chain.Copy.of(outGrad, Tensor.over(inner.dLdy(), Tensor.plainTag(4)));
    gradOut = dx == null ? null : Chain.Copy.of(plainDx, dx);
  }

  @Override
  public Tensor out() {
    return out;
  }

  @Override
  public Tensor outGrad() {
    return outGrad;
  }

  @Override
  public INDArray y() {
    return inner.y();
  }

  @Override
  public INDArray dLdy() {
    return inner.dLdy();
  }

  @Override
  public void forward(boolean training) {
    chain.enter();
    chain.run(in);
    inner.forward(training);
    chain.run(outCopy);
  }

  @Override
  public void backward() {
    chain.enter();
    chain.run(gradIn);
    inner.backward();
    if (gradOut != null) {
      chain.run(gradOut);
    }
  }
}
