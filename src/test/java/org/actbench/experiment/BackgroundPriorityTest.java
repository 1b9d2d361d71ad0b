package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {
  @Test
  void aTrainingThreadGivesWayAndThreadsItStartsInheritItButOthersKeepTheirs() throws Exception {
    assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
    String before = schedule(); // e.g. "policy 0 nice 0", or nice 5 under `nice mvn`
    AtomicReference<String> outcome = new AtomicReference<>();
    AtomicReference<String> own = new AtomicReference<>();
    AtomicReference<String> child = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              outcome.set(BackgroundPriority.lowerCurrentThread());
              own.set(schedule());
              Thread started = new Thread(() -> child.set(schedule()));
              started.start();
              try {
                started.join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    t.join();
    assertThat(outcome.get()).isIn("SCHED_IDLE", "nice 19");
    String expected = outcome.get().equals("SCHED_IDLE") ? "policy 5" : "nice 19";
    assertThat(own.get()).contains(expected);
    assertThat(child.get()).contains(expected);
    assertThat(schedule()).isEqualTo(before); // this thread is untouched
  }

  /** "policy P nice N" of the calling thread, from /proc (SCHED_IDLE is policy 5). */
  private static String schedule() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 3, so field k is fields[k - 3]
      return "policy " + fields[41 - 3] + " nice " + fields[19 - 3];
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
