package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.actbench.engine.InvalidField;

/**
 * A member of one of a spec's closed sets (network family, optimiser, schedule, initialisation,
 * preprocessing), written in spec files and on the command line as its {@link #id}.
 */
public interface SpecChoice {
  /** The name in spec files and on the command line: the constant's, in lower case, _ as -. */
  @JsonValue
  default String id() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The member of {@code type} named {@code value} (exactly as written).
   *
   * @throws InvalidField "FIELD must be a, b or c, got 'VALUE'"
   */
  static <E extends Enum<E> & SpecChoice> E parse(Class<E> type, String field, String value) {
    E[] all = type.getEnumConstants();
    for (E e : all) {
      if (e.id().equals(value)) {
        return e;
      }
    }
    String ids = Arrays.stream(all).map(SpecChoice::id).collect(Collectors.joining(", "));
    int last = ids.lastIndexOf(", ");
    throw new InvalidField(
        field,
        "must be "
            + ids.substring(0, last)
            + " or "
            + ids.substring(last + 2)
            + ", got '"
            + value
            + "'");
  }
}
