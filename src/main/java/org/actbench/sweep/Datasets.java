package org.actbench.sweep;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DatasetLocator;

/** The datasets a sweep's specs name, each read once per process for all the runs that use it. */
final class Datasets {
  private static final Datasets SHARED = new Datasets(DatasetLocator.system());

  private final DatasetLocator locator;
  private final Map<String, Cifar10> read = new ConcurrentHashMap<>();

  Datasets(DatasetLocator locator) {
    this.locator = locator;
  }

  /** This process's, as the environment locates them (an executor's). */
  static Datasets shared() {
    return SHARED;
  }

  /** {@code sample}, a path, or {@code default} (ACTBENCH_CIFAR10, then the cache). */
  Cifar10 read(String data) {
    return read.computeIfAbsent(
        data, d -> Cifar10Reader.read(locator.require(d.equals("default") ? null : d)));
  }

  Path cacheDir() {
    return locator.cacheRoot();
  }
}
