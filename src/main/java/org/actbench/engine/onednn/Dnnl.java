package org.actbench.engine.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN 2.5 through JavaCPP's presets ({@code org.bytedeco:dnnl}), loaded once per process, with
 * one CPU engine. ND4J loads first: both use the one {@code libgomp}, and ND4J's own oneDNN is
 * linked into its library without exporting a symbol, so the two never meet.
 */
public final class Dnnl {
  private static State state;

  private record State(engine cpu, String failure) {}

  private Dnnl() {}

  /** Whether the natives for this platform are on the class path (looks; loads nothing). */
  public static boolean nativesPresent() {
    String library =
        "org/bytedeco/dnnl/" + Loader.getPlatform() + "/" + System.mapLibraryName("jnidnnl");
    return Dnnl.class.getClassLoader().getResource(library) != null;
  }

  /** Loads oneDNN if not yet tried; whether it can run here. */
  public static boolean available() {
    return state().cpu != null;
  }

  /** Why oneDNN cannot run here, or null. */
  public static String failure() {
    return state().failure;
  }

  /** The CPU engine; only when {@link #available()}. */
  static engine cpu() {
    engine cpu = state().cpu;
    if (cpu == null) {
      throw new IllegalStateException("oneDNN is not available: " + failure());
    }
    return cpu;
  }

  private static synchronized State state() {
    if (state == null) {
      state = load();
    }
    return state;
  }

  private static State load() {
    if (!nativesPresent()) {
      return new State(null, "no oneDNN natives for " + Loader.getPlatform() + " in this build");
    }
    try {
      Nd4j.getExecutioner(); // ND4J first: it sets up the shared OpenMP runtime
      Loader.load(org.bytedeco.dnnl.global.dnnl.class);
      return new State(new engine(engine.kind.cpu, 0), null);
    } catch (LinkageError | RuntimeException e) {
      // e.g. UnsatisfiedLinkError when libdnnl's own dependencies (libOpenCL) are missing
      return new State(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
