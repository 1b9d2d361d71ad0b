package org.actbench.cli;

import java.io.IOException;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DatasetLocator;
import picocli.CommandLine.Option;

/** {@code --data}, on every experiment that reads CIFAR-10 (a picocli mixin). */
final class DataOption {
  @Option(
      names = "--data",
      description =
          "cifar-10-binary.tar.gz, a folder or sample (default: ACTBENCH_CIFAR10, then the cache)")
  String data;

  /** What the specs record: the path or name given, or "default". */
  String asSpec() {
    return data == null ? "default" : data;
  }

  /** The data set it names, found and checked by {@code locator}. */
  Cifar10 read(DatasetLocator locator) throws IOException {
    return Cifar10Reader.read(locator.require(data));
  }
}
