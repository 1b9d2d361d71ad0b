package org.actbench.engine.onednn;

import org.actbench.engine.LayerInput;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An ND4J buffer that oneDNN reads and writes in place through a memory descriptor: plain (NCHW,
 * OIHW, a vector) or in a blocked layout a primitive chose, such as nChw16c, where channel c of
 * position (n, h, w) sits at ((n·⌈C/16⌉ + c/16)·H·W + h·W + w)·16 + c mod 16, channels padded with
 * zeros to a multiple of 16. The buffer is kept here so that it lives as long as the memory.
 *
 * @param dims logical dimensions, e.g. [N, C, H, W]
 * @param buffer the storage: {@code desc.get_size()} bytes, flat unless plain
 */
record Tensor(long[] dims, memory.desc desc, INDArray buffer, memory dnnlMemory) {
  private static final long LINE = 64; // bytes

  /**
   * A zeroed buffer in the layout of {@code desc}: zero padding is what oneDNN expects. It starts
   * on a 64-byte boundary, a cache line: ND4J aligns its buffers to 16 bytes only, and oneDNN's
   * Winograd kernels crash the process on such addresses (found by LayerAgreementTest).
   */
  static Tensor allocate(memory.desc desc) {
    long n = desc.get_size() / Float.BYTES;
    INDArray raw = Nd4j.zeros(DataType.FLOAT, n + LINE / Float.BYTES);
    BytePointer start = new BytePointer(raw.data().addressPointer());
    long shift = (LINE - start.address() % LINE) % LINE; // bytes, a multiple of 4
    INDArray buffer = raw.get(NDArrayIndex.interval(shift / Float.BYTES, shift / Float.BYTES + n));
    // the view holds raw's storage, so it lives as long as this tensor
    return new Tensor(
        dims(desc), desc, buffer, new memory(desc, Dnnl.cpu(), start.position(shift)));
  }

  /** A dense, c-ordered ND4J array seen as oneDNN memory in the plain layout {@code tag}. */
  static Tensor over(INDArray array, memory.format_tag tag) {
    return over(array, array.shape(), tag);
  }

  /** The same, seen with other dimensions of the same length (a [C] vector as [1, C, 1, 1]). */
  static Tensor over(INDArray array, long[] dims, memory.format_tag tag) {
    boolean whole = array.offset() == 0 && array.data().length() == array.length();
    boolean dense =
        whole && (array.ordering() == 'c' || array.isVector()) && array.elementWiseStride() == 1;
    if (!dense || array.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("oneDNN reads dense, c-ordered float arrays");
    }
    memory.desc desc = new memory.desc(dims, memory.data_type.f32, tag);
    return new Tensor(dims, desc, array, new memory(desc, Dnnl.cpu(), pointer(array)));
  }

  /** A plain NCHW (or NC, X...) array of the same logical shape, for reading outside the chain. */
  Tensor plainTwin() {
    return over(Nd4j.zeros(DataType.FLOAT, dims), plainTag(dims.length));
  }

  /**
   * This tensor as a {@link LayerInput}: [N, C, H, W] in NCHW, nChw8c or nChw16c (the layouts
   * oneDNN picks for activations here).
   */
  LayerInput asLayerInput() {
    if (dims.length != 4) {
      throw new IllegalStateException("a layer input is [N, C, H, W], got rank " + dims.length);
    }
    int block = 0;
    for (var tag :
        new memory.format_tag[] {
          memory.format_tag.nchw, memory.format_tag.nChw8c, memory.format_tag.nChw16c
        }) {
      if (desc.equals(new memory.desc(dims, memory.data_type.f32, tag))) {
        block = tag == memory.format_tag.nchw ? 1 : tag == memory.format_tag.nChw8c ? 8 : 16;
      }
    }
    if (block == 0) {
      throw new IllegalStateException("no reader for this activation layout");
    }
    int[] d = {(int) dims[0], (int) dims[1], (int) dims[2], (int) dims[3]};
    return new LayerInput(buffer.data().asNioFloat(), (int) buffer.offset(), d, block);
  }

  /** This tensor if it already has the layout {@code other}, else a new buffer in it. */
  Tensor inLayout(memory.desc other) {
    return desc.equals(other) ? this : allocate(other);
  }

  static memory.format_tag plainTag(int rank) {
    switch (rank) {
      case 1:
        return memory.format_tag.x;
      case 2:
        return memory.format_tag.nc;
      case 4:
        return memory.format_tag.nchw;
      default:
        throw new IllegalArgumentException("no plain layout for rank " + rank);
    }
  }

  static long[] dims(memory.desc desc) {
    int rank = desc.data().ndims();
    long[] dims = new long[rank];
    desc.data().dims().get(dims);
    return dims;
  }

  private static Pointer pointer(INDArray array) {
    return array.data().addressPointer();
  }
}
