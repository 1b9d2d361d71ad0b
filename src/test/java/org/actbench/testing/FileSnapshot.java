package org.actbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder with its size and modification time: equal snapshots, nothing written.
 */
public final class FileSnapshot {
  private FileSnapshot() {}

  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString(),
            Files.size(p) + " bytes, " + Files.getLastModifiedTime(p));
      }
    }
    return files;
  }
}
