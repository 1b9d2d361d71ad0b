package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt at one run of a sweep, as the store records it under {@code .sweep/}: {@code
 * owners/<run id>} names the attempt that owns the run (the newest attempt takes it, because Spark
 * starts another only when it has given the last one up), and {@code attempts/<run
 * id>/<token>.json} is this attempt's record: where it ran, the step it last published (its
 * heartbeat), and how it ended. An attempt that finds the run owned by another stops before copying
 * anything.
 */
final class Claim {
  static final String DIR = ".sweep";

  /** An attempt silent for longer than this is not running any more. */
  static final Duration ALIVE = Duration.ofSeconds(90);

  /** An attempt's record. */
  record Attempt(
      String run,
      String token,
      String host,
      long pid,
      int sparkAttempt,
      String started,
      String updated,
      long step,
      long resumedFrom,
      String outcome,
      double seconds) {

    Attempt with(long newStep, String newOutcome, double newSeconds) {
      return new Attempt(
          run,
          token,
          host,
          pid,
          sparkAttempt,
          started,
          Instant.now().toString(),
          newStep,
          resumedFrom,
          newOutcome,
          newSeconds);
    }

    boolean alive(Instant now) {
      return outcome.isEmpty()
          && Duration.between(Instant.parse(updated), now).compareTo(ALIVE) < 0;
    }
  }

  /** Another attempt owns the run now: this one must stop and copy nothing. */
  static final class Lost extends RuntimeException {
    Lost(String run, String owner) {
      super("run " + run + " was taken over by attempt " + owner);
    }
  }

  private final Store store;
  private final String run;
  private final String token = UUID.randomUUID().toString();
  private volatile Attempt attempt;

  private Claim(Store store, String run, int sparkAttempt, long resumedFrom) {
    this.store = store;
    this.run = run;
    String now = Instant.now().toString();
    this.attempt =
        new Attempt(
            run,
            token,
            host(),
            ProcessHandle.current().pid(),
            sparkAttempt,
            now,
            now,
            resumedFrom,
            resumedFrom,
            "",
            0);
  }

  /** Takes the run for a new attempt. */
  static Claim take(Store store, String run, int sparkAttempt) throws IOException {
    Claim c = new Claim(store, run, sparkAttempt, 0);
    store.write(DIR + "/owners/" + run, c.token);
    c.save();
    return c;
  }

  void resumedFrom(long step) throws IOException {
    Attempt a = attempt;
    attempt =
        new Attempt(
            a.run(),
            a.token(),
            a.host(),
            a.pid(),
            a.sparkAttempt(),
            a.started(),
            a.updated(),
            step,
            step,
            a.outcome(),
            a.seconds());
    save();
  }

  /** Throws {@link Lost} if another attempt owns the run now. */
  void check() throws IOException {
    String owner = store.read(DIR + "/owners/" + run).orElse("").strip();
    if (!owner.equals(token)) {
      throw new Lost(run, owner.isEmpty() ? "(none)" : owner);
    }
  }

  /** Records progress: the step published last. */
  void beat(long step) throws IOException {
    attempt = attempt.with(step, "", 0);
    save();
  }

  /** Records how the attempt ended: finished, diverged, failed, skipped or lost. */
  void end(String outcome, long step, double seconds) throws IOException {
    attempt = attempt.with(step, outcome, seconds);
    save();
  }

  private void save() throws IOException {
    store.write(
        DIR + "/attempts/" + run + "/" + token + ".json", Sweep.MAPPER.writeValueAsString(attempt));
  }

  /** Every attempt recorded for a run, oldest first; damaged records are left out. */
  static List<Attempt> attempts(Store store, String run) throws IOException {
    List<Attempt> out = new ArrayList<>();
    for (String name : store.list(DIR + "/attempts/" + run)) {
      if (!name.endsWith(".json")) {
        continue;
      }
      Optional<String> text = store.read(DIR + "/attempts/" + run + "/" + name);
      try {
        if (text.isPresent()) {
          JsonNode node = Sweep.MAPPER.readTree(text.get());
          Attempt a = Sweep.MAPPER.treeToValue(node, Attempt.class);
          if (a != null) { // a record reading "null" is damaged, like one cut short
            out.add(a);
          }
        }
      } catch (JsonProcessingException | RuntimeException e) {
        // a record cut short by a full disk says nothing; the run's own files still do
      }
    }
    out.sort((a, b) -> a.started().compareTo(b.started()));
    return out;
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
