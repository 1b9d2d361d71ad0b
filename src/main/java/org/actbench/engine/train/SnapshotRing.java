package org.actbench.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.actbench.engine.Network;
import org.actbench.engine.optim.Optimizer;

/**
 * A run's recent and not-so-recent states in memory, for rewinding and forking: a {@link Snapshot}
 * every {@code every} steps, at most {@code capacity} of them and at most {@code maxBytes} in all.
 *
 * <p>When it is full it keeps every second snapshot and doubles its interval, so it always covers
 * the whole run from its first snapshot on, more sparsely the longer the run: a fork replays at
 * most one interval of batches from the nearest snapshot. A network whose one snapshot exceeds
 * {@code maxBytes} keeps none (forks then start from the checkpoints on disk, or from the
 * beginning).
 *
 * <p>Written by the training thread ({@link #offer}), read by any ({@link #atOrBefore}).
 */
public final class SnapshotRing {
  /**
   * @param every steps between snapshots to begin with (doubled each time the ring thins out)
   * @param capacity most snapshots held at once (at least 2)
   * @param maxBytes most bytes all of them hold
   */
  public record Settings(int every, int capacity, long maxBytes) {
    /** 32 snapshots, 25 steps apart to begin with, 512 MB in all. */
    public static final Settings DEFAULTS = new Settings(25, 32, 512L << 20);

    /**
     * The defaults, with what the system properties {@code actbench.snapshotEvery}, {@code
     * actbench.snapshots} and {@code actbench.snapshotMegabytes} say instead (the window's JVM:
     * {@code -Dactbench.snapshots=64}).
     *
     * @throws IllegalArgumentException naming the property with a bad value
     */
    public static Settings fromProperties(Properties p) {
      return new Settings(
          (int) property(p, "actbench.snapshotEvery", DEFAULTS.every()),
          (int) property(p, "actbench.snapshots", DEFAULTS.capacity()),
          property(p, "actbench.snapshotMegabytes", DEFAULTS.maxBytes() >> 20) << 20);
    }

    private static long property(Properties p, String name, long fallback) {
      String v = p.getProperty(name);
      if (v == null) {
        return fallback;
      }
      try {
        long n = Long.parseLong(v.strip());
        if (n < 0 || n > Integer.MAX_VALUE) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            name + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", got '" + v + "'");
      }
    }

    public Settings {
      if (every < 1 || capacity < 2 || maxBytes < 0) {
        throw new IllegalArgumentException(
            "a snapshot ring needs every >= 1, capacity >= 2 and maxBytes >= 0, got "
                + every
                + ", "
                + capacity
                + " and "
                + maxBytes);
      }
    }
  }

  private final Settings settings;
  private final List<Snapshot> held = new ArrayList<>(); // by step, ascending
  private long every;
  private long bytes;

  public SnapshotRing(Settings settings) {
    this.settings = settings;
    this.every = settings.every();
  }

  /** Whether a snapshot is due after {@code step}. */
  public synchronized boolean due(long step) {
    return step % every == 0 && (held.isEmpty() || held.get(held.size() - 1).step() < step);
  }

  /** Takes a snapshot after {@code start.step()} if one is due, then thins out to fit. */
  public void offer(Start start, Network network, Optimizer optimizer) {
    if (!due(start.step())) {
      return;
    }
    Snapshot s = Snapshot.take(start, network, optimizer);
    synchronized (this) {
      if (s.bytes() > settings.maxBytes()) {
        return;
      }
      held.add(s);
      bytes += s.bytes();
      while (held.size() > settings.capacity() || bytes > settings.maxBytes()) {
        thin();
      }
    }
  }

  /** Keeps the snapshots on the doubled interval's steps. */
  private void thin() {
    every *= 2;
    List<Snapshot> kept = new ArrayList<>();
    for (Snapshot s : held) {
      if (s.step() % every == 0) {
        kept.add(s);
      }
    }
    if (kept.size() == held.size()) {
      kept.remove(0); // nothing fell on the new interval: the oldest goes
    }
    held.clear();
    held.addAll(kept);
    bytes = kept.stream().mapToLong(Snapshot::bytes).sum();
  }

  /** The newest snapshot at or before {@code step}, if any. */
  public synchronized Optional<Snapshot> atOrBefore(long step) {
    for (int i = held.size() - 1; i >= 0; i--) {
      if (held.get(i).step() <= step) {
        return Optional.of(held.get(i));
      }
    }
    return Optional.empty();
  }

  /** The steps held, ascending. */
  public synchronized List<Long> steps() {
    return held.stream().map(Snapshot::step).toList();
  }

  /** Bytes held in all. */
  public synchronized long bytes() {
    return bytes;
  }

  /** The interval between snapshots now. */
  public synchronized long every() {
    return every;
  }
}
