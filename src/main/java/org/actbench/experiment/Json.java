package org.actbench.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reading and writing spec files. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // 1.5 steps are not 1

  private Json() {}

  /**
   * Writes to a temporary file and renames it, so the file is whole or absent. The file gets the
   * usual permissions (0644 under the common umask), like the PNG and CSV files beside it; a
   * temporary file from {@code Files.createTempFile} would keep its private 0600.
   */
  public static void write(Path file, Object value) throws IOException {
    Path tmp = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".json");
      readableByAll(tmp); // a temporary file is made 0600; what it becomes is shared like a PNG
      MAPPER.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot write " + file + ": " + why, e);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * Reads a spec file.
   *
   * @throws IllegalArgumentException naming the file and the field that is wrong
   */
  public static TrainSpec readSpec(Path file) {
    try {
      return notNull(file, MAPPER.readValue(RunFiles.readText(file), TrainSpec.class));
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String detail = cause == e ? firstLine(e) : cause.getMessage();
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(java.util.stream.Collectors.joining("."));
      throw new IllegalArgumentException(
          file + " is not a valid spec file: " + (at.isEmpty() ? "" : "at '" + at + "': ") + detail,
          e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not a valid spec file: " + firstLine(e), e);
    }
  }

  /** Reads any record written by {@link #write}; the message names the file. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return notNull(file, MAPPER.readValue(RunFiles.readText(file), type));
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String detail = cause == e ? firstLine(e) : cause.getMessage();
      throw new IllegalArgumentException(file.getFileName() + ": " + detail, e);
    } catch (IOException | IllegalArgumentException e) {
      String message = firstLine(e);
      throw new IllegalArgumentException(
          message.startsWith(file.getFileName() + ":")
              ? message
              : file.getFileName() + ": " + message,
          e);
    }
  }

  private static <T> T notNull(Path file, T value) {
    if (value == null) {
      throw new IllegalArgumentException(file.getFileName() + ": holds null, expected an object");
    }
    return value;
  }

  private static String firstLine(Exception e) {
    String m =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException j
            ? j.getOriginalMessage()
            : e.getMessage();
    if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException eof) { // a file cut short
      return "it ends before its JSON does (cut short?), at line " + eof.getLocation().getLineNr();
    }
    m = m == null ? e.toString() : m.lines().findFirst().orElse("");
    // Jackson's note that it hides the source is no news to a user: the file is named already
    m =
        m.replaceAll("\\s*\\(start marker at \\[Source: REDACTED.*?\\]\\)", "")
            .replaceAll("\\s*\\[Source: REDACTED.*?\\]", "");
    java.util.regex.Matcher whole = FLOAT_AS_WHOLE.matcher(m);
    return whole.find() ? "must be a whole number, got " + whole.group(1) : m;
  }

  /** Jackson refusing a fraction where a whole number goes (ACCEPT_FLOAT_AS_INT is off). */
  private static final java.util.regex.Pattern FLOAT_AS_WHOLE =
      java.util.regex.Pattern.compile(
          "Cannot coerce Floating-point value \\(([^)]*)\\) to `(?:int|long|short"
              + "|java\\.lang\\.(?:Integer|Long|Short))` value");

  /** A reading error's first line in words a user knows (Jackson's coercion jargon replaced). */
  public static String plainMessage(Exception e) {
    return firstLine(e);
  }

  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
