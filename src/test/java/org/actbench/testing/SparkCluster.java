package org.actbench.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine, as a Spark distribution starts one: a master and
 * workers, each its own JVM on the jars of {@code target/spark-home/jars} (Spark's own dependency
 * set), and spark-submit as its own JVM too ({@code java -cp jars/* SparkSubmit}, which is what the
 * distribution's bin/spark-submit runs). The workers start executors through Spark's launcher
 * library, which finds the jars under SPARK_HOME.
 */
public final class SparkCluster implements AutoCloseable {
  private final Path dir;
  private final String master;
  private final Process masterProcess;
  private final List<Process> workers = new ArrayList<>();

  private SparkCluster(Path dir, String master, Process masterProcess) {
    this.dir = dir;
    this.master = master;
    this.masterProcess = masterProcess;
  }

  public static Path sparkHome() {
    return Path.of(System.getProperty("actbench.sparkHome", "target/spark-home")).toAbsolutePath();
  }

  public static Path assembly() {
    return Path.of(System.getProperty("actbench.sparkJar", "target/actbench-spark.jar"))
        .toAbsolutePath();
  }

  /** The engine's jars, given to spark-submit with the assembly (--jars 'target/spark-lib/*'). */
  public static Path engineJars() {
    return assembly().resolveSibling("spark-lib");
  }

  /** A master and {@code workers} workers of one core each, registered and ready. */
  public static SparkCluster start(Path dir, int workers) throws Exception {
    Files.createDirectories(dir);
    Files.createDirectories(
        sparkHome().resolve("launcher/target/scala-2.13")); // the launcher looks
    int port = freePort();
    String url = "spark://127.0.0.1:" + port;
    Process m =
        java(
            dir.resolve("master.log"),
            List.of(),
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            Integer.toString(freePort()));
    SparkCluster cluster = new SparkCluster(dir, url, m);
    try {
      waitFor(dir.resolve("master.log"), "I have been elected leader", m, 90);
      for (int i = 0; i < workers; i++) {
        Path log = dir.resolve("worker-" + i + ".log");
        Process w =
            java(
                log,
                List.of(),
                "org.apache.spark.deploy.worker.Worker",
                url,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "3g",
                "--webui-port",
                Integer.toString(freePort()),
                "--work-dir",
                Files.createDirectories(dir.resolve("work-" + i)).toString());
        cluster.workers.add(w);
        waitFor(log, "Successfully registered with master", w, 90);
      }
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public String master() {
    return master;
  }

  public List<Process> workers() {
    return List.copyOf(workers);
  }

  /**
   * {@code spark-submit --master MASTER --jars 'spark-lib/*' --class org.actbench.Launcher
   * actbench-spark.jar ARGS}.
   */
  public static Process submit(String master, Path log, List<String> conf, String... args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "--master",
                master,
                "--deploy-mode",
                "client",
                "--class",
                "org.actbench.Launcher",
                "--jars",
                engineJars() + "/*",
                "--conf",
                "spark.ui.enabled=false"));
    for (String c : conf) {
      cmd.add("--conf");
      cmd.add(c);
    }
    cmd.add(assembly().toString());
    cmd.addAll(List.of(args));
    return java(log, cmd, "org.apache.spark.deploy.SparkSubmit");
  }

  private static Process java(Path log, List<String> args, String main, String... more)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.addAll(List.of("-cp", sparkHome().resolve("jars") + "/*", main));
    cmd.addAll(args);
    cmd.addAll(List.of(more));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("XDG_CACHE_HOME", log.getParent().resolve("cache").toString());
    return pb.start();
  }

  /**
   * Waits until the log has the line, failing with its tail if the process ends first or time runs
   * out.
   */
  public static void waitFor(Path log, String text, Process p, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("ended before '" + text + "': " + tail(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + text + "' within " + seconds + " s: " + tail(log));
  }

  public static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return log
        + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private final List<Process> drivers = new ArrayList<>();

  /** A driver submitted to this cluster: it is killed with the cluster, also when a test fails. */
  public Process own(Process driver) {
    drivers.add(driver);
    return driver;
  }

  /** Stops the workers (and their executors) and the master. */
  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers);
    all.add(masterProcess);
    all.addAll(drivers);
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : all) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public Path dir() {
    return dir;
  }
}
