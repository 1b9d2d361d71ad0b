package org.actbench.experiment.lesson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads lesson files (JSON; {@code //} comments allowed, so a teacher can note why) and the four
 * lessons that ship with ActBench. Every problem is a {@link LessonException} naming the file, the
 * line and the field: "lesson.json line 12: steps[1].charts[0]: chart must be one of ...".
 */
public final class Lessons {
  /** The bundled lessons, in teaching order: their resource names under {@code lessons/}. */
  public static final List<String> BUNDLED =
      List.of("unit-means", "bias-shift", "depth", "batch-norm");

  /** Lesson files above this are not lessons (and would only fill memory). */
  static final long MAX_BYTES = 1 << 20;

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private Lessons() {}

  /** Reads a lesson file. */
  public static Lesson read(Path file) {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new LessonException(file + ": is a folder, not a lesson file", 0, null);
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) { // a device or a pipe: never ends
        throw new LessonException(file + ": not a regular file", 0, null);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new LessonException(file + ": over 1 MiB, which is no lesson", 0, null);
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new LessonException(file + ": not UTF-8 text", 0, e);
    } catch (IOException e) {
      throw new LessonException(file + ": cannot read it (" + e.getMessage() + ")", 0, e);
    }
    return parse(file.toString(), text);
  }

  /** One of {@link #BUNDLED}. */
  public static Lesson bundled(String name) {
    try (InputStream in =
        Lessons.class.getResourceAsStream("/org/actbench/lessons/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no bundled lesson '" + name + "'; there are " + BUNDLED);
      }
      return parse(name + ".json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of one of {@link #BUNDLED}, for a teacher to save and edit. */
  public static String bundledText(String name) {
    try (InputStream in =
        Lessons.class.getResourceAsStream("/org/actbench/lessons/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("no bundled lesson '" + name + "'", e);
    }
  }

  /**
   * Parses a lesson's text.
   *
   * @param name the file's name, for messages
   */
  public static Lesson parse(String name, String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark, as some editors on Windows write
    }
    try {
      Lesson lesson = MAPPER.readValue(text, Lesson.class);
      if (lesson == null) {
        throw new LessonException(name + " line 1: holds null, expected a lesson object", 1, null);
      }
      return lesson;
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String detail =
          cause == e ? e.getOriginalMessage().lines().findFirst().orElse("") : cause.getMessage();
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      int line = line(e.getLocation());
      if (cause.getMessage() != null && cause.getMessage().startsWith("runs of a step names '")) {
        line = lineOfStepRun(text, cause.getMessage(), line);
        at = "steps";
      }
      throw new LessonException(
          name + " line " + line + ": " + (at.isEmpty() ? "" : at + ": ") + detail, line, e);
    } catch (JsonProcessingException e) {
      int line = line(e.getLocation());
      throw new LessonException(
          name
              + " line "
              + line
              + ": not valid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          line,
          e);
    }
  }

  private static int line(JsonLocation at) {
    return at == null ? 0 : Math.max(0, at.getLineNr());
  }

  /**
   * Where a step names a run that is not there: the line of that name after "steps" (the check runs
   * once the whole lesson is read, when the parser is already at its end).
   */
  private static int lineOfStepRun(String text, String message, int fallback) {
    String id = message.substring("runs of a step names '".length());
    id = id.substring(0, id.indexOf('\''));
    int steps = text.indexOf("\"steps\"");
    int at = steps < 0 ? -1 : text.indexOf("\"" + id + "\"", steps);
    return at < 0
        ? fallback
        : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }
}
