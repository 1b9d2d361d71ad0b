package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.actbench.engine.Kernels;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.lesson.Lesson;
import org.actbench.experiment.lesson.LessonRun;
import org.actbench.experiment.lesson.LessonStep;
import org.actbench.metrics.MetricsSettings;

/**
 * A lesson as it is taught (FX thread): which step is shown, and the runs started for it. Entering
 * a step queues the runs it needs that are not going yet (a run is queued once per lesson, so a
 * later step shows the same runs further on), selects them, and has the window show the step.
 */
public final class LessonViewModel {
  /** What the window does for a lesson. */
  interface Host {
    /** Queues the runs (name → spec) and returns their rows, in order. */
    List<LiveRun> queue(Map<String, TrainSpec> runs);

    void select(List<LiveRun> runs);

    void stop(List<LiveRun> runs);

    /** Shows the step: its charts, layer, quantity, callout, hidden and locked controls. */
    void show(LessonStep step);
  }

  private final Lesson lesson;
  private final String data;
  private final Host host;
  private final IntegerProperty index = new SimpleIntegerProperty(-1);
  private final Map<String, LiveRun> started = new LinkedHashMap<>();

  /**
   * @param data what the runs train on (the form's Data)
   */
  LessonViewModel(Lesson lesson, String data, Host host) {
    this.lesson = lesson;
    this.data = data;
    this.host = host;
  }

  public Lesson lesson() {
    return lesson;
  }

  /** The step shown, from 0. */
  public ReadOnlyIntegerProperty index() {
    return index;
  }

  public LessonStep step() {
    return lesson.steps().get(Math.max(0, index.get()));
  }

  public boolean isLast() {
    return index.get() == lesson.steps().size() - 1;
  }

  /** The rows of the lesson's runs started so far, by the lesson's run ids. */
  public Map<String, LiveRun> started() {
    return started;
  }

  public void next() {
    if (index.get() < lesson.steps().size() - 1) {
      enter(index.get() + 1);
    }
  }

  public void back() {
    if (index.get() > 0) {
      enter(index.get() - 1);
    }
  }

  /** Stops the lesson's runs and starts again at the first step, with new runs. */
  public void restart() {
    host.stop(new ArrayList<>(started.values()));
    started.clear();
    enter(0);
  }

  /**
   * Whether two specs train the same net the same way (net, data, seed, optimiser, batches),
   * however often they measure, for how many steps and on which kernels.
   */
  static boolean sameTraining(TrainSpec a, TrainSpec b) {
    return normal(a).equals(normal(b));
  }

  private static TrainSpec normal(TrainSpec s) {
    return s.toBuilder()
        .metrics(MetricsSettings.defaults())
        .kernels(Kernels.ND4J)
        .steps(1)
        .evalEvery(1)
        .build();
  }

  /** Shows step {@code i}, queuing the runs it needs first. */
  void enter(int i) {
    LessonStep step = lesson.steps().get(i);
    Map<String, TrainSpec> toQueue = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    for (String id : step.runs()) {
      if (!started.containsKey(id)) {
        LessonRun run = lesson.run(id).orElseThrow(); // the lesson checked its ids
        toQueue.put(id, run.spec(data));
        ids.add(id);
      }
    }
    if (!toQueue.isEmpty()) {
      List<LiveRun> rows = host.queue(toQueue);
      for (int k = 0; k < ids.size(); k++) {
        started.put(ids.get(k), rows.get(k));
      }
    }
    if (!step.runs().isEmpty()) {
      host.select(step.runs().stream().map(started::get).toList());
    }
    index.set(i);
    host.show(step);
  }
}
