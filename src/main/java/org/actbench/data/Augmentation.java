package org.actbench.data;

/**
 * Training-time augmentation, applied after preprocessing (as in the paper): pad every side with
 * {@code pad} zeros and take a random 32x32 crop, and/or flip horizontally with probability 1/2.
 */
public record Augmentation(int pad, boolean flip) {
  public static final Augmentation NONE = new Augmentation(0, false);

  /** The paper's CIFAR augmentation: 4-pixel zero pad, random crop, horizontal flip. */
  public static final Augmentation PAPER = new Augmentation(4, true);

  public Augmentation {
    if (pad < 0 || pad > 16) {
      throw new DataException("augmentation pad must be 0..16 pixels, got " + pad);
    }
  }

  public boolean isNone() {
    return pad == 0 && !flip;
  }
}
