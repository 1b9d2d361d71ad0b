package org.actbench.ui.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * (by their specs), what the form says and what the charts show. Opening reads and checks the whole
 * file before anything in the window changes, so a malformed file changes nothing.
 *
 * @param version the format's version, 1
 * @param runs the folders of the runs shown, in the table's order
 * @param selected the folders of the selected runs
 * @param queued the specs of runs queued but not started yet
 * @param form each form field's text (activations: their ids, comma-separated)
 * @param chart the chart tab shown and the charts' choices (meansLayer, biasLayer, biasQuantity,
 *     histLayer); empty values are left as they are
 */
public record Session(
    int version,
    List<String> runs,
    List<String> selected,
    List<TrainSpec> queued,
    Map<String, String> form,
    Map<String, String> chart) {
  public static final int VERSION = 1;

  /** A session of thousands of runs is a few MB: anything larger is not one. */
  private static final long MAX_BYTES = 64L << 20;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  public Session {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "version must be " + VERSION + " (a session of this ActBench), got " + version);
    }
    for (Object part : new Object[] {runs, selected, queued, form, chart}) {
      if (part == null) {
        throw new IllegalArgumentException(
            "needs runs, selected, queued, form and chart (lists and objects, may be empty)");
      }
    }
    runs = List.copyOf(runs);
    selected = List.copyOf(selected);
    queued = List.copyOf(queued);
    form = Map.copyOf(form);
    chart = Map.copyOf(chart);
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
   * @throws IllegalArgumentException "FILE is not a session file: …" naming what is wrong
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
      throw new IllegalArgumentException(file + " is not a session file: " + firstLine(why), e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not a session file: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
