package org.actbench.engine.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.actbench.engine.optim.LrSchedule;
import org.actbench.engine.optim.Optimizer;
import org.actbench.engine.train.SettingChange.Setting;

/**
 * A running run's learning rate and momentum, changeable while it trains: asked for from any thread
 * ({@link #request}: the window, a watched file), or planned at given steps ({@link #plan}: a
 * schedule file). The training loop applies what is due between two steps, on its own thread, and
 * reports each change as a {@link SettingChange} with the step after which it holds.
 *
 * <p>The learning rate is a scale on the schedule: a change to {@code lr} makes the schedule's rate
 * at every later step {@code lr / base} times what it was, {@code base} being the schedule's rate
 * at step 0 (a constant schedule's rate becomes {@code lr} itself).
 */
public final class LiveSettings {
  private record Request(Setting setting, double value, String source) {}

  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final List<SettingChange> planned = new ArrayList<>(); // by step; training thread's
  private final double base;
  private final boolean momentum;
  private volatile double lr;
  private volatile double lrScale = 1;
  private volatile double currentMomentum = Double.NaN;

  /**
   * @param schedule the run's schedule (its rate at step 0 is the base)
   * @param optimizer the run's optimiser (whether momentum can change)
   * @param momentum the momentum the run starts with
   */
  public LiveSettings(LrSchedule schedule, Optimizer optimizer, double momentum) {
    this.base = schedule.at(0);
    this.lr = base;
    this.momentum = optimizer.hasMomentum();
    this.currentMomentum = this.momentum ? momentum : Double.NaN;
  }

  /**
   * Asks for a change from the next step on (any thread).
   *
   * @throws IllegalArgumentException for a bad value, or momentum for an optimiser without one
   */
  public void request(Setting setting, double value, String source) {
    check(setting, value);
    requests.add(new Request(setting, value, source));
  }

  /**
   * Plans changes at their steps (before the run starts; a resumed run's plan keeps only the
   * changes after its checkpoint).
   *
   * @throws IllegalArgumentException for a bad value, or momentum for an optimiser without one
   */
  public void plan(Collection<SettingChange> changes) {
    for (SettingChange c : changes) {
      check(c.setting(), c.value());
      planned.add(c);
    }
    planned.sort(Comparator.comparingLong(SettingChange::step));
  }

  /**
   * Puts back changes a run made before its checkpoint (a resume, a fork), without reporting them:
   * the last of each setting holds.
   */
  public void restore(Collection<SettingChange> changes, Optimizer optimizer) {
    for (SettingChange c : changes) {
      set(c.setting(), c.value(), optimizer);
    }
  }

  private void check(Setting setting, double value) {
    setting.check(value);
    if (setting == Setting.MOMENTUM && !momentum) {
      throw new IllegalArgumentException("momentum cannot change: Adam has no momentum setting");
    }
  }

  /** The learning rate after {@code done} steps (for step {@code done + 1}). */
  double lr(LrSchedule schedule, long done) {
    return lrScale == 1 ? schedule.at(done) : schedule.at(done) * lrScale;
  }

  /** The base learning rate now (the spec's, or the last change's). */
  public double lr() {
    return lr;
  }

  /** The momentum now (NaN for Adam). */
  public double momentum() {
    return currentMomentum;
  }

  /**
   * Applies what is due after {@code done} steps (training thread), reporting each change. Nothing
   * is allocated when nothing is due.
   */
  void applyDue(long done, Optimizer optimizer, TrainingSink sink) {
    while (!planned.isEmpty() && planned.get(0).step() <= done) {
      SettingChange c = planned.remove(0);
      if (c.step() == done) {
        set(c.setting(), c.value(), optimizer);
        sink.accept(c);
      }
    }
    Request r;
    while ((r = requests.poll()) != null) {
      set(r.setting(), r.value(), optimizer);
      sink.accept(new SettingChange(done, r.setting(), r.value(), r.source()));
    }
  }

  private void set(Setting setting, double value, Optimizer optimizer) {
    if (setting == Setting.LR) {
      lr = value;
      lrScale = value / base;
    } else {
      optimizer.setMomentum(value);
      currentMomentum = value;
    }
  }
}
