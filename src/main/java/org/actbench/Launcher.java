package org.actbench;

import org.actbench.cli.ActBenchCommand;
import org.actbench.engine.NativeBackend;
import org.actbench.ui.WindowOptions;

/**
 * Entry point: no arguments opens the workbench window, {@code fx-bench} measures it, any other
 * argument runs the command line.
 *
 * <p>A plain class rather than the JavaFX {@code Application} itself, so that the JavaFX runtime
 * can live on the class path (ActBench is not a JPMS module because ND4J is not one).
 */
public final class Launcher {
  private Launcher() {}

  /**
   * The garbage collector's pause goal for the window. G1's default goal (200 ms) lets its young
   * generation grow until one collection stops every thread, the FX thread too, for 40–120 ms while
   * runs train; at 10 ms it collects smaller and more often (docs/performance.md has the figures).
   */
  static final String WINDOW_GC = "-XX:MaxGCPauseMillis=10";

  /**
   * A finished run asks for a collection to free its native arrays (RunQueue); in the window that
   * runs concurrently with the FX thread instead of stopping it.
   */
  static final String WINDOW_EXPLICIT_GC = "-XX:+ExplicitGCInvokesConcurrent";

  public static void main(String[] args) throws Exception {
    boolean options = WindowOptions.isFor(args);
    if (options) { // a bad lesson file stops here: one line, exit 2, no window
      try {
        WindowOptions.parse(java.util.List.of(args), true);
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(2);
      }
    }
    boolean window = args.length == 0 || args[0].equals("fx-bench") || options;
    if (window && !startedWithWindowGc() && mayRelaunch()) {
      Integer code = relaunchWithWindowGc(args);
      if (code != null) {
        System.exit(code);
      }
    }
    NativeBackend.select();
    if (args.length == 0 || options) {
      org.actbench.ui.App.main(args);
    } else {
      System.exit(ActBenchCommand.run(org.actbench.ui.bench.FxBenchmark::run, args));
    }
  }

  private static final String RELAUNCHED = "ACTBENCH_RELAUNCHED";

  /**
   * Not twice, and not where a second JVM would fight the first: a debugger or agent on the command
   * line (its port is taken) or in the environment (it would load twice).
   */
  private static boolean mayRelaunch() {
    if (System.getenv(RELAUNCHED) != null
        || System.getenv("JAVA_TOOL_OPTIONS") != null
        || System.getenv("JDK_JAVA_OPTIONS") != null) {
      return false;
    }
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .noneMatch(
            a ->
                a.startsWith("-agentlib")
                    || a.startsWith("-agentpath")
                    || a.startsWith("-javaagent")
                    || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-Xdebug"));
  }

  private static boolean startedWithWindowGc() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(
            a ->
                a.startsWith("-XX:MaxGCPauseMillis")
                    || a.startsWith("-XX:+UseZGC")
                    || a.startsWith("-XX:+UseShenandoahGC"));
  }

  /**
   * A JVM cannot change its collector's goal once started, and {@code java -jar} reads no JVM
   * options from the jar, so the window's JVM starts a second one with {@link #WINDOW_GC} and the
   * same options, class path and arguments, and passes on its exit code. Null if that could not be
   * started (then the window runs here, with the default goal).
   */
  private static Integer relaunchWithWindowGc(String[] args) throws InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(WINDOW_GC);
    command.add(WINDOW_EXPLICIT_GC);
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Launcher.class.getName());
    command.addAll(java.util.List.of(args));
    Process child;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put(RELAUNCHED, "1");
      child = builder.start();
    } catch (java.io.IOException e) {
      System.err.println(
          "Could not start the window's JVM with "
              + WINDOW_GC
              + " ("
              + e.getMessage()
              + "); running with the default collector goal");
      return null;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
    return child.waitFor();
  }
}
