package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;

import java.util.Arrays;

/**
 * Images as compact bytes: image {@code i} occupies {@code pixels[i*3072 .. i*3072+3071]} in the
 * official channel-major order (R plane, G plane, B plane, each 32x32 row-major), with label {@code
 * labels[i]} in 0..9.
 *
 * <p>The arrays are shared, not copied: treat an ImageSet as read-only.
 */
public record ImageSet(byte[] pixels, byte[] labels) {
  public ImageSet {
    if (pixels.length != labels.length * IMAGE_BYTES) {
      throw new IllegalArgumentException(
          "pixels hold "
              + pixels.length
              + " bytes, expected "
              + labels.length
              + " x "
              + IMAGE_BYTES);
    }
  }

  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i];
  }

  /** Images per class, index = label. */
  public int[] classCounts() {
    int[] counts = new int[Cifar10Format.CLASSES];
    for (byte label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The images at the given indices, in that order (a copy). */
  public ImageSet select(int[] indices) {
    byte[] p = new byte[indices.length * IMAGE_BYTES];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * IMAGE_BYTES, p, k * IMAGE_BYTES, IMAGE_BYTES);
      l[k] = labels[indices[k]];
    }
    return new ImageSet(p, l);
  }

  /** The sets one after the other. */
  public static ImageSet concat(ImageSet... parts) {
    int n = Arrays.stream(parts).mapToInt(ImageSet::size).sum();
    byte[] p = new byte[n * IMAGE_BYTES];
    byte[] l = new byte[n];
    int at = 0;
    for (ImageSet part : parts) {
      System.arraycopy(part.pixels, 0, p, at * IMAGE_BYTES, part.pixels.length);
      System.arraycopy(part.labels, 0, l, at, part.size());
      at += part.size();
    }
    return new ImageSet(p, l);
  }
}
