package org.actbench.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.optim.Optimizer;
import org.actbench.engine.optim.Sgd;
import org.junit.jupiter.api.Test;

/** The snapshot ring keeps within its memory cap by thinning out, covering the whole run. */
class SnapshotRingTest {
  private final Network network =
      Network.build(NetworkSpec.plain(1, 2, List.of(ActivationSpec.of("elu")), false, 0), 1);
  private final Optimizer sgd = new Sgd(0.9, false, 0);

  private static Start at(long step) {
    return new Start(step, 0, Double.NaN, Double.NaN);
  }

  @Test
  void aRingOverItsMemoryCapKeepsEveryOtherSnapshotAndDoublesItsInterval() {
    long one = Snapshot.take(Start.FRESH, network, sgd).bytes();
    SnapshotRing ring = new SnapshotRing(new SnapshotRing.Settings(1, 100, 3 * one));
    for (long step = 1; step <= 8; step++) {
      ring.offer(at(step), network, sgd);
      assertThat(ring.bytes()).isLessThanOrEqualTo(3 * one);
    }
    assertThat(ring.steps()).containsExactly(4L, 8L);
    assertThat(ring.every()).isEqualTo(4);
    assertThat(ring.atOrBefore(7).orElseThrow().step()).isEqualTo(4);
    assertThat(ring.atOrBefore(3)).isEmpty();
  }

  @Test
  void aSnapshotLargerThanTheCapIsNotKeptAndBadSettingsNameTheProperty() {
    long one = Snapshot.take(Start.FRESH, network, sgd).bytes();
    SnapshotRing ring = new SnapshotRing(new SnapshotRing.Settings(1, 4, one - 1));
    ring.offer(at(1), network, sgd);
    assertThat(ring.steps()).isEmpty();
    Properties p = new Properties();
    p.setProperty("actbench.snapshots", "64");
    p.setProperty("actbench.snapshotMegabytes", "100");
    assertThat(SnapshotRing.Settings.fromProperties(p))
        .isEqualTo(new SnapshotRing.Settings(25, 64, 100L << 20));
    p.setProperty("actbench.snapshots", "-1");
    assertThatThrownBy(() -> SnapshotRing.Settings.fromProperties(p))
        .hasMessageStartingWith("actbench.snapshots must be a whole number");
  }
}
