package org.actbench.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's whole state after {@code start.step()} steps, held in memory: copies of every parameter,
 * BN's running statistics and the optimiser's state, by the names a {@link Checkpoint} uses, and
 * the optimiser's update count. The data position is the step itself: a loader moved on by that
 * many batches ({@code BatchLoader.skip}) draws the same shuffles, crops and flips.
 *
 * <p>Its arrays are never written after {@link #take}, so another thread may read them (a fork
 * started from the window while the run goes on).
 */
public record Snapshot(Start start, long updates, Map<String, INDArray> arrays) {
  public Snapshot {
    arrays = Map.copyOf(arrays);
  }

  /** Copies the state of {@code network} and {@code optimizer} after {@code start.step()}. */
  public static Snapshot take(Start start, Network network, Optimizer optimizer) {
    Map<String, INDArray> copies = new LinkedHashMap<>();
    Checkpoint.arrays(network, optimizer).forEach((name, live) -> copies.put(name, live.dup()));
    return new Snapshot(start, optimizer.updates(), copies);
  }

  public long step() {
    return start.step();
  }

  /** Bytes its arrays hold. */
  public long bytes() {
    long sum = 0;
    for (INDArray a : arrays.values()) {
      sum += a.length() * a.dataType().width();
    }
    return sum;
  }

  /**
   * Puts the whole state back into a network built from the same spec and its optimiser (the same
   * names and shapes, all of them).
   */
  public void applyTo(Network network, Optimizer optimizer) {
    Checkpoint.arrays(network, optimizer).forEach((name, live) -> live.assign(require(name, live)));
    optimizer.setUpdates(updates);
  }

  /**
   * Carries the state into a network of the same shapes with another activation, and perhaps
   * another optimiser (a fork): every weight, bias and BN statistic must be there and is copied
   * exactly; a PReLU slope the snapshot lacks keeps its initial value; the optimiser's state is
   * carried only when {@code sameOptimizer}, else it starts afresh (zero moments, no updates).
   *
   * @return the names that kept their initial values
   * @throws IllegalArgumentException if a weight is missing or has another shape
   */
  public List<String> carryInto(Network network, Optimizer optimizer, boolean sameOptimizer) {
    List<String> fresh = new ArrayList<>();
    for (Param p : network.params()) {
      if (!arrays.containsKey(p.name()) && p.name().startsWith("act")) {
        fresh.add(p.name()); // a PReLU slope the parent's activation did not have
      } else {
        p.value().assign(require(p.name(), p.value()));
      }
    }
    network.buffers().forEach((name, live) -> live.assign(require(name, live)));
    if (sameOptimizer) {
      optimizer
          .state(network.params())
          .forEach(
              (name, live) -> {
                INDArray saved = arrays.get(name);
                if (saved != null) {
                  live.assign(require(name, live));
                } else {
                  fresh.add(name);
                }
              });
      optimizer.setUpdates(updates);
    }
    return fresh;
  }

  private INDArray require(String name, INDArray live) {
    INDArray saved = arrays.get(name);
    if (saved == null) {
      throw new IllegalArgumentException(
          "the state after step " + step() + " has no " + name + " (another network?)");
    }
    if (!Arrays.equals(saved.shape(), live.shape())) {
      throw new IllegalArgumentException(
          "the state after step "
              + step()
              + " holds "
              + name
              + " of shape "
              + Arrays.toString(saved.shape())
              + ", the network needs "
              + Arrays.toString(live.shape()));
    }
    return saved;
  }
}
