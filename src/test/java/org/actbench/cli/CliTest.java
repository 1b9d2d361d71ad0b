package org.actbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.actbench.data.DatasetLocator;
import org.actbench.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    DatasetLocator locator = new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), tmp);
    int code = ActBenchCommand.run(locator, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void dataCheckOnTheSampleSetPrintsTheSummaryLineLast() {
    Result r = run("data", "check", "--source", "sample");
    assertThat(r.code()).isZero();
    assertThat(r.lastLine())
        .matches(
            "train=5000 test=1000 per_class_train=500-500 per_class_test=100-100"
                + " mean=0\\.\\d{4},0\\.\\d{4},0\\.\\d{4}");
  }

  @Test
  void dataCheckOnTheRealArchivePrintsTheOfficialLine() {
    Result r = run("data", "check", "--source", RealData.archive().toString());
    assertThat(r.code()).isZero();
    assertThat(r.lastLine())
        .isEqualTo(
            "train=50000 test=10000 per_class_train=5000-5000 per_class_test=1000-1000"
                + " mean=0.4914,0.4822,0.4465");
  }

  @Test
  void badDatasetExitsWithCode2AndOneClearMessage() throws IOException {
    Path html = tmp.resolve("cifar-10-binary.tar.gz");
    Files.writeString(html, "<html>Service unavailable</html>");
    Result r = run("data", "check", "--source", html.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: ").contains(html.toString()).contains("HTML page");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void importOfFakeDataExitsWithCode2AndLeavesTheCacheEmpty() throws IOException {
    Path dir = org.actbench.testing.Fixtures.writeFolder(tmp.resolve("fake"), org.actbench.testing.Fixtures.files(5, 1));
    Result r = run("data", "import", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("MD5");
    Path cache = tmp.resolve("xdg/actbench/cifar-10");
    assertThat(!Files.exists(cache) || Files.list(cache).findAny().isEmpty()).isTrue();
  }

  @Test
  void noDatasetAnywhereSaysHowToGetOne() {
    Result r = run("data", "check");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no CIFAR-10 found").contains("data download");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine root = new CommandLine(new ActBenchCommand(DatasetLocator.system()));
    assertThat(root.getSubcommands()).containsKey("data");
    checkHelp(root, List.of());
  }

  private void checkHelp(CommandLine command, List<String> path) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      List<String> args = new java.util.ArrayList<>(path);
      args.add(sub.getKey());
      List<String> withHelp = new java.util.ArrayList<>(args);
      withHelp.add("--help");
      Result r = run(withHelp.toArray(String[]::new));
      assertThat(r.code()).as("%s --help", args).isZero();
      assertThat(r.out()).as("%s --help", args).contains("Usage: actbench " + String.join(" ", args));
      checkHelp(sub.getValue(), args);
    }
  }
}
