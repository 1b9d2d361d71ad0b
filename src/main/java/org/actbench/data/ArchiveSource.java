package org.actbench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The official {@code cifar-10-binary.tar.gz}, read straight from the archive without unpacking.
 * Entries may sit at the top level or in {@code cifar-10-batches-bin/}; others (the official {@code
 * readme.html}) are skipped. An entry that would escape the archive's folder ({@code ../x}, an
 * absolute path) makes the whole archive invalid.
 */
public record ArchiveSource(Path path) implements DataSource {
  private static final int GZIP_BUFFER = 1 << 16;
  private static final long MAX_TRAILER_BYTES = 1 << 20;

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public void forEachFile(FileVisitor visitor) throws IOException {
    checkLooksLikeGzip(path);
    String current = null;
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 20);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GZIPInputStream(file, GZIP_BUFFER))) {
      TarArchiveEntry entry;
      while ((entry = nextEntry(tar)) != null) {
        current = entry.getName();
        String name = datasetFileName(entry.getName());
        if (name != null && (entry.isSymbolicLink() || entry.isLink())) {
          throw new DataException(
              path
                  + " holds "
                  + name
                  + " as a link to '"
                  + entry.getLinkName()
                  + "'; expected the file itself");
        }
        if (entry.isFile() && name != null) {
          if (!seen.add(name)) {
            throw new DataException(path + " holds " + name + " twice; expected each file once");
          }
          Cifar10Format.checkSize(describe(), name, entry.getSize());
          visitor.visit(name, entry.getSize(), tar);
        }
      }
      current = null;
      // Reading to the end makes GZIPInputStream check the archive's CRC and length trailer; the
      // official archive ends with a few KB of tar padding, so more than this is no CIFAR-10.
      if (tar.transferTo(java.io.OutputStream.nullOutputStream()) > MAX_TRAILER_BYTES) {
        throw new DataException(
            path
                + " has more than "
                + MAX_TRAILER_BYTES
                + " bytes after its last entry; expected the official cifar-10-binary.tar.gz");
      }
    } catch (EOFException e) {
      throw new DataException(
          path
              + " is truncated: the compressed data ends early"
              + (current == null ? "" : " (inside " + current + ")")
              + "; expected the complete cifar-10-binary.tar.gz (170 MB)",
          e);
    } catch (ZipException e) {
      throw new DataException(
          path
              + " is corrupt: "
              + e.getMessage()
              + "; expected a valid gzip-compressed tar archive",
          e);
    }
  }

  private TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (EOFException | ZipException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException(
          path + " is not a valid tar archive inside its gzip layer (" + e.getMessage() + ")", e);
    }
  }

  /** The plain file name if the entry is one of the dataset's, or null to skip it. */
  private String datasetFileName(String entryName) {
    String normalized = entryName.replace('\\', '/');
    if (normalized.startsWith("/")
        || normalized.matches("^[A-Za-z]:.*")
        || ("/" + normalized + "/").contains("/../")) {
      throw new DataException(
          path
              + " contains the unsafe entry '"
              + entryName
              + "' (a path leaving the archive's folder); expected only cifar-10-batches-bin/ files");
    }
    while (normalized.startsWith("./")) {
      normalized = normalized.substring(2);
    }
    String prefix = Cifar10Format.FOLDER + "/";
    if (normalized.startsWith(prefix)) {
      normalized = normalized.substring(prefix.length());
    }
    boolean known =
        Cifar10Format.dataFiles().contains(normalized)
            || normalized.equals(Cifar10Format.META_FILE);
    return known ? normalized : null;
  }

  static void checkLooksLikeGzip(Path path) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw new DataException("no file at " + path + "; expected cifar-10-binary.tar.gz", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + path + " (" + e.getMessage() + ")", e);
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return;
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase();
    if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<")) {
      throw new DataException(
          path
              + " is an HTML page, not the CIFAR-10 archive (a failed download saved as the file?);"
              + " expected gzip data starting with bytes 1f 8b");
    }
    if (n == 0) {
      throw new DataException(path + " is empty; expected the gzip-compressed CIFAR-10 archive");
    }
    throw new DataException(
        path
            + " is not a gzip archive (it starts with bytes "
            + String.format("%02x %02x", head[0], n > 1 ? head[1] : 0)
            + "); expected cifar-10-binary.tar.gz starting with 1f 8b");
  }
}
