package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.actbench.cli.ActBenchCommand;
import org.actbench.data.DatasetLocator;
import org.actbench.testing.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every command at 0, −1, NaN, Infinity and a huge value: a bad value exits
 * 2 with one {@code error:} line that names the option, no stack trace, and leaves no folder
 * behind; a good one is never reported as an error about that option.
 */
@Tag("fault")
class BadValuesTest {
  @TempDir Path tmp;

  private static final String[] VALUES = {"0", "-1", "NaN", "Infinity", "huge"};

  /**
   * Per command and option, B (bad) or O (ok) for each of {@link #VALUES}. A new numeric option
   * without a row fails {@link #everyNumericOptionOfEveryCommandHasARow}.
   */
  private static final Map<String, String> TABLE = new LinkedHashMap<>();

  static {
    String train = "train ";
    for (String o :
        List.of(
            "--depth",
            "--width",
            "--batch",
            "--steps",
            "--eval-every",
            "--log-every",
            "--probe-size",
            "--alpha")) {
      TABLE.put(train + o, "BBBBB");
    }
    TABLE.put(train + "--dropout", "OBBBB");
    TABLE.put(train + "--lr", "BBBBO"); // a huge rate is a rate: the run diverges, and says so
    TABLE.put(train + "--momentum", "OBBBB");
    TABLE.put(train + "--weight-decay", "OBBBO");
    TABLE.put(train + "--seed", "OOBBB");
    TABLE.put(train + "--per-class", "OBBBB");
    TABLE.put(train + "--checkpoint-every", "OBBBB");
    TABLE.put(train + "--at", "BBBBB"); // the base has no --fork to start from
    TABLE.put(train + "--histogram-every", "OBBBB");
    TABLE.put(train + "--probe-every", "OBBBB");
    TABLE.put(train + "--slope", "OBBBB");
    TABLE.put(train + "--measure-budget", "BBBBB"); // percent of training time, (0, 100]
    for (String o :
        List.of(
            "--batch",
            "--steps",
            "--threads",
            "--instrumentation",
            "--correction",
            "--alpha",
            "--depth",
            "--width")) {
      TABLE.put("bench " + o, "BBBBB");
    }
    TABLE.put("bench --rss-every", "OBBBB"); // 0: never
    TABLE.put("bench --warmup", "OBBBB");
    TABLE.put("bench --slope", "OBBBB");
    TABLE.put("dump --seed", "OOBBB");
    TABLE.put("dump --batch", "BBBBB");
    TABLE.put("dump --alpha", "BBBBB");
    TABLE.put("dump --slope", "OBBBB");
    for (String o : List.of("--depth", "--width", "--seeds", "--steps")) {
      TABLE.put("experiment depth-means " + o, "BBBBB");
    }
    TABLE.put("experiment counterfactual --seeds", "BBBBB");
    TABLE.put("experiment counterfactual --steps", "BBBBB");
    TABLE.put("experiment preset --seeds", "BBBBB");
    TABLE.put("experiment preset --steps", "BBBBB");
    TABLE.put("compare --threshold", "OOBBO");
    for (String o : List.of("--width", "--height", "--dpi")) {
      TABLE.put("export " + o, "BBBBB");
    }
    TABLE.put("data load-bench --runs", "BBBBB");
    TABLE.put("data generate-sample --seed", "OOBBB");
    TABLE.put("sweep run --parallel", "BBBBB");
    TABLE.put("fx-bench --runs", "OBBBB"); // 0: the idle window
    TABLE.put("fx-bench --seconds", "BBBBB");
  }

