package org.actbench.engine.onednn;

import org.actbench.engine.Threads;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;

/**
 * What the layers of one bound network share: the stream their primitives run on (a stream is not
 * safe to share between threads, and each binding is driven by one thread at a time), the OpenMP
 * thread count the primitives were created with (they must run with it: backward-weights splits its
 * work at creation), and whether passes are observed.
 *
 * <p>Observed passes write every layer's output and gradient in plain NCHW as well, for the
 * metrics, and leave activations unfused so that pre-activations exist. Unobserved passes keep
 * everything in the primitives' layouts. Passes are observed until told otherwise.
 */
final class Chain {
  private final stream stream;
  private final int threads;
  private boolean observed = true;

  Chain(int threads) {
    this.threads = threads;
    enter();
    this.stream = new stream(Dnnl.cpu());
  }

  /** Gives the calling thread the primitives' thread count; before creating or running any. */
  void enter() {
    Threads.applyHere(threads);
  }

  boolean observed() {
    return observed;
  }

  void observe(boolean on) {
    observed = on;
  }

  void run(Call call) {
    call.primitive().execute(stream, call.args());
  }

  void run(Copy copy) {
    copy.reorder().execute(stream, copy.from().dnnlMemory(), copy.to().dnnlMemory());
  }

  /** A primitive with its arguments, bound once. */
  record Call(primitive primitive, IntMemoryMap args) {}

  /** A layout change from one tensor into another, e.g. nChw16c into NCHW. */
  record Copy(reorder reorder, Tensor from, Tensor to) {
    static Copy of(Tensor from, Tensor to) {
      return new Copy(new reorder(from.dnnlMemory(), to.dnnlMemory()), from, to);
    }

    /** The copy, or null when {@code to} is {@code from} (it had the layout already). */
    static Copy ifNeeded(Tensor from, Tensor to) {
      return from == to ? null : of(from, to);
    }
  }
}
