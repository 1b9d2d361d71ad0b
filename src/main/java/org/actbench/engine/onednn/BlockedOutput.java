package org.actbench.engine.onednn;

import org.actbench.engine.layer.Layer;

/** A bound layer whose output, and the gradient written into it, the next layer reads in place. */
interface BlockedOutput extends Layer.Bound {
  /** y in the layout the primitives chose. */
  Tensor out();

  /** dL/dy, same layout: what the next layer's backward writes. */
  Tensor outGrad();
}
