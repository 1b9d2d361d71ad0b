package org.actbench.ui.setup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.DataException;
import org.actbench.data.DataSource;
import org.actbench.data.DatasetLocator;
import org.actbench.data.FolderSource;
import org.actbench.data.SampleSource;
import org.actbench.ui.Settings;

/**
 * The first-start choice when no CIFAR-10 is found: download it, import a local copy, or use the
 * bundled sample set. The choice is remembered in {@link Settings}.
 *
 * <p>Downloads and imports run on a background thread; their progress reaches the FX thread through
 * one latest-wins slot with at most one pending {@code runLater} (as {@code Task.updateProgress}).
 * All properties change on the FX thread only.
 */
public final class DatasetSetupViewModel {
  public static final String SAMPLE = DatasetLocator.SAMPLE;

  private final Settings settings;
  private final Supplier<Cifar10Download> download;
  private final Cifar10Cache cache;

  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<DataSource> chosen = new ReadOnlyObjectWrapper<>();

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<Update> pending = new AtomicReference<>();

  /** The latest progress of the background job, waiting for the FX thread. */
  private record Update(String phase, long done, long total) {}

  public DatasetSetupViewModel(
      Settings settings, Supplier<Cifar10Download> download, Cifar10Cache cache) {
    this.settings = settings;
    this.download = download;
    this.cache = cache;
  }

  /** The dataset to use without asking: found by the locator, or remembered as the sample set. */
  public static Optional<DataSource> remembered(DatasetLocator locator, Settings settings) {
    Optional<DataSource> found = locator.locate(null);
    if (found.isPresent()) {
      return found;
    }
    return settings.get(Settings.DATASET).filter(SAMPLE::equals).map(s -> new SampleSource());
  }

  public void useSample() {
    settings.put(Settings.DATASET, SAMPLE);
    chosen.set(new SampleSource());
  }

  public void download() {
    run("Downloading CIFAR-10", () -> download.get().run(this::report, cancelled::get));
  }

  public void importFrom(Path path) {
    run(
        "Importing " + path.getFileName(),
        () -> cache.importFrom(DatasetLocator.source(path.toString(), "the import"), this::report));
  }

  /** Stops a download or import; a download keeps its partial file and resumes next time. */
  public void cancel() {
    cancelled.set(true);
  }

  private interface Job {
    Path run();
  }

  private void run(String what, Job job) {
    if (busy.get()) {
      return;
    }
    cancelled.set(false);
    busy.set(true);
    error.set("");
    status.set(what + "…");
    progress.set(-1);
    Thread worker =
        new Thread(
            () -> {
              try {
                Path installed = job.run();
                Platform.runLater(() -> finished(installed));
              } catch (DataException | CancellationException e) {
                String message = e.getMessage();
                boolean wasCancelled = e instanceof CancellationException;
                Platform.runLater(() -> failed(message, wasCancelled));
              } catch (RuntimeException e) {
                String message = "unexpected error: " + e;
                Platform.runLater(() -> failed(message, false));
              }
            },
            "dataset-setup");
    worker.setDaemon(true);
    worker.start();
  }

  /** Any thread: keeps the latest value; one runLater at a time carries it over. */
  private void report(String phase, long done, long total) {
    if (pending.getAndSet(new Update(phase, done, total)) == null) {
      Platform.runLater(
          () -> {
            Update u = pending.getAndSet(null);
            if (u != null && busy.get()) {
              progress.set(u.total() > 0 ? (double) u.done() / u.total() : -1);
              status.set(
                  u.phase()
                      + (u.total() > 0
                          ? String.format(
                              java.util.Locale.ROOT,
                              " %.0f / %.0f MB",
                              u.done() / 1e6,
                              u.total() / 1e6)
                          : ""));
            }
          });
    }
  }

  private void finished(Path installed) {
    busy.set(false);
    progress.set(1);
    status.set("CIFAR-10 is ready in " + installed);
    settings.put(Settings.DATASET, installed.toString());
    chosen.set(new FolderSource(installed));
  }

  private void failed(String message, boolean wasCancelled) {
    busy.set(false);
    progress.set(0);
    status.set(wasCancelled ? message : "");
    error.set(wasCancelled ? "" : message);
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Set once a dataset is ready to use. */
  public ReadOnlyObjectProperty<DataSource> chosenProperty() {
    return chosen.getReadOnlyProperty();
  }
}
