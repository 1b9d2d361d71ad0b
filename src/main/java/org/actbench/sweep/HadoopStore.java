package org.actbench.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A store on a Hadoop file system, through the Hadoop client that Spark brings ({@code hdfs://},
 * {@code s3a://} with hadoop-aws on the cluster, {@code file://}). Files are written beside their
 * place and renamed over it ({@link FileContext#rename} with OVERWRITE: atomic on HDFS; on S3 an
 * object is visible only once whole); folders are copied beside and renamed in.
 */
final class HadoopStore implements Store {
  private final URI root;
  private final FileSystem fs;
  private final FileContext files;

  private HadoopStore(URI root, FileSystem fs, FileContext files) {
    this.root = root;
    this.fs = fs;
    this.files = files;
  }

  /**
   * Whether Hadoop's client is on the class path (it is under spark-submit, not in the desktop
   * jar).
   */
  static boolean available() {
    return SparkEngine.onClassPath("org.apache.hadoop.fs.FileSystem");
  }

  static HadoopStore open(URI uri) {
    if (!available()) {
      throw new IllegalArgumentException(
          "--store "
              + uri
              + " needs Hadoop's file system client: run"
              + " under spark-submit (target/actbench-spark.jar), or give a plain path");
    }
    Configuration conf = new Configuration();
    // no .crc files beside every file of a local store: the run folders stay as train writes them
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    URI base = URI.create(uri.toString().endsWith("/") ? uri.toString() : uri + "/");
    try {
      return new HadoopStore(
          base, FileSystem.get(base, conf), FileContext.getFileContext(base, conf));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("--store " + uri + ": " + e.getMessage());
    }
  }

  private Path at(String path) {
    return new Path(path.isEmpty() ? root : root.resolve(path));
  }

  private Path beside(Path target) {
    return new Path(target.getParent(), TEMPORARY + UUID.randomUUID() + "-" + target.getName());
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(at(path));
  }

  @Override
  public Optional<String> read(String path) throws IOException {
    Path file = at(path);
    if (!fs.isFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(file)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void write(String path, String text) throws IOException {
    Path target = at(path);
    Path tmp = beside(target);
    try (OutputStream out = fs.create(tmp, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    moveOver(tmp, target);
  }

  @Override
  public void putFile(java.nio.file.Path local, String path) throws IOException {
    Path target = at(path);
    Path tmp = beside(target);
    try (OutputStream out = fs.create(tmp, false)) {
      Files.copy(local, out);
    }
    moveOver(tmp, target);
  }

  private void moveOver(Path tmp, Path target) throws IOException {
    try {
      files.rename(tmp, target, Options.Rename.OVERWRITE);
    } finally {
      fs.delete(tmp, false);
    }
  }

  @Override
  public void putFolder(java.nio.file.Path local, String path) throws IOException {
    Path target = at(path);
    Path tmp = beside(target);
    try {
      copyIn(local, tmp);
      fs.delete(target, true);
      if (!fs.rename(tmp, target)) {
        throw new IOException("could not rename " + tmp + " to " + target);
      }
    } finally {
      fs.delete(tmp, true);
    }
  }

  private void copyIn(java.nio.file.Path local, Path to) throws IOException {
    fs.mkdirs(to);
    try (var entries = Files.list(local)) {
      for (java.nio.file.Path p : entries.toList()) {
        Path target = new Path(to, p.getFileName().toString());
        if (Files.isDirectory(p)) {
          copyIn(p, target);
        } else {
          try (OutputStream out = fs.create(target, false)) {
            Files.copy(p, out);
          }
        }
      }
    }
  }

  @Override
  public void getFolder(String path, java.nio.file.Path local) throws IOException {
    Files.createDirectories(local);
    for (FileStatus s : fs.listStatus(at(path))) {
      String name = s.getPath().getName();
      if (Store.temporary(name)) {
        continue;
      }
      if (s.isDirectory()) {
        getFolder(path + "/" + name, local.resolve(name));
      } else {
        try (InputStream in = fs.open(s.getPath())) {
          Files.copy(in, local.resolve(name));
        }
      }
    }
  }

  @Override
  public List<String> list(String path) throws IOException {
    Path dir = at(path);
    if (!fs.exists(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      if (!Store.temporary(s.getPath().getName())) {
        names.add(s.getPath().getName());
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public void delete(String path) throws IOException {
    fs.delete(at(path), true);
  }

  @Override
  public Optional<java.nio.file.Path> localRoot() {
    return "file".equals(root.getScheme())
        ? Optional.of(java.nio.file.Path.of(root))
        : Optional.empty();
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
