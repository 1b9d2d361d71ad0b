package org.actbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without oneDNN's natives (a platform with none, such as macOS on arm64, or a build that lacks
 * them) or without the OpenCL loader libdnnl needs, ActBench runs on ND4J's ops and says so in one
 * line: a fresh JVM on the test class path minus those jars.
 */
class NativesFallbackTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"dnnl, no oneDNN natives for", "opencl, UnsatisfiedLinkError"})
  void withoutTheNativesTrainingFallsBackToNd4jWithOneLine(String missing, String reason)
      throws Exception {
    String platform = Loader.getPlatform();
    String classPath =
        Arrays.stream(testClassPath().split(File.pathSeparator))
            .filter(
                entry ->
                    !Path.of(entry)
                        .getFileName()
                        .toString()
                        .matches(missing + "-.*-" + platform + "\\.jar"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).isNotEqualTo(testClassPath());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "org.actbench.Launcher",
                "train",
                "--kernels",
                "onednn",
                "--depth",
                "1",
                "--width",
                "2",
                "--steps",
                "2",
                "--data",
                "sample",
                "--out",
                tmp.resolve("runs").toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(tmp.resolve("out").toFile())
            .redirectError(tmp.resolve("err").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8);
    String err = Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    List<String> warnings = err.lines().filter(l -> l.contains("oneDNN")).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("warning: oneDNN is not available here")
        .contains(reason)
        .contains("ND4J's ops");
    assertThat(out).contains("kernels=nd4j").contains("status=finished");
  }

  /** The class path the tests run with (surefire hands it over in a property). */
  static String testClassPath() throws IOException {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }
}
