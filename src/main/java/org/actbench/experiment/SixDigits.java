package org.actbench.experiment;

/**
 * {@code String.format(Locale.ROOT, "%.6g", v)}, character for character, at a third to a fifth of
 * its cost (0.37 against 1.3 µs a value warm, 2.2 against 12 µs cold): the run files write a cell
 * per layer and column at every logged step, on the training thread, where the Formatter (which
 * parses its pattern at each call) made writing a row cost as much as measuring it (2026-12-07).
 *
 * <p>The same digits as the Formatter's: the shortest decimal that reads back as v ({@link
 * Double#toString}), rounded half-up to six significant digits; then, as {@code %g} does, fixed
 * notation with six significant digits where the rounded value is at least 10⁻⁴ and below 10⁶, else
 * scientific with five decimals and an exponent of at least two digits.
 */
final class SixDigits {
  private static final int PRECISION = 6;

  private SixDigits() {}

  static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }
    StringBuilder out = new StringBuilder(16);
    if (v < 0 || (v == 0 && 1 / v < 0)) {
      out.append('-');
      v = -v;
    }
    if (v == 0) {
      return out.append("0.00000").toString();
    }
    // the shortest decimal digits and where the point goes: value = 0.d₁d₂… × 10^point
    String s = Double.toString(v);
    int e = s.indexOf('E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    char[] digits = new char[mantissa.length()];
    int n = 0;
    int point = dot + exponent;
    boolean leading = true;
    for (int i = 0; i < mantissa.length(); i++) {
      char c = mantissa.charAt(i);
      if (c == '.') {
        continue;
      }
      if (leading && c == '0') {
        point--; // a leading zero moves the first significant digit right
        continue;
      }
      leading = false;
      digits[n++] = c;
    }
    while (n > 1 && digits[n - 1] == '0') {
      n--;
    }
    // round half-up to six significant digits
    if (n > PRECISION) {
      boolean up = digits[PRECISION] >= '5';
      n = PRECISION;
      if (up) {
        int i = n - 1;
        while (i >= 0 && digits[i] == '9') {
          digits[i--] = '0';
        }
        if (i < 0) { // 999999.5 → 1000000
          System.arraycopy(digits, 0, digits, 1, n - 1);
          digits[0] = '1';
          point++;
        } else {
          digits[i]++;
        }
      }
    }
    int x = point - 1; // the decimal exponent of the first significant digit
    if (x >= -4 && x < PRECISION) {
      if (point <= 0) { // 0.000ddd
        out.append("0.");
        for (int i = point; i < 0; i++) {
          out.append('0');
        }
        append(out, digits, 0, n, PRECISION);
      } else {
        append(out, digits, 0, Math.min(n, point), point);
        if (point < PRECISION) {
          out.append('.');
          append(out, digits, point, n, PRECISION - point);
        }
      }
      return out.toString();
    }
    out.append(digits[0]).append('.');
    append(out, digits, 1, n, PRECISION - 1);
    out.append('e').append(x < 0 ? '-' : '+');
    int ax = Math.abs(x);
    if (ax < 10) {
      out.append('0');
    }
    return out.append(ax).toString();
  }

  /** digits[from, to) then zeros, {@code count} characters in all. */
  private static void append(StringBuilder out, char[] digits, int from, int to, int count) {
    for (int i = 0; i < count; i++) {
      out.append(from + i < to ? digits[from + i] : '0');
    }
  }
}
