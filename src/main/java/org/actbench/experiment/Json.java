package org.actbench.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Reading and writing spec files. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /**
   * Writes to a temporary file and renames it, so the file is whole or absent. The file gets the
   * usual permissions (0644 under the common umask), like the PNG and CSV files beside it; a
   * temporary file from {@code Files.createTempFile} would keep its private 0600.
   */
  public static void write(Path file, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.toAbsolutePath().resolveSibling(".tmp-" + UUID.randomUUID() + ".json");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
        MAPPER.writeValue(out, value);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a spec file.
   *
   * @throws IllegalArgumentException naming the file and the field that is wrong
   */
  public static TrainSpec readSpec(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), TrainSpec.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String detail =
          cause == e ? e.getOriginalMessage().lines().findFirst().orElse("") : cause.getMessage();
      throw new IllegalArgumentException(
          file + " is not a valid spec file: at " + e.getPathReference() + ": " + detail, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a valid spec file: " + e.getMessage(), e);
    }
  }

  /** Reads any record written by {@link #write}; the message names the file. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(file.getFileName() + ": " + first, e);
    }
  }

  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
