package org.actbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import org.actbench.data.DataException;
import org.actbench.data.DatasetLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code actbench}: the headless face of the workbench, on the same engine as the window. */
@Command(
    name = "actbench",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Train small CNNs on CIFAR-10 with different activation functions, headless.",
    subcommands = {
      DataCommand.class,
      TrainCommand.class,
      DumpCommand.class,
      BenchCommand.class,
      ExperimentCommand.class,
      RunsCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      SweepCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ActBenchCommand implements Runnable {
  /** Exit code for bad input: a dataset, file or value that cannot be used. */
  public static final int BAD_INPUT = 2;

  final DatasetLocator locator;

  ActBenchCommand(DatasetLocator locator) {
    this.locator = locator;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a subcommand is required (try 'actbench --help')");
  }

  /** Runs the command line for this process and returns the exit code. */
  public static int run(String... args) {
    return run(
        DatasetLocator.system(),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        args);
  }

  /** Runs with the given locator and streams (tests use their own). */
  public static int run(DatasetLocator locator, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ActBenchCommand(locator));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof DataException
              || e instanceof CancellationException
              || e instanceof IllegalArgumentException) { // a value the user gave is wrong
            commandLine.getErr().println("error: " + e.getMessage());
            commandLine.getErr().flush();
            return BAD_INPUT;
          }
          throw e;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
