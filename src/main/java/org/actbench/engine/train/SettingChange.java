package org.actbench.engine.train;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A training setting changed while the run trains (a live change): from step {@code step + 1} on,
 * {@code setting} is {@code value}. Reported before the {@link StepRecord} of that step.
 *
 * @param source who asked: {@code window}, {@code watch} (the file the command line watches),
 *     {@code schedule} (a schedule file), or {@code parent} (inherited by a fork)
 */
public record SettingChange(long step, Setting setting, double value, String source)
    implements TrainingEvent {

  /** What a live change may change. */
  public enum Setting {
    /**
     * The base learning rate: the schedule's rates are scaled by value / the spec's base rate (a
     * constant schedule's rate is the value itself).
     */
    LR,
    /** SGD's momentum (Nesterov's too); Adam has none to change. */
    MOMENTUM;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The setting named {@code id} ({@code lr} or {@code momentum}).
     *
     * @throws IllegalArgumentException naming what is allowed
     */
    public static Setting parse(String id) {
      for (Setting s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("a live change sets lr or momentum, got '" + id + "'");
    }

    /**
     * Checks a value for this setting.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public void check(double value) {
      boolean ok = this == LR ? value > 0 && Double.isFinite(value) : value >= 0 && value < 1;
      if (!ok) {
        throw new IllegalArgumentException(
            id()
                + (this == LR ? " must be a finite number > 0" : " must be in [0, 1)")
                + ", got "
                + value);
      }
    }
  }

  /** The change in a few characters, for a chart's marker: {@code lr 0.005}. */
  public String label() {
    return setting.id() + " " + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  public SettingChange {
    if (step < 0) {
      throw new IllegalArgumentException("a change needs a step >= 0, got " + step);
    }
    setting.check(value);
  }
}
