package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.actbench.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The fast cell format against the Formatter's {@code %.6g} it replaces, character for character.
 */
class SixDigitsTest {

  private static void same(double v) {
    assertThat(SixDigits.format(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.6g", v));
  }

  @Test
  void equalsTheFormatterOnRandomValuesOfEveryMagnitude() {
    SplitMix64 random = new SplitMix64(6);
    for (int i = 0; i < 200_000; i++) {
      double magnitude = Math.pow(10, random.nextDouble() * 40 - 20);
      double v = (random.nextDouble() - 0.5) * magnitude;
      same(v);
      same((float) v); // the float-born values the engine hands over
    }
  }

  @Test
  void equalsTheFormatterAtRoundingAndNotationBoundaries() {
    double[] edges = {
      0,
      -0.0,
      1,
      -1,
      0.5,
      0.1,
      0.0001,
      0.00009999995,
      0.000099999949,
      0.00010000049,
      999999.4,
      999999.5,
      999999.49,
      9999995,
      1234565,
      0.1234565,
      0.1234575,
      2.5e-5,
      1e6,
      1e-5,
      123456.5,
      99999.95,
      9.999995,
      9.9999949,
      1e100,
      1e-100,
      4.9e-324,
      Double.MAX_VALUE,
      Double.MIN_NORMAL,
      1.0000005,
      0.99999951,
      12.3456449999,
      1e21,
      1e-7,
      3.14159265358979
    };
    for (double v : edges) {
      same(v);
      same(-v);
      same(Math.nextUp(v));
      same(Math.nextDown(v));
    }
    for (int k = -30; k <= 30; k++) { // every power of ten and its halves
      same(Math.pow(10, k));
      same(5 * Math.pow(10, k));
      same(9.999995 * Math.pow(10, k));
    }
  }

  @Test
  void writesTheWordsTheFormatterWritesForTheNonFinite() {
    same(Double.POSITIVE_INFINITY);
    same(Double.NEGATIVE_INFINITY);
    same(Double.NaN);
  }
}
