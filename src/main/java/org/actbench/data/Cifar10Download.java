package org.actbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the official archive and installs it into the cache.
 *
 * <p>Order: bytes go to {@code <downloads>/cifar-10-binary.tar.gz.part}; an interrupted or
 * cancelled download keeps that file and the next call resumes it with an HTTP Range request. When
 * complete, the archive's MD5 must be {@link OfficialChecksums#ARCHIVE_MD5} (otherwise it is
 * deleted); then {@link Cifar10Cache#importFrom} unpacks and checks it, and the archive is deleted.
 */
public final class Cifar10Download {
  public static final URI OFFICIAL_URL =
      URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
  private static final int CONNECT_TIMEOUT_MS = 20_000;
  private static final int DEFAULT_READ_TIMEOUT_MS = 60_000;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final URI url;
  private final String expectedMd5;
  private final Path downloads;
  private final Cifar10Cache cache;
  private final int readTimeoutMs;

  public Cifar10Download(URI url, String expectedMd5, Path downloads, Cifar10Cache cache) {
    this.url = url;
    this.expectedMd5 = expectedMd5;
    this.downloads = downloads;
    this.cache = cache;
    this.readTimeoutMs = DEFAULT_READ_TIMEOUT_MS;
  }

  /** The official archive into the cache of {@code locator}. */
  public static Cifar10Download official(DatasetLocator locator) {
    return new Cifar10Download(
        OFFICIAL_URL,
        OfficialChecksums.ARCHIVE_MD5,
        locator.downloads(),
        new Cifar10Cache(locator.cifarCache()));
  }

  /** The partial or complete archive kept between attempts. */
  public Path partFile() {
    return downloads.resolve("cifar-10-binary.tar.gz.part");
  }

  /**
   * Downloads (resuming a partial file), verifies and installs.
   *
   * @param cancelled polled between chunks; when true the partial file is kept for a later resume
   * @return the installed dataset folder
   * @throws DataException on a network error, a wrong answer from the server, or a wrong MD5
   * @throws CancellationException when cancelled
   */
  public Path run(Progress progress, BooleanSupplier cancelled) {
    Path part = partFile();
    try {
      Files.createDirectories(downloads);
      fetch(part, progress, cancelled);
      progress.update("verify MD5", 0, -1);
      String md5;
      try {
        md5 = OfficialChecksums.md5Of(part);
      } catch (java.io.UncheckedIOException e) {
        throw new DataException(
            "cannot read " + part + " to check its MD5 (" + e.getCause().getMessage() + ")", e);
      }
      if (!md5.equalsIgnoreCase(expectedMd5.strip())) {
        Files.deleteIfExists(part);
        throw new DataException(
            "the download from "
                + url
                + " has MD5 "
                + md5
                + ", expected "
                + expectedMd5
                + "; the file was deleted, run the download again");
      }
      Path installed = cache.importFrom(new ArchiveSource(part), progress);
      Files.deleteIfExists(part);
      return installed;
    } catch (IOException e) {
      throw new DataException("cannot write " + part + " (" + e.getMessage() + ")", e);
    }
  }

  private void fetch(Path part, Progress progress, BooleanSupplier cancelled) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpURLConnection connection;
    int status;
    try {
      connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(readTimeoutMs); // a stalled transfer fails instead of hanging
      connection.setInstanceFollowRedirects(true);
      if (have > 0) {
        connection.setRequestProperty("Range", "bytes=" + have + "-");
      }
      status = connection.getResponseCode();
    } catch (IOException e) {
      throw new DataException("cannot reach " + url + " (" + describe(e) + ")", e);
    }
    try {
      if (status == 416 && have > 0) {
        return; // the part file is already complete; the MD5 check decides
      }
      if (status != 200 && status != 206) {
        throw new DataException(
            "the server answered HTTP " + status + " for " + url + "; expected the archive");
      }
      String type = Objects.requireNonNullElse(connection.getContentType(), "");
      if (type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
        throw new DataException(
            "the server sent an HTML page instead of the archive for "
                + url
                + " (a login or error page?); nothing was saved");
      }
      long start = 0;
      long total = connection.getContentLengthLong();
      if (status == 206) {
        Matcher m =
            CONTENT_RANGE.matcher(
                Objects.requireNonNullElse(connection.getHeaderField("Content-Range"), ""));
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          throw new DataException(
              "the server answered a resume request for "
                  + url
                  + " with the wrong range; delete "
                  + part
                  + " to start again");
        }
        start = have;
        total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
      }
      try (InputStream body = connection.getInputStream()) {
        copy(body, part, start, total, progress, cancelled);
      }
    } finally {
      connection.disconnect();
    }
  }

  private void copy(
      InputStream body,
      Path part,
      long start,
      long total,
      Progress progress,
      BooleanSupplier cancelled)
      throws IOException {
    StandardOpenOption mode =
        start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    long done = start;
    try (OutputStream out =
        Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[1 << 16];
      while (true) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException(
              "download cancelled at " + megabytes(done) + "; it resumes from there next time");
        }
        int n;
        try {
          n = body.read(buffer);
        } catch (IOException e) {
          throw interrupted(done, total, e);
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        done += n;
        progress.update("download", done, total);
      }
    }
    if (total >= 0 && done < total) {
      throw interrupted(done, total, null);
    }
  }

  private DataException interrupted(long done, long total, IOException cause) {
    return new DataException(
        "the download from "
            + url
            + " was interrupted at "
            + megabytes(done)
            + (total > 0 ? " of " + megabytes(total) : "")
            + (cause == null ? "" : " (" + describe(cause) + ")")
            + "; run the download again to resume",
        cause);
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
