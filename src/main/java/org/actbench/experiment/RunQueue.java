package org.actbench.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.actbench.data.Cifar10;
import org.actbench.data.Progress;
import org.actbench.engine.Threads;
import org.actbench.engine.train.LiveSettings;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.SnapshotRing;
import org.actbench.engine.train.StateOnRequest;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Runs training jobs in a background executor, {@code parallelism} at a time, each in its own run
 * folder under {@code store}. Every run can be paused, resumed, stepped one batch while paused, and
 * stopped; the training loop checks between batches. ND4J's threads (a process-wide setting) are
 * divided among the parallel runs.
 */
public final class RunQueue implements AutoCloseable {
  /** Where a run stands. */
  public enum State {
    QUEUED,
    RUNNING,
    PAUSED,
    FINISHED,
    DIVERGED,
    CANCELLED,
    FAILED;

    public boolean isDone() {
      return this == FINISHED || this == DIVERGED || this == CANCELLED || this == FAILED;
    }

    public String label() {
      return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Path store;
  private final Function<String, Cifar10> datasets;
  private final ExecutorService executor;
  private final List<Run> runs = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Path cacheDir;
  private volatile String priority = "normal";
  private volatile SnapshotRing.Settings snapshots = SnapshotRing.Settings.DEFAULTS;

  /**
   * @param datasets the dataset a spec's {@code data} names ({@code sample}, a path, or {@code
   *     default}), asked for by every run: the caller keeps what it read (the window shares one
   *     cache among its queues)
   * @param background whether training threads yield the CPU to everything else ({@link
   *     BackgroundPriority}): true under a window, so that it stays smooth
   */
  public RunQueue(
      Path store,
      Path cacheDir,
      Function<String, Cifar10> datasets,
      int parallelism,
      boolean background) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("runs at once must be >= 1, got " + parallelism);
    }
    this.store = store;
    this.cacheDir = cacheDir;
    this.datasets = datasets;
    AtomicInteger threadIds = new AtomicInteger();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
    this.executor =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Runnable body =
                  () -> {
                    // OpenMP's thread count is a per-thread setting, which oneDNN reads on the
                    // thread
                    // that calls it: set on this thread, or its convolutions use every core
                    Threads.set(threads);
                    if (background) {
                      priority = BackgroundPriority.lowerCurrentThread();
                    }
                    r.run();
                  };
              Thread t = new Thread(body, "actbench-run-" + threadIds.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Threads.set(threads);
  }

  /** The training threads' CPU priority, as {@link BackgroundPriority} set it ("normal" if not). */
  public String priority() {
    return priority;
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }

  /**
   * Continues a stored run from its latest checkpoint, in its own folder, with the interval it had.
   * Nothing is read here (the window calls this on the FX thread): {@code spec} is the run's as the
   * store listed it, and its folder is opened when the run starts.
   */
  public Run resume(Path runDir, TrainSpec spec, TrainingSink sink) {
    Run run = new Run(ids.incrementAndGet(), spec, List.of());
    run.resumeDir = runDir;
    run.resume = true;
    runs.add(run);
    executor.submit(() -> run.execute(sink));
    return run;
  }

  /**
   * Trains a run folder made beforehand (a sweep names its folders), with a checkpoint every {@code
   * checkpointEvery} steps (0: only at the end); {@code resume} continues from its latest.
   */
  public Run submit(RunFolder folder, boolean resume, int checkpointEvery, TrainingSink sink) {
    return enqueue(folder, resume, checkpointEvery, sink);
  }

  private Run enqueue(
      RunFolder folder, boolean resume, Integer checkpointEvery, TrainingSink sink) {
    Run run = new Run(ids.incrementAndGet(), folder.spec(), List.of());
    run.prepared = folder;
    run.resume = resume;
    run.checkpointEvery = checkpointEvery;
    runs.add(run);
    executor.submit(() -> run.execute(sink));
    return run;
  }

  /**
   * Queues a fork of the run in {@code parentDir} from its state after step {@code at} ({@link
   * Fork}): the state is rebuilt when the fork starts, from {@code ring} (the parent's snapshots,
   * if it ran in this queue's window) or its checkpoints.
   *
   * @param child the parent's spec with the changes, checked by {@link Fork#check} beforehand
   */
  public Run fork(Path parentDir, SnapshotRing ring, long at, TrainSpec child, TrainingSink sink) {
    Run run = new Run(ids.incrementAndGet(), child, List.of());
    run.fork = new ForkFrom(parentDir, ring, at);
    runs.add(run);
    executor.submit(() -> run.execute(sink));
    return run;
  }

