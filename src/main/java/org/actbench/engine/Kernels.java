package org.actbench.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.actbench.engine.onednn.Dnnl;

/**
 * Which code runs the layers: oneDNN's primitives, called directly in the layouts they choose and
 * with activations fused into convolutions ({@code engine.onednn}), or ND4J's ops, one layer at a
 * time in NCHW ({@code engine.layer}): the reference implementation, and the fallback where
 * oneDNN's natives do not exist (macOS on arm64) or for double precision.
 */
public enum Kernels {
  ONEDNN,
  ND4J;

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** The name on the command line and in spec files: {@code onednn} or {@code nd4j}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The id, as on the command line and in spec files. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * @throws InvalidField naming the value and the choices
   */
  @JsonCreator
  public static Kernels parse(String id) {
    for (Kernels k : values()) {
      if (k.id().equals(id.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new InvalidField("kernels", "must be onednn or nd4j, got '" + id + "'");
  }

  /** oneDNN where its natives are on the class path, else ND4J. Looks, loads nothing. */
  public static Kernels preferred() {
    return Dnnl.nativesPresent() ? ONEDNN : ND4J;
  }

  /**
   * What runs for a request: oneDNN if asked for and it loads, else ND4J. The first time oneDNN is
   * asked for and cannot load, one line on standard error says so and why.
   */
  public static Kernels resolve(Kernels requested) {
    if (requested == ND4J || Dnnl.available()) {
      return requested;
    }
    if (!WARNED.getAndSet(true)) {
      System.err.println(
          "warning: oneDNN is not available here ("
              + Dnnl.failure()
              + "); training runs on"
              + " ND4J's ops instead (--kernels nd4j), about half as fast");
    }
    return ND4J;
  }
}
