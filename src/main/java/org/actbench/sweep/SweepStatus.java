package org.actbench.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each run of a sweep stands in a store: finished, diverged, running (a process on this
 * machine trains it, or a cluster's attempt reported within {@link Claim#ALIVE}), failed,
 * interrupted (started, neither running nor ended: the next {@code sweep run} resumes it) or
 * pending (not started).
 */
public record SweepStatus(String sweep, List<Line> runs) {
  /** The states, in the order they are counted. */
  public static final List<String> STATES =
      List.of("finished", "diverged", "running", "failed", "interrupted", "pending");

  /** One run: its id, state, the axes' values, and the attempts the store recorded for it. */
  public record Line(String id, String state, Map<String, String> point, int attempts) {}

  public static SweepStatus of(Sweep sweep, String storeLocation) throws IOException {
    Store store = Store.open(storeLocation);
    Optional<Path> local = store.localRoot();
    Map<String, RunFolders.State> here =
        local.isPresent() ? RunFolders.load(local.get()) : Map.of();
    Instant now = Instant.now();
    List<Line> lines = new ArrayList<>();
    for (SweepRun run : sweep.runs()) {
      List<Claim.Attempt> attempts = Claim.attempts(store, run.id());
      boolean attemptAlive = attempts.stream().anyMatch(a -> a.alive(now));
      RunFolders.State state = here.get(run.id());
      if (state == null) {
        state =
            store
                .read(run.id() + "/status.json")
                .map(RunFolders::stateOf)
                .orElse(RunFolders.State.ABSENT);
      }
      String shown =
          switch (state) {
            case FINISHED -> "finished";
            case DIVERGED -> "diverged";
            case FAILED -> attemptAlive ? "running" : "failed";
            case RUNNING -> "running";
            case INTERRUPTED -> attemptAlive ? "running" : "interrupted";
            case ABSENT -> attemptAlive ? "running" : "pending";
          };
      lines.add(new Line(run.id(), shown, run.point(), attempts.size()));
    }
    return new SweepStatus(sweep.name(), List.copyOf(lines));
  }

  /** How many runs are in each state, every state named. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    STATES.forEach(s -> counts.put(s, 0));
    runs.forEach(l -> counts.merge(l.state(), 1, Integer::sum));
    return counts;
  }
}
