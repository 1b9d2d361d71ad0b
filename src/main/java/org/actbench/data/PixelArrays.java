package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;

import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves image bytes into ND4J arrays with one memory copy per block, never per pixel. */
final class PixelArrays {
  private PixelArrays() {}

  /** The whole set as a native UINT8 array. Returns: [N, 3072]. */
  static INDArray uint8(ImageSet set) {
    INDArray u8 = Nd4j.createUninitialized(DataType.UINT8, set.size(), IMAGE_BYTES);
    copyRows(set.pixels(), 0, set.size(), u8);
    return u8;
  }

  /**
   * Copies images {@code first .. first+rows-1} into the first rows of {@code dest}.
   *
   * @param dest UINT8, C-order, [>= rows, 3072]
   */
  static void copyRows(byte[] pixels, int first, int rows, INDArray dest) {
    BytePointer target = new BytePointer(dest.data().addressPointer());
    target.position(0).put(pixels, first * IMAGE_BYTES, rows * IMAGE_BYTES);
  }
}
