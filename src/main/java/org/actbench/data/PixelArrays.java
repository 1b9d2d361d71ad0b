package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;

import java.util.Map;
import java.util.WeakHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves image bytes into ND4J arrays with one memory copy per block, never per pixel. */
final class PixelArrays {
  private PixelArrays() {}

  /**
   * Native copies shared by every loader of a set: read only, so the runs of a window (and a run's
   * training, test and probe loaders) share one copy instead of holding one each (CIFAR-10's
   * training set is 153 MB). Held while the set is.
   */
  private static final Map<ImageSet, INDArray> SHARED = new WeakHashMap<>();

  /** The whole set as a native UINT8 array, never written. Returns: [N, 3072]. */
  static synchronized INDArray uint8(ImageSet set) {
    return SHARED.computeIfAbsent(
        set,
        s -> {
          INDArray u8 = Nd4j.createUninitialized(DataType.UINT8, s.size(), IMAGE_BYTES);
          copyRows(s.pixels(), 0, s.size(), u8);
          return u8;
        });
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
