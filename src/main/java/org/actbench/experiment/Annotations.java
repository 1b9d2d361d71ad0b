package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run's annotations: the callouts a reader dropped on its charts, kept in the run's folder as
 * {@value #FILE} (written whole: a temporary file, then a rename), so they survive reopening and go
 * wherever the run goes (a copied folder, a sweep's store).
 *
 * <p>A damaged file harms only its own run: {@link #read} says what is wrong and the run shows no
 * notes; the next {@link #add} keeps the damaged file beside it as {@value #DAMAGED} instead of
 * overwriting what someone may still want.
 */
public final class Annotations {
  public static final String FILE = "annotations.json";
  public static final String DAMAGED = "annotations.damaged.json";

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
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return new Read(List.of(), null);
    }
    try {
      return new Read(Json.read(file, File.class).notes(), null);
    } catch (IllegalArgumentException e) {
      return new Read(List.of(), e.getMessage());
    }
  }

  /** Adds a note to the run's file; returns all its notes. */
  public static List<Note> add(Path runDir, Note note) throws IOException {
    List<Note> notes = new ArrayList<>(keptNotes(runDir));
    notes.add(note);
    Json.write(runDir.resolve(FILE), new File(notes));
    return List.copyOf(notes);
  }

  /** Removes a note (the first equal one); returns the notes left. */
  public static List<Note> remove(Path runDir, Note note) throws IOException {
    List<Note> notes = new ArrayList<>(keptNotes(runDir));
    notes.remove(note);
    Json.write(runDir.resolve(FILE), new File(notes));
    return List.copyOf(notes);
  }

  /** The notes to keep: the file's, or none after moving a damaged file aside. */
  private static List<Note> keptNotes(Path runDir) throws IOException {
    Read now = read(runDir);
    if (now.problem() != null) {
      Files.move(
          runDir.resolve(FILE), runDir.resolve(DAMAGED), StandardCopyOption.REPLACE_EXISTING);
    }
    return now.notes();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
