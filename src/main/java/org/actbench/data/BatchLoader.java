package org.actbench.data;

import static org.actbench.data.Cifar10Format.CHANNELS;
import static org.actbench.data.Cifar10Format.CLASSES;
import static org.actbench.data.Cifar10Format.IMAGE_BYTES;
import static org.actbench.data.Cifar10Format.SIDE;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Serves minibatches of an {@link ImageSet} as NCHW float arrays.
 *
 * <p>The images live natively as UINT8 (3 KB each). A batch is: gather the rows (one native op),
 * cast to float, preprocess (a few ops), then augment: pad and crop by one view copy per image,
 * flip by one gemm with the 32x32 anti-identity for the whole batch. Every array is allocated once
 * per batch size, so the training thread does no per-pixel Java work and no native allocation per
 * batch.
 *
 * <p>Order: with {@code shuffle}, each epoch is a fresh permutation from one seeded stream, so the
 * same seed gives the same batches (and the same crops and flips), and the last incomplete batch of
 * an epoch is dropped. Without it, batches follow index order, the last one possibly shorter, and
 * {@link #batchesPerEpoch()} covers every image once (for evaluation). Not thread-safe: one loader
 * per training thread.
 */
public final class BatchLoader {
  private final ImageSet set;
  private final int[] order;
  private final int batchSize;
  private final Preprocessor preprocessor;
  private final Augmentation augmentation;
  private final boolean shuffle;
  private final SplittableRandom rng;
  private final INDArray pixels; // [N, 3072] uint8, the whole set
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  private int position;
  private int epoch;

  public BatchLoader(
      ImageSet set,
      int[] indices,
      int batchSize,
      Preprocessor preprocessor,
      Augmentation augmentation,
      long seed,
      boolean shuffle) {
    if (batchSize < 1) {
      throw new DataException("batch size must be at least 1, got " + batchSize);
    }
    if (shuffle && indices.length < batchSize) {
      throw new DataException(
          "batch size " + batchSize + " is larger than the " + indices.length + " training images");
    }
    this.set = set;
    this.order = indices.clone();
    this.batchSize = batchSize;
    this.preprocessor = preprocessor;
    this.augmentation = augmentation;
    this.shuffle = shuffle;
    this.rng = new SplittableRandom(seed);
    this.pixels = PixelArrays.uint8(set);
    if (shuffle) {
      Subsets.shuffle(order, rng);
    }
  }

  /** A loader for evaluation: every image once per epoch, in order, no augmentation. */
  public static BatchLoader evaluation(ImageSet set, int batchSize, Preprocessor preprocessor) {
    return new BatchLoader(
        set, Subsets.all(set), batchSize, preprocessor, Augmentation.NONE, 0, false);
  }

  public int batchesPerEpoch() {
    return shuffle ? order.length / batchSize : (order.length + batchSize - 1) / batchSize;
  }

  public int imagesPerEpoch() {
    return shuffle ? batchesPerEpoch() * batchSize : order.length;
  }

  /** The next batch; its arrays are reused by the following call. */
  public Batch next() {
    int n = startBatch();
    Buffers b = buffers.computeIfAbsent(n, Buffers::new);
    int[] labels = new int[n];
    for (int k = 0; k < n; k++) {
      int image = order[position + k];
      b.indices.data().put(k, image);
      labels[k] = set.label(image);
    }
    int batchEpoch = epoch;
    position += n;
    b.fill(labels);
    return new Batch(b.x, b.y, labels, batchEpoch);
  }

  /**
   * Moves past {@code batches} batches without building them, drawing exactly the random numbers
   * {@link #next} would (shuffles, crops, flips): a resumed run then sees the batches the
   * uninterrupted run would have seen.
   */
  public void skip(long batches) {
    for (long b = 0; b < batches; b++) {
      int n = startBatch();
      position += n;
      if (!augmentation.isNone()) {
        for (int i = 0; i < n; i++) {
          drawCrop();
          drawFlip();
        }
      }
    }
  }

  /**
   * One image's crop, drawn: the index of its offset (dy, dx) among the (2·pad + 1)² crops. With
   * {@link #drawFlip}, the only random draws of augmentation, shared by {@link #next} and {@link
   * #skip} so that the two stay in step.
   */
  private int drawCrop() {
    int p = augmentation.pad();
    if (p == 0) {
      return 0;
    }
    int dy = rng.nextInt(2 * p + 1);
    int dx = rng.nextInt(2 * p + 1);
    return dy * (2 * p + 1) + dx;
  }

  private boolean drawFlip() {
    return augmentation.flip() && rng.nextBoolean();
  }

  /** Starts a new epoch (reshuffled) when this one is used up; returns the next batch's size. */
  private int startBatch() {
    int remaining = order.length - position;
    if (remaining <= 0 || (shuffle && remaining < batchSize)) {
      position = 0;
      epoch++;
      if (shuffle) {
        Subsets.shuffle(order, rng);
      }
      remaining = order.length;
    }
    return Math.min(batchSize, remaining);
  }

  /** The epoch the next batch starts from (0-based). */
  public int epoch() {
    return epoch;
  }

  /** Arrays for one batch size: allocated once, refilled per batch. */
  private final class Buffers {
    final int n;
    final INDArray indices; // [n] int
    final INDArray gathered; // [n, 3072] uint8
    final INDArray raw; // [n, 3072] float
    final INDArray pre; // [n, 3072] float, preprocessed
    final INDArray preImages; // pre viewed as [n, 3, 32, 32]
    final INDArray x; // [n, 3, 32, 32] float, what the network sees
    final INDArray y; // [n, 10] float, one-hot
    final DynamicCustomOp gather;
    // Augmentation only:
    INDArray padded; // [n, 3, 32+2p, 32+2p], zero border
    INDArray paddedCentre; // view of padded's interior
    INDArray[][] crops; // crops[i][dy·(2p+1) + dx]: views of padded[i], [3, 32, 32]
    INDArray[] xSlices; // x[i]: [3, 32, 32]
    INDArray xRows; // x viewed as [n*3*32, 32], for the flip gemm
    INDArray flipped; // [n*3*32, 32]
    INDArray[] flippedSlices; // flipped viewed per image: [3, 32, 32]
    INDArray antiIdentity; // J: [32, 32], J[i][31-i] = 1
    boolean[] flip;

    Buffers(int n) {
      this.n = n;
      indices = Nd4j.createUninitialized(DataType.INT, n);
      gathered = Nd4j.createUninitialized(DataType.UINT8, n, IMAGE_BYTES);
      raw = Nd4j.createUninitialized(DataType.FLOAT, n, IMAGE_BYTES);
      pre = preprocessor instanceof Preprocessor.Affine ? raw : raw.like();
      y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
      gather =
          DynamicCustomOp.builder("gather")
              .addInputs(pixels, indices)
              .addOutputs(gathered)
              .addIntegerArguments(0)
              .build();
      preImages = pre.reshape('c', n, CHANNELS, SIDE, SIDE);
      if (augmentation.isNone()) {
        x = preImages;
        return;
      }
      x = Nd4j.createUninitialized(DataType.FLOAT, n, CHANNELS, SIDE, SIDE);
      int p = augmentation.pad();
      padded = Nd4j.zeros(DataType.FLOAT, n, CHANNELS, SIDE + 2 * p, SIDE + 2 * p);
      paddedCentre = padded.get(all(), all(), interval(p, p + SIDE), interval(p, p + SIDE));
      crops = new INDArray[n][(2 * p + 1) * (2 * p + 1)];
      xSlices = new INDArray[n];
      flip = new boolean[n];
      flipped = Nd4j.createUninitialized(DataType.FLOAT, (long) n * CHANNELS * SIDE, SIDE);
      flippedSlices = new INDArray[n];
      for (int i = 0; i < n; i++) {
        INDArray slice = padded.slice(i);
        for (int dy = 0; dy <= 2 * p; dy++) {
          for (int dx = 0; dx <= 2 * p; dx++) {
            crops[i][dy * (2 * p + 1) + dx] =
                slice.get(all(), interval(dy, dy + SIDE), interval(dx, dx + SIDE));
          }
        }
        xSlices[i] = x.slice(i);
        flippedSlices[i] =
            flipped
                .get(interval((long) i * CHANNELS * SIDE, (long) (i + 1) * CHANNELS * SIDE))
                .reshape('c', CHANNELS, SIDE, SIDE);
      }
      xRows = x.reshape('c', (long) n * CHANNELS * SIDE, SIDE);
      antiIdentity = Nd4j.zeros(DataType.FLOAT, SIDE, SIDE);
      for (int i = 0; i < SIDE; i++) {
        antiIdentity.putScalar(i, SIDE - 1 - i, 1.0);
      }
    }

    void fill(int[] labels) {
      Nd4j.exec(gather);
      raw.assign(gathered);
      preprocessor.apply(raw, pre);
      y.assign(0);
      for (int k = 0; k < n; k++) {
        y.putScalar(k, labels[k], 1.0);
      }
      if (augmentation.isNone()) {
        return;
      }
      paddedCentre.assign(preImages);
      for (int i = 0; i < n; i++) {
        int crop = drawCrop();
        flip[i] = drawFlip();
        xSlices[i].assign(crops[i][crop]); // one native copy per image
      }
      if (augmentation.flip()) {
        Nd4j.gemm(xRows, antiIdentity, flipped, false, false, 1.0, 0.0); // rows · J mirrors columns
        for (int i = 0; i < n; i++) {
          if (flip[i]) {
            xSlices[i].assign(flippedSlices[i]);
          }
        }
      }
    }
  }
}
