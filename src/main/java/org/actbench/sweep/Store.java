package org.actbench.sweep;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run store as a cluster's tasks see it: a folder on a path every machine shares, or a Hadoop
 * file system ({@code file://}, {@code hdfs://}, {@code s3a://}). Paths inside are relative and
 * '/'-separated. What is put is whole or absent: written beside its place, then renamed over it.
 */
public interface Store {
  /**
   * How a writer names the file it fills beside its place before renaming it over; such a file is
   * another writer's, unfinished, and no listing or copy shows it.
   */
  String TEMPORARY = ".tmp-";

  /** Whether a name is a writer's temporary file. */
  static boolean temporary(String name) {
    return name.startsWith(TEMPORARY);
  }

  /**
   * A plain path (or {@code file:} on a machine without Hadoop) is a folder; any other URI goes
   * through Hadoop.
   */
  static Store open(String location) {
    if (!isUri(location)) {
      return new LocalStore(Path.of(location));
    }
    URI uri = URI.create(location);
    return HadoopStore.available() || !"file".equals(uri.getScheme())
        ? HadoopStore.open(uri)
        : new LocalStore(Path.of(uri));
  }

  /** {@code scheme://...}, as opposed to a plain path. */
  static boolean isUri(String location) {
    return location.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
  }

  boolean exists(String path) throws IOException;

  /** A small text file's content, if it is there. */
  Optional<String> read(String path) throws IOException;

  /** Writes a small text file whole. */
  void write(String path, String text) throws IOException;

  /** Copies a local file in whole. */
  void putFile(Path local, String path) throws IOException;

  /** Copies a local folder in whole, replacing what was at {@code path}. */
  void putFolder(Path local, String path) throws IOException;

  /** Copies a folder of the store into a new local folder. */
  void getFolder(String path, Path local) throws IOException;

  /** The names in a folder, writers' temporary files left out; none if it is absent. */
  List<String> list(String path) throws IOException;

  /** Deletes a file or folder; nothing if it is absent. */
  void delete(String path) throws IOException;

  /** A local folder holding the store, where there is one (for the local engine and the window). */
  Optional<Path> localRoot();

  String describe();
}
