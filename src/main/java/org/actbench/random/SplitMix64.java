package org.actbench.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that a seed gives the same numbers on every
 * JDK and platform: initial weights and the sample set depend on it. Gaussians use Box–Muller with
 * {@link StrictMath}. Not thread-safe.
 */
public final class SplitMix64 {
  private long state;
  private double spare = Double.NaN;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** A stream for one named purpose, independent of the others derived from the same seed. */
  public static SplitMix64 derive(long seed, long purpose) {
    return new SplitMix64(new SplitMix64(seed ^ (purpose * 0x9E3779B97F4A7C15L)).nextLong());
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in 0 .. bound−1. */
  public int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** Standard normal. */
  public double nextGaussian() {
    if (!Double.isNaN(spare)) {
      double s = spare;
      spare = Double.NaN;
      return s;
    }
    double u1 = Math.max(nextDouble(), 1e-300);
    double u2 = nextDouble();
    double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
    spare = radius * StrictMath.sin(2 * Math.PI * u2);
    return radius * StrictMath.cos(2 * Math.PI * u2);
  }
}