  /** Arguments that make each command valid and quick, the option under test aside. */
  private static Map<String, String> base(String command, Path out) {
    Map<String, String> a = new LinkedHashMap<>();
    switch (command) {
      case "train" -> {
        a.put("--data", "sample");
        a.put("--depth", "1");
        a.put("--width", "2");
        a.put("--batch", "8");
        a.put("--steps", "1");
        a.put("--eval-every", "1");
        a.put("--probe-every", "0");
        a.put("--histogram-every", "0");
        a.put("--out", out.resolve("runs").toString());
      }
      case "bench" -> {
        a.put("--batch", "2");
        a.put("--steps", "1");
        a.put("--warmup", "0");
        a.put("--threads", "1");
      }
      case "dump" -> {
        a.put("--batch", "2");
        a.put("--out", out.resolve("dump").toString());
      }
      case "experiment depth-means" -> {
        a.put("--data", "sample");
        a.put("--activations", "elu");
        a.put("--depth", "1");
        a.put("--width", "2");
        a.put("--seeds", "1");
        a.put("--steps", "1");
        a.put("--out", out.resolve("exp").toString());
      }
      case "experiment counterfactual" -> {
        a.put("--data", "sample");
        a.put("--seeds", "1");
        a.put("--steps", "1");
        a.put("--out", out.resolve("exp").toString());
      }
      case "experiment preset" -> {
        a.put("", "figure2");
        a.put("--data", "sample");
        a.put("--seeds", "1");
        a.put("--steps", "1");
        a.put("--out", out.resolve("preset").toString());
      }
      case "compare" -> {
        a.put("--store", out.resolve("empty-store").toString());
        a.put("--out", out.resolve("c.csv").toString());
      }
      case "export" -> {
        a.put("--store", out.resolve("empty-store").toString());
        a.put("--chart", "loss");
        a.put("--out", out.resolve("f.png").toString());
      }
      case "data load-bench" -> a.put("--data", "sample");
      case "data generate-sample" -> a.put("--out", out.resolve("sample").toString());
      case "sweep run" -> {
        try {
          a.put(
              "",
              Files.writeString(
                      out.resolveSibling("sweep.json"),
                      "{\"name\": \"bad-values\","
                          + " \"base\": {\"data\": \"sample\", \"depth\": 1, \"width\": 2, \"steps\": 1},"
                          + " \"axes\": {\"seed\": [1]}}")
                  .toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        a.put("--store", out.resolve("sweep-store").toString());
      }
      case "fx-bench" -> a.put("--seconds", "1"); // no window here: a good value ends at that
      default -> throw new IllegalArgumentException(command);
    }
    return a;
  }

  private static String huge(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return "2147483648";
    }
    if (type == long.class || type == Long.class) {
      return "9223372036854775808";
    }
    return "1e308";
  }

  /** Every numeric option in the command line's model, as "command --option". */
  private static Map<String, Class<?>> numericOptions() {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    collect(ActBenchCommand.commandLine(new DatasetLocator(Map.of(), Path.of("/")), null), out);
    return out;
  }

  private static void collect(CommandLine cli, Map<String, Class<?>> out) {
    String name = cli.getCommandSpec().qualifiedName().replaceFirst("^actbench ?", "");
    for (OptionSpec o : cli.getCommandSpec().options()) {
      Class<?> t = o.type();
      if (Set.of(int.class, Integer.class, long.class, Long.class, double.class, Double.class)
          .contains(t)) {
        out.put(name + " " + o.longestName(), t);
      }
    }
    cli.getSubcommands().values().forEach(sub -> collect(sub, out));
  }

  @Test
  void everyNumericOptionOfEveryCommandHasARow() {
    assertThat(new TreeSet<>(TABLE.keySet())).isEqualTo(new TreeSet<>(numericOptions().keySet()));
  }

  static Stream<Arguments> cases() {
    Map<String, Class<?>> types = numericOptions();
    List<Arguments> out = new ArrayList<>();
    TABLE.forEach(
        (key, expect) -> {
          for (int i = 0; i < VALUES.length; i++) {
            String value = VALUES[i].equals("huge") ? huge(types.get(key)) : VALUES[i];
            out.add(Arguments.of(key, value, expect.charAt(i) == 'B'));
          }
        });
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aValueIsRefusedInOneLineOrAccepted(String key, String value, boolean bad)
      throws IOException {
    int cut = key.lastIndexOf(' ');
    String command = key.substring(0, cut);
    String option = key.substring(cut + 1);
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.createDirectories(out.resolve("empty-store"));
    Map<String, String> args = base(command, out);
    args.put(option, value);
    List<String> argv = new ArrayList<>(List.of(command.split(" ")));
    args.forEach(
        (k, v) -> {
          if (!k.isEmpty()) {
            argv.add(k);
          }
          argv.add(v);
        });
    Cli.Result r = Cli.run(tmp, argv.toArray(String[]::new));
    assertThat(r.hasNoStackTrace()).as(r.out() + r.err()).isTrue();
    List<String> errors = r.errLines().stream().filter(l -> l.startsWith("error:")).toList();
    if (bad) {
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.errLines()).as("stderr").hasSize(1);
      assertThat(errors).singleElement().asString().contains(option);
      try (Stream<Path> left = Files.list(out)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .as("nothing left behind")
            .containsExactly("empty-store");
      }
    } else {
      assertThat(errors).as(r.err()).noneMatch(l -> l.contains(option));
    }
  }

  /** The values the attack found accepted or crashing, and paths that are no place for runs. */
  static Stream<Arguments> reported() throws IOException {
    return Stream.of(
        Arguments.of("--alpha", new String[] {"train", "--alpha", "2147483648"}),
        Arguments.of("--alpha", new String[] {"train", "--alpha", "1e309"}),
        Arguments.of("--weight-decay", new String[] {"train", "--weight-decay", "Infinity"}),
        Arguments.of("--width", new String[] {"train", "--family", "paper11", "--width", "0"}),
        Arguments.of("--width", new String[] {"train", "--family", "paper11", "--width", "-5"}),
        Arguments.of("--width", new String[] {"train", "--width", "100000"}),
        Arguments.of("empty path", new String[] {"train", "--out", ""}),
        Arguments.of("/dev/null", new String[] {"train", "--out", "/dev/null"}),
        Arguments.of("/proc", new String[] {"train", "--out", "/proc/actbench-runs"}),
        Arguments.of("--width", new String[] {"export", "--width", "-100", "--chart", "loss"}),
        Arguments.of("--url", new String[] {"data", "download", "--url", "file:///etc/passwd"}),
        Arguments.of("--depth", new String[] {"train", "--depth", "abc"}),
        Arguments.of("--frobnicate", new String[] {"train", "--frobnicate"}),
        // a schedule file that is not there was "must be constant, paper-steps or cosine"
        Arguments.of("--schedule", new String[] {"train", "--schedule", "/no/such/lr.csv"}),
        Arguments.of("--schedule", new String[] {"train", "--schedule", "/dev"}),
        // a folder to watch was ignored without a word
        Arguments.of("--watch", new String[] {"train", "--watch", "/tmp"}),
        // a budget and fixed intervals: the budget was silently dropped
        Arguments.of(
            "--measure-budget",
            new String[] {"train", "--measure-budget", "5", "--fixed-intervals"}));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("reported")
  void reportedValuesAreRefusedInOneLine(String named, String[] given) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    List<String> argv = new ArrayList<>(List.of(given));
    if (argv.get(0).equals("train") && !argv.contains("--out")) {
      argv.addAll(List.of("--out", out.resolve("runs").toString()));
    }
    if (argv.get(0).equals("train")) {
      argv.addAll(List.of("--data", "sample", "--steps", "1"));
    }
    if (argv.get(0).equals("export")) {
      argv.addAll(List.of("--store", out.toString(), "--out", out.resolve("f.svg").toString()));
    }
    Cli.Result r = Cli.run(tmp, argv.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.hasNoStackTrace()).as(r.err()).isTrue();
    assertThat(r.errLines()).singleElement().asString().startsWith("error:").contains(named);
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).as("nothing left behind").isEmpty();
    }
  }

  @Test
  void aScheduleChangePastTheRunsEndIsRefusedNotDropped() throws IOException {
    Path schedule =
        Files.writeString(tmp.resolve("lr.csv"), "step,setting,value\n5,lr,0.1\n900,lr,0.01\n");
    Path out = tmp.resolve("runs");
    Cli.Result r =
        Cli.run(
            tmp,
            "train",
            "--data",
            "sample",
            "--steps",
            "10",
            "--schedule",
            schedule.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .isEqualTo(
            "error: --schedule "
                + schedule
                + ": a change of lr after step 900 comes at or past the run's last step (10); it"
                + " would never apply");
    if (Files.exists(out)) { // the store may be made (it is checked first); no run in it
      try (Stream<Path> left = Files.list(out)) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void aSpecFileCutShortSaysSoInWordsAUserKnows() throws IOException {
    // was "Unexpected end-of-input: … [Source: REDACTED (`StreamReadFeature…` disabled) …]"
    Path spec = Files.writeString(tmp.resolve("cut.json"), "{\"seed\": 2,\n \"steps\": 1");
    Cli.Result r =
        Cli.run(
            tmp,
            "train",
            "--spec",
            spec.toString(),
            "--data",
            "sample",
            "--out",
            tmp.resolve("runs").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .isEqualTo(
            "error: "
                + spec
                + " is not a valid spec file: it ends before its JSON does (cut short?), at line 2");
  }

  @Test
  void aFileInPlaceOfTheStoreIsRefusedByName() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Cli.Result r =
        Cli.run(tmp, "train", "--data", "sample", "--steps", "1", "--out", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .isEqualTo(
            "error: "
                + file
                + " is not a folder (a file or device); give a folder for the"
                + " run folders");
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
