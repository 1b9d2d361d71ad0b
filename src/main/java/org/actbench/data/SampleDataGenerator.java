package org.actbench.data;

import static org.actbench.data.Cifar10Format.CLASSES;
import static org.actbench.data.Cifar10Format.IMAGE_BYTES;
import static org.actbench.data.Cifar10Format.PLANE;
import static org.actbench.data.Cifar10Format.SIDE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actbench.random.SplitMix64;

/**
 * Makes the bundled sample set: 32x32 colour images of ten shape classes, written in the CIFAR-10
 * binary format (5 x 1,000 training and 1,000 test images, 100 per class per file).
 *
 * <p>Each image is a noisy two-colour gradient background with one shape of its class drawn at a
 * random position, size, rotation, colour and contrast, plus up to two small distractor blobs. Low
 * contrast, noise and small sizes make neighbouring classes (disk, ring, half-disk; square,
 * checkerboard) easy to confuse, so a small CNN learns the set well above chance but not perfectly.
 * Every number comes from a SplitMix64 stream and {@link StrictMath}, so the same seed gives the
 * same bytes on every platform; a test checks the committed files against it.
 */
public final class SampleDataGenerator {
  public static final long DEFAULT_SEED = 20161102L;
  public static final List<String> CLASS_NAMES =
      List.of(
          "disk",
          "ring",
          "square",
          "triangle",
          "plus",
          "hstripes",
          "vstripes",
          "xcross",
          "checker",
          "halfdisk");
  static final int PER_CLASS_PER_FILE = 100;
  private static final double NOISE_SD = 28.0;
  private static final int SUPERSAMPLE = 2;

  private final long seed;

  public SampleDataGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * The prefix of the sample set's file names ({@code sample_data_batch_1.bin}, ...), so that no
   * one mistakes them for CIFAR-10's files.
   */
  public static final String PREFIX = "sample_";

