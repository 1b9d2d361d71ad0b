package org.actbench.engine;

/**
 * A value that breaks a record's contract, with the name of the field it was given for, so that
 * each face can point at its own control: the command line at its option ({@code --lr}), the window
 * at its form field. The message reads "lr must be finite and > 0, got NaN".
 */
public final class InvalidField extends IllegalArgumentException {
  private final String field;
  private final String problem;

  /**
   * @param field the record component's name, e.g. {@code lr} or {@code weightDecay}
   * @param problem what is wrong, e.g. "must be finite and > 0, got NaN"
   */
  public InvalidField(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }

  /** Throws {@code InvalidField(field, problem)} unless {@code ok}. */
  public static void check(boolean ok, String field, String problem) {
    if (!ok) {
      throw new InvalidField(field, problem);
    }
  }

  /** {@code lo <= value <= hi}, with the bounds in the message. */
  public static void inRange(long value, long lo, long hi, String field) {
    check(value >= lo && value <= hi, field, "must be " + lo + ".." + hi + ", got " + value);
  }

  /** A finite {@code value} in [lo, hi] (hi may be infinite: no upper bound). */
  public static void finiteIn(double value, double lo, double hi, String field) {
    boolean ok = Double.isFinite(value) && value >= lo && value <= hi;
    check(
        ok,
        field,
        "must be "
            + (Double.isInfinite(hi) ? ">= " + num(lo) : num(lo) + ".." + num(hi))
            + " and finite, got "
            + value);
  }

  /** A finite {@code value} in (0, max] (max may be infinite: no upper bound). */
  public static void positive(double value, double max, String field) {
    boolean ok = Double.isFinite(value) && value > 0 && value <= max;
    check(
        ok,
        field,
        "must be > 0"
            + (Double.isInfinite(max) ? "" : " and <= " + num(max))
            + " and finite, got "
            + value);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
