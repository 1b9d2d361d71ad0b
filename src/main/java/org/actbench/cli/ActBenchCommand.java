package org.actbench.cli;

import java.io.PrintWriter;
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
      FxBenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ActBenchCommand implements Runnable {
  /** Exit code for bad input: a dataset, file or value that cannot be used. */
  public static final int BAD_INPUT = 2;

  final DatasetLocator locator;

  /** The window's face for commands that open it ({@code fx-bench}); null when there is none. */
  final WindowFace window;

  ActBenchCommand(DatasetLocator locator, WindowFace window) {
    this.locator = locator;
    this.window = window;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a subcommand is required (try 'actbench --help')");
  }

  /** Runs the command line for this process and returns the exit code. */
  public static int run(WindowFace window, String... args) {
    return run(
        commandLine(DatasetLocator.system(), window),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        args);
  }

  /** The command line's model: every command and option (tests walk it). */
  public static CommandLine commandLine(DatasetLocator locator, WindowFace window) {
    return new CommandLine(new ActBenchCommand(locator, window));
  }

  /** Runs with the given locator and streams, without a window (tests use their own). */
  public static int run(DatasetLocator locator, PrintWriter out, PrintWriter err, String... args) {
    return run(commandLine(locator, null), out, err, args);
  }

  private static int run(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, given) -> {
          CommandLine where = e.getCommandLine();
          String help = where.getCommandSpec().qualifiedName();
          Errors.print(
              where.getErr(), Errors.firstLine(e.getMessage()) + " (see '" + help + " --help')");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Errors.Report report = Errors.report(e, commandLine.getCommandSpec());
          Errors.print(commandLine.getErr(), report.line());
          if (System.getenv("ACTBENCH_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          return report.exitCode();
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
