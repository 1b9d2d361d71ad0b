package org.actbench.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.actbench.data.FileTrees;

/** A store on a path: this machine's disk, or a folder every machine of the cluster mounts. */
final class LocalStore implements Store {
  private final Path root;

  LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path at(String path) {
    return path.isEmpty() ? root : root.resolve(path);
  }

  /** A temporary name beside {@code target}: hidden, and unique to this writer. */
  private static Path beside(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return target.resolveSibling(TEMPORARY + UUID.randomUUID() + "-" + target.getFileName());
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(at(path));
  }

  @Override
  public Optional<String> read(String path) throws IOException {
    Path file = at(path);
    return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
  }

  @Override
  public void write(String path, String text) throws IOException {
    replace(at(path), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  @Override
  public void putFile(Path local, String path) throws IOException {
    replace(at(path), tmp -> Files.copy(local, tmp));
  }

  private interface Fill {
    void into(Path tmp) throws IOException;
  }

  /** Fills a temporary file beside {@code target} and renames it over the target. */
  private static void replace(Path target, Fill fill) throws IOException {
    Path tmp = beside(target);
    try {
      fill.into(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void putFolder(Path local, String path) throws IOException {
    Path target = at(path);
    Path tmp = beside(target);
    try {
      copyTree(local, tmp);
      if (Files.exists(target)) {
        FileTrees.delete(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        FileTrees.delete(tmp);
      }
    }
  }

  @Override
  public void getFolder(String path, Path local) throws IOException {
    copyTree(at(path), local);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!Store.temporary(p.getFileName().toString())) {
          Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public List<String> list(String path) throws IOException {
    Path dir = at(path);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> names = Files.list(dir)) {
      return names
          .map(p -> p.getFileName().toString())
          .filter(n -> !Store.temporary(n))
          .sorted()
          .toList();
    }
  }

  @Override
  public void delete(String path) throws IOException {
    Path p = at(path);
    if (Files.isDirectory(p)) {
      FileTrees.delete(p);
    } else {
      Files.deleteIfExists(p);
    }
  }

  @Override
  public Optional<Path> localRoot() {
    return Optional.of(root);
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
