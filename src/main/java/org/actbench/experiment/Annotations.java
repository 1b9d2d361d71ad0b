package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A run's annotations: the callouts a reader dropped on its charts, kept in the run's folder as
 * {@value #FILE}, so they survive reopening and go wherever the run goes (a copied folder, a
 * sweep's store).
 *
 * <p>The file is written whole: a temporary file beside it ({@code .annotations-*.tmp}), synced,
 * then renamed over it, so a kill or a full disk leaves the previous file as it was and the run's
 * other files untouched; a change reads, adds and writes under a lock ({@value #LOCK}), so two
 * windows adding callouts to one run lose neither, and removes what a killed writer left.
 *
 * <p>A damaged file harms only its own run's callouts: {@link #read} says what is wrong and the run
 * shows none; the next {@link #add} keeps the damaged file beside it as {@value #DAMAGED} (or
 * {@code annotations.damaged-2.json}, ...) instead of overwriting what someone may still want.
 */
public final class Annotations {
  public static final String FILE = "annotations.json";
  public static final String DAMAGED = "annotations.damaged.json";
  public static final String LOCK = ".annotations.lock";
  private static final String TEMP_PREFIX = ".annotations-";
  private static final String TEMP_SUFFIX = ".tmp";

  /** Far above any run's callouts (a note is at most 500 characters): larger is not ours. */
  static final long MAX_BYTES = 4L << 20;

  /** One writer per JVM at a time (a file lock is per process). */
  private static final Object IN_PROCESS = new Object();

  /** The longest note kept: a callout, not an essay. */
  public static final int MAX_TEXT = 500;

  private Annotations() {}

  /**
   * One callout.
   *
   * @param chart which chart it is on, e.g. {@code unit-means:network}
   * @param x,y the point, in that chart's coordinates (a line chart's step and value)
   * @param text what it says (one or more lines)
   */
  public record Note(
      @JsonProperty("chart") String chart,
      @JsonProperty("x") double x,
      @JsonProperty("y") double y,
      @JsonProperty("text") String text) {
    public Note {
      check(chart != null && !chart.isBlank(), "a note's chart is missing");
      check(Double.isFinite(x) && Double.isFinite(y), "a note's point is not finite");
      check(text != null && !text.isBlank(), "a note's text is empty");
      check(text.length() <= MAX_TEXT, "a note is longer than " + MAX_TEXT + " characters");
      text = text.strip();
    }
  }

  /** The file's shape: {@code {"notes": [...]}}, so that fields can be added later. */
  record File(@JsonProperty("notes") List<Note> notes) {
    File {
      check(notes != null, "'notes' is missing");
      check(notes.stream().allMatch(Objects::nonNull), "a note is null");
      notes = List.copyOf(notes);
    }
  }

  /**
   * What {@link #read} found.
   *
   * @param problem what is wrong with the file (it names it), or null
   */
  public record Read(List<Note> notes, String problem) {}

  /** A run's notes: none if it has no file; none and the problem if the file is damaged. */
  public static Read read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Read(List.of(), null);
    }
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        return new Read(
            List.of(), FILE + ": " + Files.size(file) + " bytes, more than callouts ever take");
      }
      return new Read(Json.read(file, File.class).notes(), null);
    } catch (IllegalArgumentException | IOException e) {
      return new Read(List.of(), e.getMessage());
    }
  }

  /** Writes a file's new content: the seam a test replaces to fail as a full disk does. */
  interface Write {
    void bytes(Path file, byte[] content) throws IOException;
  }

  /** Adds a note to the run's file; returns all its notes. */
  public static List<Note> add(Path runDir, Note note) throws IOException {
    return add(runDir, note, Annotations::writeSynced);
  }

  static List<Note> add(Path runDir, Note note, Write write) throws IOException {
    return change(runDir, notes -> notes.add(note), write);
  }

  /** Removes a note (the first equal one); returns the notes left. */
  public static List<Note> remove(Path runDir, Note note) throws IOException {
    return change(runDir, notes -> notes.remove(note), Annotations::writeSynced);
  }

  /** Reads, changes and writes the notes under the run's annotation lock. */
  private static List<Note> change(Path runDir, Consumer<List<Note>> edit, Write write)
      throws IOException {
    Path file = runDir.resolve(FILE);
    synchronized (IN_PROCESS) {
      try (FileChannel lock =
              FileChannel.open(
                  runDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        removeLeftovers(runDir);
        List<Note> notes = new ArrayList<>(keptNotes(runDir));
        edit.accept(notes);
        byte[] content = Json.toJson(new File(notes)).getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(runDir, TEMP_PREFIX, TEMP_SUFFIX);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
          write.bytes(tmp, content);
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
        return List.copyOf(notes);
      } catch (IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new IOException("cannot write " + file + ": " + why, e);
      }
    }
  }

  /** The bytes on the disk before the rename: a crash of the machine leaves no empty file. */
  private static void writeSynced(Path file, byte[] content) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
  }

  /** Temporary files of writers killed mid-write (every live writer holds the lock). */
  private static void removeLeftovers(Path runDir) throws IOException {
    try (var entries = Files.list(runDir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The notes to keep: the file's, or none after moving a damaged file aside. */
  private static List<Note> keptNotes(Path runDir) throws IOException {
    Read now = read(runDir);
    if (now.problem() != null) {
      Path aside = runDir.resolve(DAMAGED);
      for (int i = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); i++) {
        aside = runDir.resolve("annotations.damaged-" + i + ".json");
      }
      Files.move(runDir.resolve(FILE), aside);
    }
    return now.notes();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