  private record ForkFrom(Path parentDir, SnapshotRing ring, long at) {}

  /** How much each run keeps of its states in memory, for forks (from its next start on). */
  public void keepSnapshots(SnapshotRing.Settings settings) {
    snapshots = settings;
  }

  /** Queues a run; {@code sink} sees its events on its thread; tags go to its meta.json. */
  public Run submit(TrainSpec spec, List<String> tags, TrainingSink sink) {
    Run run = new Run(ids.incrementAndGet(), spec, tags);
    runs.add(run);
    executor.submit(() -> run.execute(sink));
    return run;
  }

  /** Stops every run and waits up to {@code seconds} for them to end. */
  public void stopAll(long seconds) throws InterruptedException {
    runs.forEach(Run::stop);
    executor.shutdown();
    executor.awaitTermination(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    stopAll(30);
  }

  /** One queued run and its controls. Thread-safe. */
  public final class Run {
    private final int number;
    private final TrainSpec spec;
    private volatile State state = State.QUEUED;
    private volatile long step;
    private volatile long startedNanos;
    private volatile long endedNanos;

    /** Time paused: pauses over and done with, and when the current one began (0: none). */
    private record Paused(long nanos, long since) {}

    private volatile Paused paused = new Paused(0, 0); // replaced whole: readers see one state
    private volatile String message = "";
    private volatile Path folder;
    private volatile String kernels; // what runs its layers, once it runs
    private boolean pauseRequested;
    private boolean stopRequested;
    private int stepsAllowed;

    private final List<String> tags;
    // set before the run is submitted
    private RunFolder prepared;
    private ForkFrom fork;
    private volatile LiveSettings live;
    private volatile SnapshotRing ring;
    private final StateOnRequest stateOnRequest = new StateOnRequest();
    private Path resumeDir; // or a stored run's folder, opened when it starts
    private boolean resume;
    private Integer checkpointEvery; // null: the interval a resumed run had

    private Run(int number, TrainSpec spec, List<String> tags) {
      this.tags = List.copyOf(tags);
      this.number = number;
      this.spec = spec;
    }

    /** Its learning rate and momentum, to change while it trains; null until it starts. */
    public LiveSettings live() {
      return live;
    }

    /** Its state, copied when asked for while it trains (the window's activation maps). */
    public StateOnRequest stateOnRequest() {
      return stateOnRequest;
    }

    /** Its states kept in memory for forks; null until it starts. */
    public SnapshotRing snapshots() {
      return ring;
    }

    public int number() {
      return number;
    }

    public TrainSpec spec() {
      return spec;
    }

    public State state() {
      return state;
    }

    public long step() {
      return step;
    }

    public long steps() {
      return spec.steps();
    }

    /** Why it failed, or the run folder. */
    public String message() {
      return message;
    }

    public Path folder() {
      return folder;
    }

    /**
     * What runs its layers ({@code onednn} or {@code nd4j}, after any fallback); null until then.
     */
    public String kernels() {
      return kernels;
    }

    /**
     * Seconds it has worked since it started (until it ended), pauses left out; 0 while queued.
     * Reads volatile fields without the run's lock: the window asks five times a second, and a
     * training thread at background priority may hold that lock while it waits for the CPU.
     */
    public double elapsedSeconds() {
      long start = startedNanos;
      if (start == 0) {
        return 0;
      }
      Paused p = paused;
      long end = endedNanos != 0 ? endedNanos : System.nanoTime();
      long pausedFor = p.nanos() + (p.since() != 0 ? end - p.since() : 0);
      return Math.max(0, end - start - pausedFor) / 1e9;
    }

    /** Estimated seconds left from the pace so far; NaN before the first step. */
    public double etaSeconds() {
      long done = step;
      return done == 0 || state.isDone()
          ? Double.NaN
          : elapsedSeconds() / done * (spec.steps() - done);
    }

    public synchronized void pause() {
      if (!state.isDone()) {
        pauseRequested = true;
      }
    }

    public synchronized void resume() {
      pauseRequested = false;
      notifyAll();
    }

    /** While paused: lets exactly one more batch run. */
    public synchronized void stepOnce() {
      if (pauseRequested) {
        stepsAllowed++;
        notifyAll();
      }
    }

    /** Stops it between batches; a run still waiting in the queue is cancelled at once. */
    public synchronized void stop() {
      stopRequested = true;
      if (state == State.QUEUED) {
        endedNanos = System.nanoTime();
        setState(State.CANCELLED);
      }
      notifyAll();
    }

    /** Called by the training loop before each batch: blocks while paused; true to stop. */
    private synchronized boolean holdOrStop() {
      try {
        while (!stopRequested && pauseRequested && stepsAllowed == 0) {
          if (paused.since() == 0) {
            paused = new Paused(paused.nanos(), System.nanoTime());
          }
          setState(State.PAUSED);
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      } finally {
        Paused p = paused;
        if (p.since() != 0) { // a stop ends the pause too: its time is no work either
          paused = new Paused(p.nanos() + System.nanoTime() - p.since(), 0);
        }
      }
      if (stopRequested) {
        return true;
      }
      if (stepsAllowed > 0) {
        stepsAllowed--;
      }
      if (state == State.PAUSED && !pauseRequested) {
        setState(State.RUNNING);
      }
      return false;
    }

    /** The step counter the table shows. */
    private void count(TrainingEvent event) {
      if (event instanceof StepRecord s) {
        step = s.step();
      }
    }

    private void setState(State next) {
      state = next;
    }

    private void execute(TrainingSink sink) {
      synchronized (this) {
        if (stopRequested) { // stopped while queued: stop() has said so already
          return;
        }
        startedNanos = System.nanoTime();
        setState(State.RUNNING); // under the lock: a stop() now sees it, ends it between batches
      }
      try {
        Cifar10 data = datasets.apply(spec.data());
        Runner runner;
        RunFolder runFolder;
        if (fork != null) {
          Fork.Prepared f =
              Fork.prepare(
                  RunFolder.open(fork.parentDir()),
                  fork.ring(),
                  fork.at(),
                  spec,
                  data,
                  cacheDir,
                  store,
                  0,
                  this::holdOrStop);
          runner = f.runner();
          runFolder = f.folder();
        } else {
          runner = new Runner(spec, data, cacheDir, Progress.NONE);
          runFolder =
              prepared != null
                  ? prepared
                  : resumeDir != null
                      ? RunFolder.open(resumeDir)
                      : RunFolder.create(store, runner.spec(), tags);
        }
        kernels = runner.spec().kernels().id();
        folder = runFolder.dir();
        message = folder.toString();
        live = runner.loop().live();
        ring = new SnapshotRing(snapshots);
        runFolder.keepSnapshots(ring);
        runFolder.copyStateOnRequest(stateOnRequest);
        TrainingSink counted = TrainingSink.all(this::count, sink);
        RunResult result =
            resume || fork != null
                ? runFolder.resume(runner, counted, this::holdOrStop, checkpointEvery)
                : runFolder.train(
                    runner,
                    counted,
                    this::holdOrStop,
                    checkpointEvery == null ? 0 : checkpointEvery);
        endedNanos = System.nanoTime();
        setState(
            switch (result.status()) {
              case FINISHED -> State.FINISHED;
              case DIVERGED -> State.DIVERGED;
              case CANCELLED -> State.CANCELLED;
            });
      } catch (CancellationException e) {
        endedNanos = System.nanoTime(); // a fork stopped while it replayed: nothing was written
        message = e.getMessage();
        setState(State.CANCELLED);
      } catch (RuntimeException | java.io.IOException | Error e) {
        endedNanos = System.nanoTime();
        message = e.getMessage() == null ? e.toString() : e.getMessage();
        setState(State.FAILED);
      }
      releaseNativeMemory();
    }
  }

  /**
   * Returns a finished run's native memory now. ND4J's arrays live off the Java heap and are freed
   * only when their small Java objects are collected; a window whose heap stays small collects
   * rarely, so finished runs' arrays piled up (5.4 GB resident after 20 small CIFAR-10 runs, 7.1 GB
   * at its peak; docs/reliability.md). Asking for a collection when a run ends frees them; the
   * window's JVM runs it concurrently ({@code -XX:+ExplicitGCInvokesConcurrent}), so frames keep
   * their time.
   */
  private static void releaseNativeMemory() {
    System.gc();
  }
}
