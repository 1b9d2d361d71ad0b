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
    DatasetLocator locator =
        new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), tmp);
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
    assertThat(r.err().strip())
        .startsWith("error: ")
        .contains(html.toString())
        .contains("HTML page");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void importOfFakeDataExitsWithCode2AndLeavesTheCacheEmpty() throws IOException {
    Path dir =
        org.actbench.testing.Fixtures.writeFolder(
            tmp.resolve("fake"), org.actbench.testing.Fixtures.files(5, 1));
    Result r = run("data", "import", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the official file 30730000; nothing was imported");
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
  void trainWritesSpecAndMetricsAndEndsWithTheRunLine() throws IOException {
    Result r =
        run(
            "train",
            "--activation",
            "elu",
            "--depth",
            "2",
            "--width",
            "8",
            "--steps",
            "12",
            "--eval-every",
            "6",
            "--data",
            "sample",
            "--seed",
            "7",
            "--log-every",
            "5",
            "--probe-every",
            "10",
            "--histogram-every",
            "6",
            "--fixed-intervals", // rows at exactly these steps (the budget would widen them)
            "--out",
            tmp.resolve("runs").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lastLine())
        .matches(
            "run=elu-d2-w8-s7-\\d{8}-\\d{6} status=finished final_train_loss=\\d+\\.\\d{6} test_acc=0\\.\\d{4}");
    Path dir = tmp.resolve("runs").resolve(r.lastLine().split(" ")[0].substring(4));
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    assertThat(rows.get(0))
        .isEqualTo("step,epoch,train_loss,train_acc,test_loss,test_acc,lr,seconds");
    assertThat(rows).hasSize(13);
    assertThat(rows.get(6).split(",", -1)[5]).isNotEmpty(); // step 6 has a test accuracy
    assertThat(rows.get(5).split(",", -1)[5]).isEmpty();
    String spec = Files.readString(dir.resolve("spec.json"));
    assertThat(spec).contains("\"depth\" : 2").contains("\"id\" : \"elu\"");

    // layers.csv: 2 activation layers at steps 1, 5, 10 (logged and probed); bias shift at 1 and 10
    List<String> layers = Files.readAllLines(dir.resolve("layers.csv"));
    assertThat(layers.get(0))
        .startsWith(
            "step,layer,receiver,unit_mean_median,unit_mean_q25,unit_mean_q75,"
                + "unit_mean_min,unit_mean_max,abs_unit_mean,frac_abs_gt_0_1,dead_frac,saturated_frac,bias_shift_rho,"
                + "natgrad_cosine,bias_shift_norm_ratio,mu_norm,input_mean,input_var,output_mean,output_var");
    assertThat(layers.subList(1, layers.size()))
        .extracting(l -> l.split(",")[0] + ":" + l.split(",")[1] + ":" + l.split(",")[2])
        .containsExactly(
            "1:act1:conv2",
            "1:act2:fc1",
            "5:act1:conv2",
            "5:act2:fc1",
            "10:act1:conv2",
            "10:act2:fc1");
    assertThat(layers.get(1).split(",", -1)[12]).isNotEmpty(); // ρ at a probe step
    assertThat(layers.get(3).split(",", -1)[12]).isEmpty(); // not at step 5
    assertThat(Double.parseDouble(layers.get(5).split(",", -1)[12])).isBetween(0.0, 1.0);
    // moments, dead and saturated shares come with the histograms (steps 1, 6, 12): at step 1
    // here, not at step 5, whose row has the unit means alone
    assertThat(layers.get(3).split(",", -1)[10]).isEmpty();
    assertThat(layers.get(3).split(",", -1)[17]).isEmpty();
    assertThat(layers.get(3).split(",", -1)[3]).isNotEmpty();
    String[] act1 = layers.get(1).split(",", -1);
    assertThat(Double.parseDouble(act1[10])).isBetween(0.0, 1.0); // dead share
    assertThat(Double.parseDouble(act1[17])).isPositive(); // the net inputs' variance
    assertThat(Double.parseDouble(act1[18])).isGreaterThan(-1.0); // ELU's outputs are above −α
    assertThat(Double.parseDouble(act1[19])).isPositive();
    List<String> histograms = Files.readAllLines(dir.resolve("histograms.csv"));
    assertThat(histograms.get(0)).isEqualTo("step,layer,bin,lo,hi,count");
    assertThat(histograms).hasSize(1 + 3 * 2 * 50); // steps 1, 6, 12; two layers; 50 bins
    assertThat(histograms.get(1)).startsWith("1,act1,0,-1.0"); // ELU's bins start at −α

    assertThat(dir.resolve("checkpoints/step-00000012/checkpoint.properties"))
        .exists(); // the final one
    Result resumed = run("train", "--resume", dir.toString());
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resumed from step 12");
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(13); // nothing trained twice

    Result again =
        run(
            "train",
            "--spec",
            dir.resolve("spec.json").toString(),
            "--out",
            tmp.resolve("again").toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.lastLine().split(" ")[2]).isEqualTo(r.lastLine().split(" ")[2]); // same loss
  }

  @Test
  void depthMeansRunsPairedSeedsAndSaysWhatItFound() throws IOException {
    Path out = tmp.resolve("fig2");
    Result r =
        run(
            "experiment",
            "depth-means",
            "--data",
            "sample",
            "--activations",
            "elu,relu",
            "--depth",
            "3",
            "--width",
            "4",
            "--seeds",
            "2",
            "--steps",
            "20",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()) // the training steps' estimate, then the first whole run's
        .containsPattern("estimate: 80 steps at \\d+\\.\\d\\d s each, about .* of training")
        .containsPattern(
            "estimate: the first of 4 runs took .* in all: about .* for the experiment");
    List<String> csv = Files.readAllLines(out.resolve("depth-means.csv"));
    assertThat(csv.get(0)).isEqualTo("activation,seed,step,train_loss,network_median_unit_mean");
    assertThat(csv).hasSize(1 + 2 * 2 * 3); // steps 1, 10, 20 for each activation and seed
    assertThat(csv.get(1)).startsWith("elu,1,1,");
    assertThat(csv).allSatisfy(row -> assertThat(row.split(",", -1)).hasSize(5).doesNotContain(""));
    String summary = Files.readString(out.resolve("summary.txt"));
    assertThat(summary)
        .containsPattern(
            "ELU's network-wide median unit mean stays nearer zero than ReLU's: (yes|no|mixed) \\(\\d of 2 paired seeds\\)")
        .contains("How this differs from the paper");
    try (var runs = Files.list(out)) { // OUT is a store: its run folders, the reports beside
      assertThat(runs.filter(Files::isDirectory).count()).isEqualTo(4);
    }
    Result cmp =
        run("compare", "--store", out.toString(), "--out", tmp.resolve("dm.csv").toString());
    assertThat(cmp.code()).as(cmp.err()).isZero();
    assertThat(
            run(
                    "experiment",
                    "depth-means",
                    "--depth",
                    "40",
                    "--data",
                    "sample",
                    "--out",
                    out.toString())
                .err())
        .contains("depth must be 1..20");
  }

  @Test
  void compareAndExportWorkOnAStoreOfTrainedRuns() throws IOException {
    Path store = tmp.resolve("store");
    for (String act : List.of("elu", "relu")) {
      for (String seed : List.of("1", "2")) {
        Result r =
            run(
                "train",
                "--activation",
                act,
                "--depth",
                "2",
                "--width",
                "4",
                "--steps",
                "20",
                "--batch",
                "16",
                "--seed",
                seed,
                "--data",
                "sample",
                "--probe-every",
                "10",
                "--fixed-intervals", // rows at the same steps in every run: 20 steps pay for none
                "--out",
                store.toString());
        assertThat(r.code()).as(r.err()).isZero();
      }
    }
    Result list = run("runs", "--store", store.toString());
    assertThat(list.lastLine()).isEqualTo("runs=4 usable=4");

    Path csv = tmp.resolve("cmp/loss.csv");
    Result cmp =
        run(
            "compare",
            "--store",
            store.toString(),
            "--group-by",
            "activation",
            "--metric",
            "train_loss",
            "--smooth",
            "ema:0.5",
            "--paired-with",
            "relu",
            "--out",
            csv.toString());
    assertThat(cmp.code()).as(cmp.err()).isZero();
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.get(0))
        .isEqualTo(
            "group,n,center,step,value,ci_low,ci_high,value_smoothed,ci_low_smoothed,ci_high_smoothed");
    // a loss's center is its geometric mean over the seeds, with the band on the log scale
    assertThat(rows)
        .hasSize(1 + 2 * 20)
        .anySatisfy(r -> assertThat(r).startsWith("elu,2,geometric mean,1,"));
    assertThat(Files.readAllLines(tmp.resolve("cmp/loss-summary.csv")).get(0))
        .startsWith("group,n,final_step,final,final_low,final_high,best");
    assertThat(Files.readAllLines(tmp.resolve("cmp/loss-paired.csv")))
        .hasSize(21)
        .anySatisfy(r -> assertThat(r).startsWith("elu - relu,2,20,"));

    for (String format : List.of("svg", "pdf", "png")) {
      Path out = tmp.resolve("fig/unit-means." + format);
      Result ex =
          run(
              "export",
              "--store",
              store.toString(),
              "--group-by",
              "activation",
              "--chart",
              "unit-means",
              "--smooth",
              "ma:3",
              "--out",
              out.toString());
      assertThat(ex.code()).as(ex.err()).isZero();
      assertThat(out).isNotEmptyFile();
      String sidecar = Files.readString(Path.of(out + ".json"));
      assertThat(sidecar)
          .contains(
              "\"chart\" : \"unit-means\"",
              "\"smoothing\" : \"ma:3\"",
              "\"gitCommit\"",
              "\"nd4jBackend\"",
              "\"groupBy\" : [ \"activation\" ]",
              "elu-d2-w4-s1");
      // the command that makes it again names the real store (quoted if need be), no placeholder
      assertThat(sidecar)
          .contains("export --store " + store.toAbsolutePath())
          .doesNotContain("STORE");
      assertThat(Files.readAllLines(Path.of(out + ".csv")).get(0))
          .isEqualTo("series,x,y,ci_low,ci_high,raw");
    }
    assertThat(Files.readString(tmp.resolve("fig/unit-means.svg")))
        .contains(">unit mean median</text>", ">step</text>");
    Path paired = tmp.resolve("fig/paired.svg");
    Result pr =
        run(
            "export",
            "--store",
            store.toString(),
            "--group-by",
            "activation",
            "--chart",
            "loss",
            "--paired-with",
            "relu",
            "--out",
            paired.toString());
    assertThat(pr.code()).as(pr.err()).isZero();
    assertThat(Files.readString(paired))
        .contains("elu - relu (n=2 seeds, 95% CI)", "minus relu (paired by seed)");
    assertThat(Files.readAllLines(Path.of(paired + ".csv")))
        .hasSize(21); // header + 20 steps of one pair
    Path env = tmp.resolve("fig/envelope.svg");
    Result er =
        run(
            "export",
            "--store",
            store.toString(),
            "--group-by",
            "activation",
            "--chart",
            "loss",
            "--smooth",
            "ma:5",
            "--envelope",
            "--out",
            env.toString());
    assertThat(er.code()).as(er.err()).isZero();
    assertThat(Files.readString(Path.of(env + ".json")))
        .contains("\"envelope\" : true", "--envelope");
    Result bad =
        run(
            "export",
            "--store",
            store.toString(),
            "--chart",
            "pie",
            "--out",
            tmp.resolve("x.svg").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("chart must be one of loss, accuracy");
  }

  @Test
  void aPresetRunsItsPairedRunsTaggedAndItsFiguresSayHowTheyDifferFromThePaper()
      throws IOException {
    Path store = tmp.resolve("preset-store");
    Result r =
        run(
            "experiment",
            "preset",
            "bn",
            "--data",
            "sample",
            "--seeds",
            "2",
            "--steps",
            "6",
            "--out",
            store.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(store.resolve("preset-bn.md"));
    assertThat(md)
        .startsWith("# BN versus no BN")
        .contains("The paper (Fig. 5)", "2 paired seed(s)");
    assertThat(md.lines().filter(l -> l.startsWith("- ")))
        .hasSize(8); // (elu, relu) x (bn, no bn) x 2 seeds
    try (var dirs = Files.list(store)) {
      assertThat(dirs.filter(Files::isDirectory))
          .allSatisfy(
              d -> assertThat(Files.readString(d.resolve("meta.json"))).contains("preset:bn"));
    }
    Path fig = tmp.resolve("preset-fig/loss.svg");
    Result ex =
        run(
            "export",
            "--store",
            store.toString(),
            "--group-by",
            "activation,bn",
            "--chart",
            "loss",
            "--out",
            fig.toString());
    assertThat(ex.code()).as(ex.err()).isZero();
    assertThat(Files.readString(fig)).contains("not the paper's setup");
    assertThat(Files.readString(Path.of(fig + ".json")))
        .contains("\"setupNotes\" : [ \"BN versus no BN: The paper (Fig. 5)");
    assertThat(
            run("experiment", "preset", "fig9", "--data", "sample", "--out", store.toString())
                .err())
        .contains(
            "preset must be figure2, paper11, bn, demo, depth-sweep or counterfactual, got 'fig9'");
  }

  @Test
  void theKernelsThatRanAreRecordedAndCanBeChangedOnResume() throws IOException {
    Result r =
        run(
            "train",
            "--kernels",
            "nd4j",
            "--depth",
            "2",
            "--width",
            "4",
            "--steps",
            "4",
            "--data",
            "sample",
            "--out",
            tmp.resolve("k").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("kernels=nd4j");
    Path dir = tmp.resolve("k").resolve(r.lastLine().split(" ")[0].substring(4));
    assertThat(Files.readString(dir.resolve("spec.json"))).contains("\"kernels\" : \"nd4j\"");
    Result resumed = run("train", "--resume", dir.toString(), "--kernels", "onednn");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    String now = org.actbench.engine.Kernels.resolve(org.actbench.engine.Kernels.ONEDNN).id();
    assertThat(resumed.out()).contains("kernels=" + now);
    assertThat(Files.readString(dir.resolve("spec.json")))
        .contains("\"kernels\" : \"" + now + "\"");

    Result bad = run("bench", "--kernels", "gpu");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("error: --kernels must be onednn or nd4j, got 'gpu'\n");
  }

  @Test
  void aStorePathOneLevelOffIsExplained() throws IOException {
    Path store = tmp.resolve("exp");
    Result r =
        run(
            "train",
            "--depth",
            "1",
            "--width",
            "2",
            "--steps",
            "2",
            "--data",
            "sample",
            "--out",
            store.resolve("runs").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Path runDir;
    try (var dirs = Files.list(store.resolve("runs"))) {
      runDir = dirs.findFirst().orElseThrow();
    }
    assertThat(
            run("compare", "--store", store.toString(), "--out", tmp.resolve("c.csv").toString())
                .err())
        .isEqualTo(
            "error: "
                + store
                + " holds no runs, but "
                + store.resolve("runs")
                + " holds 1: use --store "
                + store.resolve("runs")
                + "\n");
    assertThat(run("runs", "--store", runDir.toString()).code()).isZero();
    assertThat(
            run(
                    "export",
                    "--store",
                    runDir.toString(),
                    "--chart",
                    "loss",
                    "--out",
                    tmp.resolve("f.svg").toString())
                .err())
        .contains(
            runDir + " is a run folder, not a store:" + " use --store " + store.resolve("runs"));
  }

  @Test
  void trainRefusesABadValueNamingTheOption() {
    Result r = run("train", "--lr", "-1", "--data", "sample", "--out", tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --lr must be > 0 and finite, got -1.0\n");
  }

  @Test
  void benchPrintsImagesPerSecondLast() {
    Result r =
        run(
            "bench",
            "--activation",
            "relu",
            "--batch",
            "8",
            "--steps",
            "2",
            "--warmup",
            "1",
            "--profile");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lastLine()).matches("images_per_s=\\d+\\.\\d");
    assertThat(r.out()).contains("conv1").contains("act4");
  }

  @Test
  void dumpWritesNumpyFilesInFrameworkNeutralLayouts() throws IOException {
    Path dir = tmp.resolve("dump");
    Result r =
        run("dump", "--activation", "elu", "--seed", "3", "--batch", "8", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String f :
        List.of(
            "input.npy",
            "labels.npy",
            "conv1.W.npy",
            "conv1.b.npy",
            "fc1.W.npy",
            "grad.conv4.W.npy",
            "grad.fc1.b.npy",
            "manifest.json")) {
      assertThat(dir.resolve(f)).exists();
    }
    assertThat(npyShape(dir.resolve("input.npy"))).isEqualTo("(8, 3, 32, 32)");
    assertThat(npyShape(dir.resolve("conv2.W.npy"))).isEqualTo("(32, 32, 3, 3)");
    assertThat(npyShape(dir.resolve("fc1.W.npy"))).isEqualTo("(10, 4096)");
    assertThat(Files.readString(dir.resolve("manifest.json")))
        .contains("loss_value")
        .contains("\"elu\"");
  }

  /** The shape tuple from a .npy header. */
  static String npyShape(Path npy) throws IOException {
    String header =
        new String(Files.readAllBytes(npy), 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("'shape': (\\([^)]*\\))").matcher(header);
    assertThat(m.find()).as(header).isTrue();
    return m.group(1).replace(",)", ")");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine root = ActBenchCommand.commandLine(DatasetLocator.system(), null);
    assertThat(root.getSubcommands()).containsKey("data").containsKey("fx-bench");
    checkHelp(root, List.of());
  }

  @Test
  void theTopLevelHelpListsEveryCommandInAWholeSentence() {
    Result r = run("--help");
    assertThat(r.err()).isEmpty();
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    for (String name :
        List.of(
            "data",
            "train",
            "dump",
            "bench",
            "experiment",
            "runs",
            "compare",
            "export",
            "fx-bench")) {
      String line =
          commands
              .lines()
              .filter(l -> l.strip().startsWith(name + " "))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " missing from:\n" + commands));
      assertThat(line.strip()).as("a whole sentence, not cut").endsWith(".");
    }
  }

  @Test
  void fxBenchWithoutADisplayHelpsAndOtherwiseSaysWhatItNeeds() {
    Result help = run("fx-bench", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("xvfb-run");
    Result noWindow = run("fx-bench", "--seconds", "1");
    assertThat(noWindow.code()).isEqualTo(2);
    assertThat(noWindow.err()).startsWith("error: fx-bench needs").doesNotContain("Exception");
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
      assertThat(r.err()).as("%s --help: no picocli warnings", args).isEmpty();
      assertThat(r.out())
          .as("%s --help", args)
          .contains("Usage: actbench " + String.join(" ", args));
      checkHelp(sub.getValue(), args);
    }
  }
}
