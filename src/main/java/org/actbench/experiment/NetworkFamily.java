package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The network a spec trains: the plain CNN, the reference net, the paper's 11-layer net (scaled) or
 * explicit layers.
 */
public enum NetworkFamily implements SpecChoice {
  PLAIN,
  REFERENCE,
  PAPER11,
  EXPLICIT;

  /** The id, so that a spec's field reads the same in any message as in its file. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * In any case, as spec files have always been read. @throws InvalidField naming {@code family}
   */
  @JsonCreator
  public static NetworkFamily parse(String id) {
    return SpecChoice.parse(NetworkFamily.class, "family", id.toLowerCase(Locale.ROOT));
  }
}
