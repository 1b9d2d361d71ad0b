package org.actbench.fault;

import java.nio.file.Path;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Annotations.Note;

/**
 * Adds callouts {@code nFROM, nFROM+1, ...} to a run as fast as it can, for a test to kill or to
 * fill the disk under: prints {@code saved N} after each, and on the first failure {@code error:
 * ...}.
 */
public final class CalloutWriter {
  private CalloutWriter() {}

  public static void main(String[] args) {
    Path run = Path.of(args[0]);
    int from = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    for (int i = from; i < from + count; i++) {
      try {
        Annotations.add(run, new Note("loss", i, 0.5, "n" + i + " " + "x".repeat(400)));
      } catch (Exception e) {
        System.out.println("error: " + e.getMessage());
        System.exit(1);
      }
      System.out.println("saved " + i);
      System.out.flush();
    }
  }
}
