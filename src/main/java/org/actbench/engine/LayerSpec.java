package org.actbench.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One layer of an explicit network spec; in JSON, {@code {"type": "conv", "out": 32, ...}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LayerSpec.Conv.class, name = "conv"),
  @JsonSubTypes.Type(value = LayerSpec.MaxPool.class, name = "maxpool"),
  @JsonSubTypes.Type(value = LayerSpec.AvgPool.class, name = "avgpool"),
  @JsonSubTypes.Type(value = LayerSpec.GlobalAvgPool.class, name = "gap"),
  @JsonSubTypes.Type(value = LayerSpec.Flatten.class, name = "flatten"),
  @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
  @JsonSubTypes.Type(value = LayerSpec.Act.class, name = "act"),
  @JsonSubTypes.Type(value = LayerSpec.BatchNorm.class, name = "bn"),
  @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "dropout"),
  @JsonSubTypes.Type(value = LayerSpec.AlphaDropout.class, name = "alphadropout")
})
public sealed interface LayerSpec {

  /** k x k convolution with {@code out} channels; "same" or "valid" padding. */
  record Conv(int out, int kernel, int stride, boolean same) implements LayerSpec {
    public Conv {
      check(out >= 1 && kernel >= 1 && stride >= 1, "conv needs out, kernel, stride >= 1");
    }

    public static Conv same3x3(int out) {
      return new Conv(out, 3, 1, true);
    }
  }

  record MaxPool(int kernel, int stride) implements LayerSpec {
    public MaxPool {
      check(kernel >= 1 && stride >= 1, "maxpool needs kernel, stride >= 1");
    }
  }

  record AvgPool(int kernel, int stride) implements LayerSpec {
    public AvgPool {
      check(kernel >= 1 && stride >= 1, "avgpool needs kernel, stride >= 1");
    }
  }

  record GlobalAvgPool() implements LayerSpec {}

  record Flatten() implements LayerSpec {}

  record Dense(int out) implements LayerSpec {
    public Dense {
      check(out >= 1, "dense needs out >= 1");
    }
  }

  /** An activation, including PReLU. */
  record Act(ActivationSpec activation) implements LayerSpec {}

  record BatchNorm() implements LayerSpec {}

  record Dropout(double p) implements LayerSpec {
    public Dropout {
      check(p >= 0 && p < 1, "dropout p must be in [0, 1)");
    }
  }

  record AlphaDropout(double p) implements LayerSpec {
    public AlphaDropout {
      check(p >= 0 && p < 1, "alpha-dropout p must be in [0, 1)");
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
