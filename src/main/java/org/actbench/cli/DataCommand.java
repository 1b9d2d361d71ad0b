package org.actbench.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Download;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DataSource;
import org.actbench.data.DataSummary;
import org.actbench.data.DatasetLocator;
import org.actbench.data.OfficialChecksums;
import org.actbench.data.SampleDataGenerator;
import org.actbench.engine.InvalidField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code actbench data ...}: check, download, import, generate and time datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Check, download or import CIFAR-10, or regenerate the sample set.",
    subcommands = {
      DataCommand.Check.class,
      DataCommand.Download.class,
      DataCommand.Import.class,
      DataCommand.GenerateSample.class,
      DataCommand.LoadBench.class
    })
final class DataCommand implements Runnable {
  @ParentCommand ActBenchCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  DatasetLocator locator() {
    return root.locator;
  }

  @Command(
      name = "check",
      header = "Read and verify a dataset and print its summary.",
      mixinStandardHelpOptions = true,
      description = {
        "Read and verify a dataset, print a summary.",
        "The last line is: train=<n> test=<n> per_class_train=<min>-<max> per_class_test=<min>-<max>"
            + " mean=<r>,<g>,<b>"
      })
  static final class Check implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;

    @Option(
        names = {"--source", "--data"},
        paramLabel = "PATH|sample",
        description =
            "cifar-10-binary.tar.gz, a cifar-10-batches-bin folder, or 'sample'"
                + " (default: ACTBENCH_CIFAR10, then the cache)")
    String source;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DataSource ds = data.locator().require(source);
      long t0 = System.nanoTime();
      Cifar10 cifar = Cifar10Reader.read(ds);
      double seconds = (System.nanoTime() - t0) / 1e9;
      DataSummary summary = DataSummary.of(cifar);
      out.printf(Locale.ROOT, "source: %s%n", ds.describe());
      out.printf(Locale.ROOT, "read in %.2f s%n", seconds);
      out.printf("classes: %s%n", String.join(", ", cifar.classNames()));
      out.printf("train per class: %s%n", Arrays.toString(summary.trainPerClass()));
      out.printf("test per class: %s%n", Arrays.toString(summary.testPerClass()));
      out.println(summary.line());
      return 0;
    }
  }

  @Command(
      name = "download",
      header = "Download the official CIFAR-10 into the cache, checked and resumable.",
      mixinStandardHelpOptions = true,
      description = {
        "Download the official CIFAR-10 binary archive (about 163 MB) into the cache,",
        "check its MD5, unpack and verify it. An interrupted download resumes where it stopped."
      })
  static final class Download implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;

    @Option(names = "--url", description = "where to download from (default: ${DEFAULT-VALUE})")
    URI url = Cifar10Download.OFFICIAL_URL;

    @Option(
        names = "--md5",
        description = "expected MD5 of the archive (default: ${DEFAULT-VALUE})")
    String md5 = OfficialChecksums.ARCHIVE_MD5;

    @Override
    public Integer call() {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      InvalidField.check(
          scheme.equals("http") || scheme.equals("https"),
          "url",
          "must be an http:// or https:// address, got '" + url + "'");
      DatasetLocator locator = data.locator();
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
      Cifar10Download download =
          new Cifar10Download(
              url, md5, locator.downloads(), new Cifar10Cache(locator.cifarCache()));
      Path installed;
      try {
        installed = download.run(progress, () -> false);
      } finally {
        progress.finish();
      }
      spec.commandLine().getOut().println("installed: " + installed);
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Copy a local CIFAR-10 archive or folder into the cache after checking it"
              + " against the official MD5 sums.")
  static final class Import implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "cifar-10-binary.tar.gz or cifar-10-batches-bin")
    String path;

    @Override
    public Integer call() {
      DatasetLocator locator = data.locator();
      ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
      Path installed;
      try {
        installed =
            new Cifar10Cache(locator.cifarCache())
                .importFrom(DatasetLocator.source(path, "the import path"), progress);
      } finally {
        progress.finish();
      }
      spec.commandLine().getOut().println("installed: " + installed);
      return 0;
    }
  }

  @Command(
      name = "generate-sample",
      mixinStandardHelpOptions = true,
      description = "Regenerate the bundled sample set (see sample-data/README.md).")
  static final class GenerateSample implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "folder to write the .bin files to")
    Path out;

    @Option(names = "--seed", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed = SampleDataGenerator.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
      new SampleDataGenerator(seed).writeTo(out);
      spec.commandLine().getOut().println("wrote the sample set to " + out);
      return 0;
    }
  }

  @Command(
      name = "load-bench",
      mixinStandardHelpOptions = true,
      description = "Time reading a whole dataset into memory; the last line is median_load_s=<s>.")
  static final class LoadBench implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;

    @Option(
        names = {"--source", "--data"},
        paramLabel = "PATH|sample")
    String source;

    @Option(
        names = "--runs",
        description = "timed runs after one warm-up (default: ${DEFAULT-VALUE})")
    int runs = 7;

    @Override
    public Integer call() {
      InvalidField.inRange(runs, 1, 1000, "runs");
      PrintWriter out = spec.commandLine().getOut();
      DataSource ds = data.locator().require(source);
      Cifar10Reader.read(ds);
      double[] seconds = new double[runs];
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        Cifar10Reader.read(ds);
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "run %d: %.3f s%n", r + 1, seconds[r]);
      }
      Arrays.sort(seconds);
      out.printf(Locale.ROOT, "median_load_s=%.3f%n", seconds[runs / 2]);
      return 0;
    }
  }
}
