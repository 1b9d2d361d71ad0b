package org.actbench.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.testfx.api.FxRobot;

/**
 * Fails a GUI test that breaks the window's threading rules: the scene graph changed off the FX
 * thread, or a file of the test's folders read or written on it.
 *
 * <ul>
 *   <li><b>Scene graph.</b> {@link #watch} puts listeners on every node of a scene, and on nodes
 *       added later: a layout request (what changing a text, a child list or a size causes), a
 *       child list, a label's or field's text, an image, a node's visibility or a table's rows that
 *       change on another thread than the FX thread are noted with the stack that did it.
 *   <li><b>File I/O.</b> Java Flight Recorder's {@code jdk.FileRead} and {@code jdk.FileWrite}
 *       events (every read and write through {@code java.io} streams, {@code RandomAccessFile} and
 *       {@code FileChannel}, which {@code java.nio.file.Files} uses), at threshold 0, from the FX
 *       thread, of files under the guarded folders (the test's run store: the JDK reading a class
 *       or a stylesheet is not the window's doing). Listing a folder or asking whether a file
 *       exists is not reported by JFR and so not caught.
 * </ul>
 *
 * <p>{@link #assertClean} waits until JFR has delivered everything recorded so far, then fails with
 * every violation. {@code FxThreadGuardTest} breaks both rules on purpose.
 */
public final class FxThreadGuard implements AutoCloseable {
  private final List<Path> folders;
  private final List<String> violations = new ArrayList<>();
  private final RecordingStream jfr = new RecordingStream();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile long fxThreadId = -1;
  private volatile CountDownLatch marked;

  /** Marks the moment {@link #assertClean} is called, so that it knows JFR has caught up. */
  @Name("org.actbench.testing.FxThreadGuard.Mark")
  static final class Mark extends Event {}

  private FxThreadGuard(List<Path> folders) {
    this.folders = folders.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    for (String event : List.of("jdk.FileRead", "jdk.FileWrite")) {
      jfr.enable(event).withThreshold(Duration.ZERO).withStackTrace();
      jfr.onEvent(event, this::fileEvent);
    }
    jfr.enable(Mark.class);
    jfr.onEvent(
        Mark.class.getAnnotation(Name.class).value(),
        e -> {
          CountDownLatch m = marked;
          if (m != null) {
            m.countDown();
          }
        });
    jfr.onFlush(started::countDown);
    jfr.setMaxAge(Duration.ofSeconds(30));
    jfr.startAsync();
  }

  /** Starts recording file I/O under {@code folders}; then {@link #watch} the scene (FX thread). */
  public static FxThreadGuard start(Path... folders) {
    FxThreadGuard guard = new FxThreadGuard(Arrays.asList(folders));
    try {
      guard.started.await(10, TimeUnit.SECONDS); // JFR streams from its first flush on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return guard;
  }

  /** Starts, and watches the stage's scene from now on (from a test's thread). */
  public static FxThreadGuard watching(Stage stage, Path... folders) {
    FxThreadGuard guard = start(folders);
    new FxRobot().interact(() -> guard.watch(stage.getScene()));
    return guard;
  }

  /** Watches a scene's nodes from now on (on the FX thread, which it remembers). */
  public void watch(Scene scene) {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException("watch the scene on the FX thread");
    }
    fxThreadId = Thread.currentThread().getId();
    scene.rootProperty().addListener(onFxThread("the scene's root"));
    watch(scene.getRoot());
  }

  private void watch(Node node) {
    String name = describe(node);
    node.visibleProperty().addListener(onFxThread(name + " visibility"));
    if (node instanceof Labeled l) {
      l.textProperty().addListener(onFxThread(name + " text"));
    }
    if (node instanceof TextInputControl t) {
      t.textProperty().addListener(onFxThread(name + " text"));
    }
    if (node instanceof ImageView v) {
      v.imageProperty().addListener(onFxThread(name + " image"));
    }
    if (node instanceof TableView<?> t) {
      t.getItems().addListener(onFxThread(name + " rows"));
    }
    if (node instanceof Parent p) {
      p.needsLayoutProperty().addListener(onFxThread(name + " layout"));
      p.getChildrenUnmodifiable()
          .addListener(
              (ListChangeListener<Node>)
                  c -> {
                    check(name + " children");
                    while (c.next()) {
                      c.getAddedSubList().forEach(this::watch);
                    }
                  });
      p.getChildrenUnmodifiable().forEach(this::watch);
    }
  }

  private InvalidationListener onFxThread(String what) {
    return (Observable o) -> check(what);
  }

  private void check(String what) {
    if (!Platform.isFxApplicationThread()) {
      violation(
          what + " changed on thread '" + Thread.currentThread().getName() + "', not the FX thread",
          Thread.currentThread().getStackTrace());
    }
  }

  private void fileEvent(RecordedEvent e) {
    RecordedThread thread = e.getThread();
    String path = e.getString("path");
    if (thread == null || path == null || thread.getJavaThreadId() != fxThreadId) {
      return;
    }
    Path file = Path.of(path).toAbsolutePath().normalize();
    if (folders.stream().anyMatch(file::startsWith)) {
      String frames =
          e.getStackTrace() == null
              ? ""
              : e.getStackTrace().getFrames().stream()
                  .limit(12)
                  .map(
                      f ->
                          "\n    at "
                              + f.getMethod().getType().getName()
                              + "."
                              + f.getMethod().getName()
                              + ":"
                              + f.getLineNumber())
                  .collect(Collectors.joining());
      synchronized (violations) {
        violations.add(
            e.getEventType().getName().replace("jdk.", "")
                + " of "
                + file
                + " on the FX thread"
                + frames);
      }
    }
  }

  private void violation(String what, StackTraceElement[] stack) {
    StringBuilder text = new StringBuilder(what);
    Arrays.stream(stack).skip(2).limit(12).forEach(f -> text.append("\n    at ").append(f));
    synchronized (violations) {
      violations.add(text.toString());
    }
  }

  /** What was caught so far (file events once JFR delivered them: see {@link #assertClean}). */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** Waits for JFR to deliver what it recorded, then fails if anything broke the rules. */
  public void assertClean() {
    List<String> found = caughtUp();
    if (!found.isEmpty()) {
      throw new AssertionError(
          found.size() + " threading violation(s) in the window:\n" + String.join("\n", found));
    }
  }

  /** Every violation, once JFR has delivered the events recorded before this call. */
  public List<String> caughtUp() {
    CountDownLatch m = new CountDownLatch(1);
    marked = m;
    new Mark().commit();
    try {
      if (!m.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("JFR did not deliver its events within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return violations();
  }

  private static String describe(Node node) {
    String id = node.getId() == null ? "" : "#" + node.getId();
    return node.getClass().getSimpleName() + id;
  }

  /** {@link #assertClean}, then stops recording. */
  public void assertCleanAndClose() {
    try {
      assertClean();
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    jfr.close();
  }
}
