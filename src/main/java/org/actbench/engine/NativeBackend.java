package org.actbench.engine;

/**
 * Chooses ND4J's native build before ND4J loads.
 *
 * <p>The oneDNN build of {@code nd4j-native} runs convolutions about 10x faster than the generic
 * one (docs/performance.md). Its natives sit in a jar with the classifier {@code
 * <platform>-onednn}; JavaCPP only loads them when the platform extension says so. Call {@link
 * #select()} before the first ND4J class is touched (the {@code Launcher} and the test set-up do).
 */
public final class NativeBackend {
  static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

  private NativeBackend() {}

  /** Selects the oneDNN natives when they are on the class path and nothing else was chosen. */
  public static void select() {
    if (System.getProperty(EXTENSION_PROPERTY) != null) {
      return;
    }
    String platform = org.bytedeco.javacpp.Loader.getPlatform();
    if (NativeBackend.class.getClassLoader().getResource(BINDINGS + platform + "-onednn/")
        != null) {
      System.setProperty(EXTENSION_PROPERTY, "-onednn");
    }
  }

  /** A short description, e.g. {@code linux-x86_64-onednn}, for logs and export sidecars. */
  public static String describe() {
    return org.bytedeco.javacpp.Loader.getPlatform() + System.getProperty(EXTENSION_PROPERTY, "");
  }
}
