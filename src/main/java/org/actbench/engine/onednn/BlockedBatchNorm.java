package org.actbench.engine.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import org.actbench.engine.layer.BatchNorm;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BatchNorm} by oneDNN, in the input's layout: training normalises with the batch's mean and
 * (biased) variance, which oneDNN hands back, and ND4J folds them into the running statistics
 * exactly as the ND4J layer does; inference uses the running statistics. Backward gives dL/dγ,
 * dL/dβ and dL/dx in one primitive, for either kind of forward (after an inference pass the
 * statistics are constants, as the bias-shift probe needs).
 */
final class BlockedBatchNorm extends BlockedLayer {
  private static final int SCALE_SHIFT =
      normalization_flags.use_scale.value | normalization_flags.use_shift.value;
  private static final int GLOBAL = normalization_flags.use_global_stats.value;
  private final Chain.Call trainForward;
  private final Chain.Call inferForward;
  private final Chain.Call trainBackward;
  private final Chain.Call inferBackward;
  private final Runnable updateRunning;
  private final Tensor scratchGrad; // dL/dx when nothing below needs it, else null
  private boolean lastTraining = true;

  /**
   * @param dx where dL/dx goes, or null
   */
  BlockedBatchNorm(Chain chain, BatchNorm bn, Tensor x, Tensor dx) {
    super(chain, x.desc());
    long channels = x.dims()[1];
    Tensor gamma = vector(bn.params().get(0).value());
    Tensor beta = vector(bn.params().get(1).value());
    Tensor gammaGrad = vector(bn.params().get(0).grad());
    Tensor betaGrad = vector(bn.params().get(1).grad());
    Tensor mean = vector(Nd4j.zeros(DataType.FLOAT, channels)); // the batch's, from forward
    Tensor var = vector(Nd4j.zeros(DataType.FLOAT, channels));
    Tensor runningMean = vector(bn.runningMean());
    Tensor runningVar = vector(bn.runningVar());
    scratchGrad = dx == null ? Tensor.allocate(x.desc()) : null;
    Tensor diffSrc = dx != null ? dx : scratchGrad;
    float eps = (float) BatchNorm.EPSILON;

    batch_normalization_forward.primitive_desc train = forwardPd(x, eps, SCALE_SHIFT);
    batch_normalization_forward.primitive_desc infer = forwardPd(x, eps, SCALE_SHIFT | GLOBAL);
    trainForward = forward(train, x, gamma, beta, mean, var);
    inferForward = forward(infer, x, gamma, beta, runningMean, runningVar);
    Tensor[] params = {gamma, beta, gammaGrad, betaGrad};
    trainBackward = backward(train, SCALE_SHIFT, x, params, mean, var, diffSrc, eps);
    inferBackward =
        backward(infer, SCALE_SHIFT | GLOBAL, x, params, runningMean, runningVar, diffSrc, eps);
    double perChannel = (double) x.dims()[0] * x.dims()[2] * x.dims()[3];
    updateRunning = bn.runningStatistics(mean.buffer(), var.buffer(), perChannel);
  }

  private static Tensor vector(INDArray v) {
    return Tensor.over(v, memory.format_tag.x);
  }

  private static batch_normalization_forward.primitive_desc forwardPd(
      Tensor x, float eps, int flags) {
    return new batch_normalization_forward.primitive_desc(
        new batch_normalization_forward.desc(
            prop_kind.forward_training.value, x.desc(), eps, flags),
        Dnnl.cpu());
  }

  private Chain.Call forward(
      batch_normalization_forward.primitive_desc pd,
      Tensor x,
      Tensor gamma,
      Tensor beta,
      Tensor mean,
      Tensor var) {
    return new Chain.Call(
        new batch_normalization_forward(pd),
        new IntMemoryMap()
            .put(DNNL_ARG_SRC, x.dnnlMemory())
            .put(DNNL_ARG_SCALE, gamma.dnnlMemory())
            .put(DNNL_ARG_SHIFT, beta.dnnlMemory())
            .put(DNNL_ARG_MEAN, mean.dnnlMemory())
            .put(DNNL_ARG_VARIANCE, var.dnnlMemory())
            .put(DNNL_ARG_DST, out().dnnlMemory()));
  }

  /**
   * @param params γ, β, dL/dγ, dL/dβ
   */
  private Chain.Call backward(
      batch_normalization_forward.primitive_desc hint,
      int flags,
      Tensor x,
      Tensor[] params,
      Tensor mean,
      Tensor var,
      Tensor diffSrc,
      float eps) {
    batch_normalization_backward.primitive_desc pd =
        new batch_normalization_backward.primitive_desc(
            new batch_normalization_backward.desc(
                prop_kind.backward.value, outGrad().desc(), x.desc(), eps, flags),
            Dnnl.cpu(),
            hint);
    return new Chain.Call(
        new batch_normalization_backward(pd),
        new IntMemoryMap()
            .put(DNNL_ARG_SRC, x.dnnlMemory())
            .put(DNNL_ARG_MEAN, mean.dnnlMemory())
            .put(DNNL_ARG_VARIANCE, var.dnnlMemory())
            .put(DNNL_ARG_SCALE, params[0].dnnlMemory())
            .put(DNNL_ARG_SHIFT, params[1].dnnlMemory()) // unread, but oneDNN 2.5 insists
            .put(DNNL_ARG_DIFF_DST, outGrad().dnnlMemory())
            .put(DNNL_ARG_DIFF_SRC, diffSrc.dnnlMemory())
            .put(DNNL_ARG_DIFF_SCALE, params[2].dnnlMemory())
            .put(DNNL_ARG_DIFF_SHIFT, params[3].dnnlMemory()));
  }

  @Override
  void compute(boolean training) {
    lastTraining = training;
    if (training) {
      chain.run(trainForward);
      updateRunning.run();
    } else {
      chain.run(inferForward);
    }
  }

  @Override
  void computeBackward() {
    chain.run(lastTraining ? trainBackward : inferBackward);
  }
}
