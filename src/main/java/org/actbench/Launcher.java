package org.actbench;

import org.actbench.cli.ActBenchCommand;
import org.actbench.engine.NativeBackend;

/**
 * Entry point: no arguments opens the workbench window, {@code fx-bench} measures it, any other
 * argument runs the command line.
 *
 * <p>A plain class rather than the JavaFX {@code Application} itself, so that the JavaFX runtime can
 * live on the class path (ActBench is not a JPMS module because ND4J is not one).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    NativeBackend.select();
    if (args.length == 0) {
      org.actbench.ui.App.main(args);
    } else if (args[0].equals("fx-bench")) { // the window's frame benchmark: JavaFX, so not picocli's
      org.actbench.ui.FxBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
    } else {
      System.exit(ActBenchCommand.run(args));
    }
  }
}
