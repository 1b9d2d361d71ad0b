package org.nd4j.nativeblas;

/**
 * Shim for the DL4J peer benchmark only: DL4J 1.0.0-M2.1's oneDNN helpers look for {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment}, but ND4J ships the class as {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}; without this DL4J silently runs its
 * ~10x slower generic convolutions (see shared/docs/platform-notes.md, B3).
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    public static Environment getInstance() {
      return INSTANCE;
    }

    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
