package org.actbench.engine.onednn;

import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer bound to oneDNN memory: its output y and the gradient dL/dy that the layer above writes
 * live in the layout the primitives chose. {@link #y()} and {@link #dLdy()} are plain NCHW copies,
 * written on observed passes only (see {@link Chain}); the chain itself never reads them.
 */
abstract class BlockedLayer implements BlockedOutput {
  final Chain chain;
  private final Tensor out;
  private final Tensor outGrad;
  private Chain.Copy outToPlain; // made on first need, then kept
  private Chain.Copy gradToPlain;

  BlockedLayer(Chain chain, memory.desc outDesc) {
    this(chain, Tensor.allocate(outDesc));
  }

  /** With an output buffer made beforehand (one a convolution writes into when fused). */
  BlockedLayer(Chain chain, Tensor out) {
    this.chain = chain;
    this.out = out;
    this.outGrad = Tensor.allocate(out.desc());
  }

  @Override
  public Tensor out() {
    return out;
  }

  @Override
  public Tensor outGrad() {
    return outGrad;
  }

  /** The layer's forward computation, into {@link #out()}. */
  abstract void compute(boolean training);

  /** The layer's backward computation, from {@link #outGrad()}. */
  abstract void computeBackward();

  @Override
  public final void forward(boolean training) {
    chain.enter();
    compute(training);
    if (chain.observed()) {
      chain.run(outToPlain());
    }
  }

  @Override
  public final void backward() {
    chain.enter();
    if (chain.observed()) {
      chain.run(gradToPlain());
    }
    computeBackward();
  }

  @Override
  public INDArray y() {
    return outToPlain().to().buffer();
  }

  @Override
  public INDArray dLdy() {
    return gradToPlain().to().buffer();
  }

  private Chain.Copy outToPlain() {
    if (outToPlain == null) {
      outToPlain = Chain.Copy.of(out, out.plainTwin());
    }
    return outToPlain;
  }

  private Chain.Copy gradToPlain() {
    if (gradToPlain == null) {
      gradToPlain = Chain.Copy.of(outGrad, outGrad.plainTwin());
    }
    return gradToPlain;
  }
}
