package org.actbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** MD5 sums of the official CIFAR-10 binary release, archive and files. */
public final class OfficialChecksums {
  /** MD5 of {@code cifar-10-binary.tar.gz} as served at {@link Cifar10Download#OFFICIAL_URL}. */
  public static final String ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

  /** MD5 of each extracted file; the same whatever tar/gzip wrapping carried them. */
  public static final Map<String, String> FILE_MD5 =
      Map.of(
          "data_batch_1.bin",
          "5dd7e06a14cb22eb9f671a540d1b7c25",
          "data_batch_2.bin",
          "5ea93a67294ea407fff1d09f752e9692",
          "data_batch_3.bin",
          "942cd6a4bcdd0dd3c604fbe906cb4421",
          "data_batch_4.bin",
          "ae636b3ba5c66a11e91e8cb52e771fcb",
          "data_batch_5.bin",
          "53f37980c15c3d472c316c40844f3f0d",
          "test_batch.bin",
          "803d5f7f4d78ea53de84dbe85f74fb6d",
          Cifar10Format.META_FILE,
          "728051cd483f366e254dddb25bead8b3");

  /** Size in bytes of each official file: 10,000 records each, and the 61-byte class list. */
  public static long size(String name) {
    return name.equals(Cifar10Format.META_FILE) ? 61 : 10_000L * Cifar10Format.RECORD_BYTES;
  }

  private OfficialChecksums() {}

  public static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** MD5 of a file, in lower-case hex. */
  public static String md5Of(Path file) {
    MessageDigest digest = md5();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hex(digest);
  }
}
