package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Fits GCN + ZCA on the training images and caches the result on disk.
 *
 * <p>Covariance: C = (1/N) Σ xᵀx − μᵀμ over GCN-normalised images, accumulated in chunks with gemm;
 * eigendecomposition C = U Λ Uᵀ in double precision; W = U diag(1/sqrt(λ + bias)) Uᵀ. The cache
 * file {@code <cacheDir>/preprocessing/gcn-zca-<key>.bin} is keyed by the parameters and the
 * training pixels' MD5, written to a temporary name and renamed when complete.
 */
final class ZcaFit {
  private static final int CHUNK = 2000;
  private static final int MAGIC = 0x5a434131; // "ZCA1"

  private ZcaFit() {}

  static Preprocessor fitOrLoad(
      Preprocessing.GcnZca params, ImageSet train, Path cacheDir, Progress progress) {
    Path file = cacheDir.resolve("preprocessing").resolve("gcn-zca-" + key(params, train) + ".bin");
    if (Files.isRegularFile(file)) {
      try {
        return read(params, file);
      } catch (IOException | RuntimeException e) {
        // A damaged cache entry is refitted, never trusted.
        progress.update("refit ZCA (cache unreadable: " + e.getMessage() + ")", 0, -1);
      }
    }
    Preprocessor.Whitening fitted = fit(params, train, progress);
    try {
      write(fitted, file);
    } catch (IOException e) {
      progress.update("ZCA not cached (" + e.getMessage() + ")", 0, -1);
    }
    return fitted;
  }

  static Preprocessor.Whitening fit(
      Preprocessing.GcnZca params, ImageSet train, Progress progress) {
    int n = train.size();
    INDArray u8 = Nd4j.createUninitialized(DataType.UINT8, CHUNK, IMAGE_BYTES);
    INDArray x = Nd4j.createUninitialized(DataType.FLOAT, CHUNK, IMAGE_BYTES);
    INDArray x64 = Nd4j.createUninitialized(DataType.DOUBLE, CHUNK, IMAGE_BYTES);
    INDArray onesRow = Nd4j.ones(DataType.DOUBLE, 1, CHUNK);
    // Sums in double: C = E[xᵀx] − μᵀμ cancels, and float sums over 50,000 images lose ~1e-4.
    INDArray sumX = Nd4j.zeros(DataType.DOUBLE, 1, IMAGE_BYTES);
    INDArray sumXX = Nd4j.zeros(DataType.DOUBLE, IMAGE_BYTES, IMAGE_BYTES);
    Preprocessor.Gcn gcn = new Preprocessor.Gcn();
    for (int first = 0; first < n; first += CHUNK) {
      int rows = Math.min(CHUNK, n - first);
      PixelArrays.copyRows(train.pixels(), first, rows, u8);
      INDArray xs =
          rows == CHUNK ? x : x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows));
      INDArray us =
          rows == CHUNK ? u8 : u8.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows));
      xs.assign(us);
      gcn.apply(xs, params.scale(), params.sqrtBias());
      INDArray xd =
          rows == CHUNK ? x64 : x64.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows));
      xd.assign(xs);
      INDArray ones = rows == CHUNK ? onesRow : Nd4j.ones(DataType.DOUBLE, 1, rows);
      Nd4j.gemm(ones, xd, sumX, false, false, 1.0, 1.0); // Σ x: [1, D]
      Nd4j.gemm(xd, xd, sumXX, true, false, 1.0, 1.0); // Σ xᵀx: [D, D]
      progress.update("fit GCN+ZCA: covariance", first + rows, n);
    }
    progress.update("fit GCN+ZCA: eigendecomposition", 0, -1);
    INDArray[] meanAndW = whitening(sumX, sumXX, n, params.zcaBias());
    return new Preprocessor.Whitening(
        params.scale(),
        params.sqrtBias(),
        meanAndW[0].castTo(DataType.FLOAT),
        meanAndW[1].castTo(DataType.FLOAT));
  }

  /**
   * Mean and ZCA matrix from running sums, in double precision.
   *
   * @param sumX Σ x: [1, D]
   * @param sumXX Σ xᵀx: [D, D]
   * @return {μ: [1, D], W: [D, D]}
   */
  static INDArray[] whitening(INDArray sumX, INDArray sumXX, long n, double bias) {
    INDArray mean = sumX.div(n);
    INDArray raw = sumXX.div(n).subi(mean.transpose().mmul(mean)); // [D, D]
    INDArray cov = raw.add(raw.transpose()).muli(0.5); // exact symmetry for the eigensolver
    INDArray lambda = Eigen.symmetricGeneralizedEigenvalues(cov, true); // cov ← U (columns)
    INDArray scale = Transforms.pow(Transforms.max(lambda, 0.0, true).addi(bias), -0.5, false);
    INDArray scaledU = cov.mulRowVector(scale.reshape(1, scale.length()));
    INDArray w = Nd4j.createUninitialized(DataType.DOUBLE, cov.rows(), cov.rows());
    Nd4j.gemm(scaledU, cov, w, false, true, 1.0, 0.0); // U diag(s) Uᵀ
    return new INDArray[] {mean, w};
  }

  private static String key(Preprocessing.GcnZca params, ImageSet train) {
    MessageDigest md5 = OfficialChecksums.md5();
    md5.update(train.pixels());
    md5.update(
        String.format(
                Locale.ROOT,
                "gcn-zca v1 scale=%s sqrtBias=%s zcaBias=%s n=%d",
                params.scale(),
                params.sqrtBias(),
                params.zcaBias(),
                train.size())
            .getBytes(StandardCharsets.UTF_8));
    return OfficialChecksums.hex(md5).substring(0, 16);
  }

  private static void write(Preprocessor.Whitening w, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".zca-", ".part");
    try {
      writeTo(w, tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeTo(Preprocessor.Whitening w, Path tmp) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(MAGIC).putInt(IMAGE_BYTES).flip();
      ch.write(header);
      for (INDArray a : new INDArray[] {w.mean(), w.whiten()}) {
        ByteBuffer bytes = ByteBuffer.allocate((int) a.length() * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(a.dup().data().asFloat());
        ch.write(bytes);
      }
    }
  }

  private static Preprocessor.Whitening read(Preprocessing.GcnZca params, Path file)
      throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long expected = 8 + 4L * IMAGE_BYTES * (1 + IMAGE_BYTES);
    if (all.capacity() != expected || all.getInt() != MAGIC || all.getInt() != IMAGE_BYTES) {
      throw new IOException(file + " is not a complete ZCA cache file");
    }
    float[] mean = new float[IMAGE_BYTES];
    float[] w = new float[IMAGE_BYTES * IMAGE_BYTES];
    all.asFloatBuffer().get(mean).get(w);
    return new Preprocessor.Whitening(
        params.scale(),
        params.sqrtBias(),
        Nd4j.createFromArray(mean).reshape(1, IMAGE_BYTES),
        Nd4j.createFromArray(w).reshape(IMAGE_BYTES, IMAGE_BYTES));
  }
}
