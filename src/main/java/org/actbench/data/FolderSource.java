package org.actbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extracted {@code cifar-10-batches-bin} folder (or a folder that contains it), such as the
 * app's cache.
 */
public record FolderSource(Path folder) implements DataSource {

  @Override
  public String describe() {
    return folder.toString();
  }

  /** The folder that holds the batch files: this one, or its {@code cifar-10-batches-bin}. */
  public Path dataFolder() {
    Path inner = folder.resolve(Cifar10Format.FOLDER);
    return Files.isDirectory(inner) ? inner : folder;
  }

  @Override
  public void forEachFile(FileVisitor visitor) throws IOException {
    Path dir = dataFolder();
    List<Path> present = new ArrayList<>();
    // Listing first distinguishes an unreadable folder from missing files.
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(present::add);
    } catch (AccessDeniedException e) {
      throw new DataException("cannot read the folder " + dir + ": permission denied", e);
    } catch (FileSystemException e) {
      throw new DataException(
          "cannot read the folder " + dir + " (" + reason(e) + "); expected a readable folder", e);
    }
    List<String> wanted = new ArrayList<>(Cifar10Format.dataFiles());
    wanted.add(Cifar10Format.META_FILE);
    for (String name : wanted) {
      Path file = dir.resolve(name);
      if (!present.contains(file)) {
        continue;
      }
      if (Files.isDirectory(file)) {
        throw new DataException("cannot read " + file + ": it is a folder, expected a file");
      }
      if (!Files.isRegularFile(file)) {
        throw new DataException(
            "cannot read "
                + file
                + ": not a plain file (a FIFO, device or broken link); expected the dataset file");
      }
      Cifar10Format.checkSize(describe(), name, Files.size(file));
      try (InputStream in = Files.newInputStream(file)) {
        visitor.visit(name, Files.size(file), new java.io.BufferedInputStream(in, 1 << 20));
      } catch (AccessDeniedException e) {
        throw new DataException("cannot read " + file + ": permission denied", e);
      } catch (FileSystemException e) {
        throw new DataException("cannot read " + file + " (" + reason(e) + ")", e);
      }
    }
  }

  private static String reason(FileSystemException e) {
    return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }
}