  /** Writes sample_data_batch_1..5.bin, sample_test_batch.bin and sample_batches.meta.txt. */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> files = Cifar10Format.dataFiles();
    for (int f = 0; f < files.size(); f++) {
      Files.write(dir.resolve(PREFIX + files.get(f)), file(f));
    }
    Files.writeString(
        dir.resolve(PREFIX + Cifar10Format.META_FILE),
        String.join("\n", CLASS_NAMES) + "\n",
        StandardCharsets.US_ASCII);
  }

  /** The records of file {@code index} (0..4 training, 5 test). */
  byte[] file(int index) {
    SplitMix64 rng = new SplitMix64(seed * 31 + index);
    int n = PER_CLASS_PER_FILE * CLASSES;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates, so classes are interleaved
      int j = rng.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    byte[] out = new byte[n * Cifar10Format.RECORD_BYTES];
    for (int i = 0; i < n; i++) {
      int at = i * Cifar10Format.RECORD_BYTES;
      out[at] = (byte) labels[i];
      System.arraycopy(image(labels[i], rng), 0, out, at + 1, IMAGE_BYTES);
    }
    return out;
  }

  /** One image of class {@code label} in channel-major bytes. */
  static byte[] image(int label, SplitMix64 rng) {
    double[][] bg = {randomColour(rng), randomColour(rng)};
    double angleBg = rng.nextDouble() * 2 * Math.PI;
    double[] fg = randomColour(rng);
    double contrast = 0.3 + 0.7 * rng.nextDouble();
    Shape shape = new Shape(label, rng);
    Blob[] blobs = new Blob[rng.nextInt(3)];
    for (int b = 0; b < blobs.length; b++) {
      blobs[b] = new Blob(rng);
    }
    byte[] img = new byte[IMAGE_BYTES];
    double gx = StrictMath.cos(angleBg);
    double gy = StrictMath.sin(angleBg);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        double t = 0.5 + ((x - 15.5) * gx + (y - 15.5) * gy) / 45.0;
        double coverage = 0;
        for (int sy = 0; sy < SUPERSAMPLE; sy++) {
          for (int sx = 0; sx < SUPERSAMPLE; sx++) {
            double px = x + (sx + 0.5) / SUPERSAMPLE;
            double py = y + (sy + 0.5) / SUPERSAMPLE;
            coverage += shape.contains(px, py) ? 1 : 0;
          }
        }
        coverage /= SUPERSAMPLE * SUPERSAMPLE;
        for (int c = 0; c < 3; c++) {
          double v = bg[0][c] * (1 - t) + bg[1][c] * t;
          for (Blob blob : blobs) {
            if (blob.contains(x + 0.5, y + 0.5)) {
              v = blob.colour[c];
            }
          }
          v += coverage * contrast * (fg[c] - v);
          v += NOISE_SD * rng.nextGaussian();
          img[c * PLANE + y * SIDE + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
    return img;
  }

  private static double[] randomColour(SplitMix64 rng) {
    return new double[] {rng.nextDouble() * 255, rng.nextDouble() * 255, rng.nextDouble() * 255};
  }

  /** The class's shape, placed at random; {@code contains} works in the shape's own frame. */
  private static final class Shape {
    final int kind;
    final double cx;
    final double cy;
    final double r;
    final double cos;
    final double sin;
    final double period;

    Shape(int kind, SplitMix64 rng) {
      this.kind = kind;
      this.r = 5 + 7 * rng.nextDouble();
      this.cx = 16 + (rng.nextDouble() - 0.5) * (28 - 2 * r);
      this.cy = 16 + (rng.nextDouble() - 0.5) * (28 - 2 * r);
      // Stripes keep their orientation class: only a small tilt.
      double angle =
          kind == 5 || kind == 6 ? (rng.nextDouble() - 0.5) * 0.4 : rng.nextDouble() * 2 * Math.PI;
      this.cos = StrictMath.cos(angle);
      this.sin = StrictMath.sin(angle);
      this.period = 2.5 + 1.5 * rng.nextDouble();
    }

    boolean contains(double px, double py) {
      double dx = px - cx;
      double dy = py - cy;
      double u = (dx * cos + dy * sin) / r; // rotated, in units of the radius
      double v = (-dx * sin + dy * cos) / r;
      double d2 = u * u + v * v;
      double au = Math.abs(u);
      double av = Math.abs(v);
      double ru = (dx * cos + dy * sin) / period;
      double rv = (-dx * sin + dy * cos) / period;
      switch (kind) {
        case 0: // disk
          return d2 <= 1;
        case 1: // ring
          return d2 <= 1 && d2 >= 0.36;
        case 2: // square
          return au <= 0.8 && av <= 0.8;
        case 3: // triangle, pointing along -v
          return v <= 0.6 && v >= -0.9 && au <= (v + 0.9) * 0.6;
        case 4: // plus
          return (au <= 0.3 && av <= 1) || (av <= 0.3 && au <= 1);
        case 5: // horizontal stripes in a square patch
          return au <= 0.9 && av <= 0.9 && Math.floorMod((long) Math.floor(rv), 2) == 0;
        case 6: // vertical stripes in a square patch
          return au <= 0.9 && av <= 0.9 && Math.floorMod((long) Math.floor(ru), 2) == 0;
        case 7: // x-cross
          return Math.abs(u - v) <= 0.35 && Math.abs(u + v) <= 1.6
              || Math.abs(u + v) <= 0.35 && Math.abs(u - v) <= 1.6;
        case 8: // checkerboard patch
          return au <= 0.9
              && av <= 0.9
              && Math.floorMod((long) Math.floor(ru) + (long) Math.floor(rv), 2) == 0;
        default: // half-disk
          return d2 <= 1 && v <= 0;
      }
    }
  }

  /** A small distractor ellipse of any colour. */
  private static final class Blob {
    final double cx;
    final double cy;
    final double rx;
    final double ry;
    final double[] colour;

    Blob(SplitMix64 rng) {
      cx = rng.nextDouble() * SIDE;
      cy = rng.nextDouble() * SIDE;
      rx = 1.5 + 3 * rng.nextDouble();
      ry = 1.5 + 3 * rng.nextDouble();
      colour = randomColour(rng);
    }

    boolean contains(double px, double py) {
      double u = (px - cx) / rx;
      double v = (py - cy) / ry;
      return u * u + v * v <= 1;
    }
  }
}
