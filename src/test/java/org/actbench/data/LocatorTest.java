package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatorTest {
  @TempDir Path tmp;

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverCache() throws IOException {
    Path cli = Files.createDirectories(tmp.resolve("cli"));
    Path env = Files.createFile(tmp.resolve("env.tar.gz"));
    Files.createDirectories(tmp.resolve("xdg/actbench/cifar-10/cifar-10-batches-bin"));
    DatasetLocator locator =
        new DatasetLocator(
            Map.of(
                "ACTBENCH_CIFAR10",
                env.toString(),
                "XDG_CACHE_HOME",
                tmp.resolve("xdg").toString()),
            tmp);
    assertThat(locator.locate(cli.toString())).contains(new FolderSource(cli));
    assertThat(locator.locate(null)).contains(new ArchiveSource(env));
    DatasetLocator cacheOnly =
        new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), tmp);
    assertThat(cacheOnly.locate(null))
        .contains(new FolderSource(tmp.resolve("xdg/actbench/cifar-10/cifar-10-batches-bin")));
    assertThat(cacheOnly.locate("sample")).contains(new SampleSource());
  }

  @Test
  void cacheDefaultsToDotCacheInTheHomeFolder() {
    DatasetLocator locator = new DatasetLocator(Map.of(), tmp);
    assertThat(locator.cifarCache()).isEqualTo(tmp.resolve(".cache/actbench/cifar-10"));
    assertThat(locator.locate(null)).isEmpty();
  }

  @Test
  void missingDatasetSaysHowToGetOne() {
    DatasetLocator locator = new DatasetLocator(Map.of(), tmp);
    assertThatThrownBy(() -> locator.require(null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("no CIFAR-10 found")
        .hasMessageContaining("data download")
        .hasMessageContaining("--data sample");
  }

  @Test
  void environmentPathThatDoesNotExistNamesTheVariable() {
    DatasetLocator locator =
        new DatasetLocator(Map.of("ACTBENCH_CIFAR10", tmp.resolve("gone").toString()), tmp);
    assertThatThrownBy(() -> locator.locate(null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("gone")
        .hasMessageContaining("ACTBENCH_CIFAR10");
  }
}
