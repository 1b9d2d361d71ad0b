package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The form's field checks: each reads one text field and, if it is not what the field takes, puts a
 * sentence naming it into {@code found} under the field's id.
 */
final class FormFields {
  private FormFields() {}

  /** "4, 8" as [4, 8]; blanks between commas are skipped. */
  static List<Long> parseInts(String text) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(Long.parseLong(part.trim()));
      }
    }
    return out;
  }

  static void intList(
      Map<String, String> found, String field, String text, String what, long min, long max) {
    try {
      List<Long> values = parseInts(text == null ? "" : text);
      if (values.isEmpty()) {
        found.put(field, what + ": give one or more whole numbers, e.g. 4, 8");
      }
      for (long v : values) {
        if (v < min || v > max) {
          found.put(field, what + " must be " + min + ".." + max + ", got " + v);
        }
      }
    } catch (NumberFormatException e) {
      found.put(field, what + ": expected whole numbers separated by commas, got '" + text + "'");
    }
  }

  static void integer(
      Map<String, String> found, String field, String text, String what, long min, long max) {
    try {
      long v = Long.parseLong(text == null ? "" : text.trim());
      if (v < min || v > max) {
        found.put(field, what + " must be " + min + ".." + max + ", got " + v);
      }
    } catch (NumberFormatException e) {
      found.put(field, what + ": expected a whole number, got '" + text + "'");
    }
  }

  static void positiveDouble(Map<String, String> found, String field, String text, String what) {
    try {
      double v = Double.parseDouble(text == null ? "" : text.trim());
      if (!(v > 0) || !Double.isFinite(v)) {
        found.put(field, what + " must be a number > 0, got " + text.trim());
      }
    } catch (NumberFormatException e) {
      found.put(field, what + ": expected a number, got '" + text + "'");
    }
  }

  static void number(
      Map<String, String> found,
      String field,
      String text,
      String what,
      double lo,
      double hi,
      boolean hiOpen) {
    try {
      double v = Double.parseDouble(text == null ? "" : text.trim());
      if (!(v >= lo) || (hiOpen ? !(v < hi) : !(v <= hi))) {
        found.put(
            field,
            String.format(
                Locale.ROOT,
                "%s must be in [%s, %s%s, got %s",
                what,
                lo,
                hi,
                hiOpen ? ")" : "]",
                text.trim()));
      }
    } catch (NumberFormatException e) {
      found.put(field, what + ": expected a number, got '" + text + "'");
    }
  }
}
