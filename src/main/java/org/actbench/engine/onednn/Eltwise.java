package org.actbench.engine.onednn;

import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.Elu;
import org.actbench.engine.activation.Gelu;
import org.actbench.engine.activation.LeakyRelu;
import org.actbench.engine.activation.Selu;
import org.bytedeco.dnnl.global.dnnl.algorithm;

/**
 * How oneDNN computes an activation: out = scale·g(x; α, β) for its algorithm g, and where its
 * derivative comes from. Fusing into a convolution (a post-op) leaves no pre-activation behind, so
 * only activations whose derivative is a function of their output fuse.
 *
 * @param forward oneDNN's algorithm, or null where ours is used (GELU: see {@link Gelu})
 * @param backward the algorithm of the backward primitive (a {@code *_use_dst_for_bwd} form when
 *     {@code derivative} is {@link Derivative#ONEDNN_FROM_OUTPUT}), or null
 */
record Eltwise(
    algorithm forward,
    float alpha,
    float beta,
    float scale,
    algorithm backward,
    Derivative derivative) {

  /** Where f' comes from. */
  enum Derivative {
    /** oneDNN, from the output a: relu, leaky relu, shifted relu (clip), elu, tanh, sigmoid. */
    ONEDNN_FROM_OUTPUT,
    /** oneDNN, from the input z (swish). */
    ONEDNN_FROM_INPUT,
    /** ND4J ops from the output ({@link Activation#bindFromOutput}): SELU, softplus. */
    ND4J_FROM_OUTPUT,
    /**
     * ND4J ops for both passes ({@link Activation#bind}), on the blocked buffers as flat arrays.
     */
    ND4J
  }

  /**
   * The oneDNN form of each entry of the activation catalogue: a switch over its kinds, which the
   * compiler checks covers them all (PReLU is a layer: {@link BlockedPrelu}).
   */
  static Eltwise of(Activation f) {
    return switch (f.kind()) {
      case RELU -> fromOutput(algorithm.eltwise_relu, 0, 0, algorithm.eltwise_relu_use_dst_for_bwd);
      case LRELU ->
          fromOutput(
              algorithm.eltwise_relu,
              (float) ((LeakyRelu) f).slope(),
              0,
              algorithm.eltwise_relu_use_dst_for_bwd);
      // clip to [−1, ∞): derivative 1 where a > −1
      case SRELU ->
          fromOutput(
              algorithm.eltwise_clip_v2,
              -1,
              Float.MAX_VALUE,
              algorithm.eltwise_clip_v2_use_dst_for_bwd);
      case ELU ->
          fromOutput(
              algorithm.eltwise_elu,
              (float) ((Elu) f).alpha(),
              0,
              algorithm.eltwise_elu_use_dst_for_bwd);
      // λ·ELU_α: the post-op's scale is λ
      case SELU ->
          new Eltwise(
              algorithm.eltwise_elu,
              (float) Selu.ALPHA,
              0,
              (float) Selu.LAMBDA,
              null,
              Derivative.ND4J_FROM_OUTPUT);
      case TANH -> fromOutput(algorithm.eltwise_tanh, 0, 0, algorithm.eltwise_tanh_use_dst_for_bwd);
      case SIGMOID ->
          fromOutput(algorithm.eltwise_logistic, 0, 0, algorithm.eltwise_logistic_use_dst_for_bwd);
      case SOFTPLUS ->
          new Eltwise(algorithm.eltwise_soft_relu, 0, 0, 1, null, Derivative.ND4J_FROM_OUTPUT);
      // x·σ(αx), α = 1
      case SWISH ->
          new Eltwise(
              algorithm.eltwise_swish,
              1,
              0,
              1,
              algorithm.eltwise_swish,
              Derivative.ONEDNN_FROM_INPUT);
      case GELU -> new Eltwise(null, 0, 0, 1, null, Derivative.ND4J);
      case PRELU -> throw new IllegalArgumentException("PReLU is a layer, not an eltwise op");
    };
  }

  private static Eltwise fromOutput(
      algorithm forward, float alpha, float beta, algorithm backward) {
    return new Eltwise(forward, alpha, beta, 1, backward, Derivative.ONEDNN_FROM_OUTPUT);
  }

  /** Whether the activation can be a convolution's post-op and still be differentiated. */
  boolean fuses() {
    return forward != null
        && (derivative == Derivative.ONEDNN_FROM_OUTPUT
            || derivative == Derivative.ND4J_FROM_OUTPUT);
  }

  /** Whether a standalone oneDNN eltwise primitive computes the forward (no scale to apply). */
  boolean forwardByOnednn() {
    return forward != null && scale == 1;
  }

  /** The algorithm a standalone forward primitive uses: the dst form when backward reads it. */
  algorithm standaloneForward() {
    return derivative == Derivative.ONEDNN_FROM_OUTPUT ? backward : forward;
  }
}
