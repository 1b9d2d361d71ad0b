package org.actbench.engine.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.Param;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with momentum μ (PyTorch's form) and L2 weight decay λ on weights: g' = g + λw; v ← μv + g';
 * w ← w − ηv, or with Nesterov w ← w − η(g' + μv). With μ = 0 this is plain SGD. Updates are BLAS
 * axpy and scal in place: no allocation per step.
 */
public final class Sgd implements Optimizer {
  private double momentum; // changed between steps by a live change (the training thread's)
  private final boolean nesterov;
  private final double weightDecay;
  private final Map<INDArray, INDArray> velocity = new IdentityHashMap<>();

  public Sgd(double momentum, boolean nesterov, double weightDecay) {
    if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "SGD needs momentum in [0, 1) and weight decay >= 0, got "
              + momentum
              + ", "
              + weightDecay);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  @Override
  public boolean hasMomentum() {
    return true;
  }

  /** The momentum from the next step on; velocities built so far are kept. */
  @Override
  public void setMomentum(double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException("SGD needs momentum in [0, 1), got " + value);
    }
    momentum = value;
  }

  @Override
  public Map<String, INDArray> state(List<Param> params) {
    Map<String, INDArray> out = new java.util.LinkedHashMap<>();
    if (momentum > 0) {
      for (Param p : params) {
        out.put(p.name() + ".velocity", velocity.computeIfAbsent(p.value(), INDArray::like));
      }
    }
    return out;
  }

  @Override
  public void step(List<Param> params, double lr) {
    Level1 blas = Nd4j.getBlasWrapper().level1();
    for (Param p : params) {
      INDArray w = p.value();
      INDArray g = p.grad();
      long n = w.length();
      if (weightDecay > 0 && p.decays()) {
        blas.axpy(n, weightDecay, w, g); // g ← g + λw
      }
      if (momentum == 0) {
        blas.axpy(n, -lr, g, w);
        continue;
      }
      INDArray v = velocity.computeIfAbsent(w, INDArray::like);
      if (v.length() != n) {
        throw new IllegalStateException("parameter " + p.name() + " changed shape");
      }
      blas.scal(n, momentum, v); // v ← μv + g'
      blas.axpy(n, 1.0, g, v);
      if (nesterov) {
        blas.axpy(n, -lr, g, w);
        blas.axpy(n, -lr * momentum, v, w);
      } else {
        blas.axpy(n, -lr, v, w);
      }
    }
  }
}
