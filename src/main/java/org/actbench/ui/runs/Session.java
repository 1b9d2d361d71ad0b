package org.actbench.ui.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.actbench.experiment.TrainSpec;

/**
 * The window's state as one JSON file (File → Save session / Open session): the runs it shows (by
 * their folders, in the table's order, with which are selected), the runs queued but not started
 * (by their specs), what the form says, what the charts show and how they are zoomed, the presenter
 * layout and the lesson's step. Opening reads and checks the whole file before anything in the
 * window changes, so a malformed file changes nothing; a file of version 1 (without views,
 * presenter and lesson) still opens.
 *
 * @param version the format's version: {@value #VERSION} (1 is still read)
 * @param runs the folders of the runs shown, in the table's order
 * @param selected the folders of the selected runs
 * @param queued the specs of runs queued but not started yet
 * @param form each form field's text (activations: their ids, comma-separated)
 * @param chart the chart tab shown and the charts' choices (meansLayer, biasLayer, biasQuantity,
 *     histLayer, theory); empty values are left as they are
 * @param views each line chart's zoom by its name ({@link #VIEW_NAMES}); absent: left as they are
 * @param presenter the presenter layout; absent: left as it is
 * @param lesson the lesson shown and its step; absent: no lesson
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(
    int version,
    List<String> runs,
    List<String> selected,
    List<TrainSpec> queued,
    Map<String, String> form,
    Map<String, String> chart,
    Map<String, View> views,
    PresenterState presenter,
    LessonAt lesson) {
  public static final int VERSION = 2;

  /** The line charts whose zoom a session keeps. */
  public static final List<String> VIEW_NAMES = List.of("loss", "accuracy", "unitMeans", "bias");

  /** A session of thousands of runs is a few MB: anything larger is not one. */
  private static final long MAX_BYTES = 64L << 20;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * A line chart's zoom: the steps shown ({@code from}..{@code to}, both absent: all of them), the
   * log scale and Full range.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record View(Double from, Double to, Boolean logY, Boolean fullRange) {
    public View {
      need(logY, "logY");
      need(fullRange, "fullRange");
      check((from == null) == (to == null), "from and to go together (both absent: not zoomed in)");
      check(
          from == null || Double.isFinite(from) && Double.isFinite(to) && from < to,
          "from must be below to, both finite numbers; got " + from + ".." + to);
    }

    /** Zoomed out. */
    public static View all(boolean logY, boolean fullRange) {
      return new View(null, null, logY, fullRange);
    }
  }

  /** The presenter layout: whether it is shown, and its text and line scale. */
  public record PresenterState(Boolean on, Double scale) {
    public PresenterState {
      need(on, "on");
      need(scale, "scale");
      check(
          scale >= Presenter.MIN_SCALE && scale <= Presenter.MAX_SCALE,
          "scale must be in [1.0, 2.5], got " + scale);
    }
  }

  /**
   * The lesson shown: a bundled one by name, or a lesson file by its path; the step from 0.
   *
   * @param bundled one of {@code Lessons.BUNDLED}, or absent
   * @param file a lesson file's absolute path, or absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LessonAt(String bundled, String file, Integer step) {
    public LessonAt {
      check(
          (bundled == null) != (file == null),
          "needs either bundled (a lesson's name) or file (a lesson file's path)");
      need(step, "step");
      check(step >= 0, "step must be 0 or more, got " + step);
    }

    /** The same lesson at another step. */
    public LessonAt at(int step) {
      return new LessonAt(bundled, file, step);
    }
  }

  public Session {
    check(
        version == VERSION || version == 1,
        version == 0
            ? "version is missing"
            : "version must be 1 or " + VERSION + " (a session of this ActBench), got " + version);
    need(runs, "runs");
    need(selected, "selected");
    need(queued, "queued");
    need(form, "form");
    need(chart, "chart");
    runs = List.copyOf(runs);
    selected = List.copyOf(selected);
    queued = List.copyOf(queued);
    form = Map.copyOf(form);
    chart = Map.copyOf(chart);
    views = views == null ? Map.of() : Map.copyOf(views);
    for (String name : views.keySet()) {
      check(
          VIEW_NAMES.contains(name),
          "views has no chart '" + name + "' (the charts are " + VIEW_NAMES + ")");
    }
  }

  private static void need(Object part, String name) {
    check(part != null, name + " is missing");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }

  /** Writes the file whole (a temporary file renamed over it). */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
    try {
      MAPPER.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads and checks a session file (any thread).
   *
   * @throws IllegalArgumentException "FILE is not a session file: at 'FIELD': …" naming what is
   *     wrong and where
   */
  public static Session read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("it is not a plain file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException("it is " + Files.size(file) + " bytes, too large");
      }
      Session s = MAPPER.readValue(Files.readString(file), Session.class);
      if (s == null) {
        throw new IllegalArgumentException("it is empty (null)");
      }
      return s;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String why =
          cause == e ? e.getOriginalMessage() : cause.getMessage(); // without Jackson's source dump
      StringBuilder at = new StringBuilder();
      if (e instanceof JsonMappingException m) {
        for (JsonMappingException.Reference r : m.getPath()) {
          at.append(
              r.getFieldName() != null
                  ? (at.isEmpty() ? "" : ".") + r.getFieldName()
                  : "[" + r.getIndex() + "]");
        }
      }
      throw new IllegalArgumentException(
          file
              + " is not a session file: "
              + (at.isEmpty() ? "" : "at '" + at + "': ")
              + firstLine(why).replaceFirst(" \\(set DeserializationConfig.*\\)$", ""),
          e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not a session file: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
