package org.actbench.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.actbench.data.DatasetLocator;
import org.junit.jupiter.api.Assumptions;

/**
 * The real CIFAR-10 archive for tests, from {@code ACTBENCH_CIFAR10} (or the system property {@code
 * actbench.cifar10}). Without it, real-data tests are skipped, unless {@code
 * -Dactbench.requireRealData=true} (set by {@code .ci/run}) makes them fail instead.
 */
public final class RealData {
  private RealData() {}

  public static Path archive() {
    String path = System.getProperty("actbench.cifar10", System.getenv(DatasetLocator.ENV_DATASET));
    if (path != null && Files.isRegularFile(Path.of(path))) {
      return Path.of(path);
    }
    String why =
        "the real CIFAR-10 archive is not available: set "
            + DatasetLocator.ENV_DATASET
            + " to cifar-10-binary.tar.gz (was: "
            + path
            + ")";
    if (Boolean.getBoolean("actbench.requireRealData")) {
      fail(why + "; real-data tests are required here (actbench.requireRealData=true)");
    }
    Assumptions.abort(why);
    return null;
  }
}
