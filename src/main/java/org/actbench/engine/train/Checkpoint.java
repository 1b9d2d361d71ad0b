package org.actbench.engine.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.actbench.data.FileTrees;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A run's state after {@code step} steps: every parameter, BN's running statistics and the
 * optimiser's state (velocities or moments, and its update count), one ND4J binary file per array
 * in {@code checkpoints/step-NNNNNNNN/}, with {@code checkpoint.properties} holding the step, the
 * training seconds, the last loss and accuracy, the checkpoint interval and every file's CRC-32.
 *
 * <p>Written to a temporary folder and renamed, so a checkpoint is whole or absent. Read back with
 * {@link #load}, which checks everything (files, CRCs, shapes, finite values) into memory before
 * anything is touched; only {@link Loaded#applyTo} changes the live network.
 */
public final class Checkpoint {
  private static final String INFO = "checkpoint.properties";

  /** Arrays larger than this are no array of ours: a damaged header, refused before reading. */
  private static final long MAX_FILE_BYTES = 1L << 31;

  private Checkpoint() {}

  /** What a checkpoint records beside the arrays. */
  public record Info(Start start, long updates, int every) {}

  static Map<String, INDArray> arrays(Network network, Optimizer optimizer) {
    Map<String, INDArray> all = new LinkedHashMap<>();
    for (Param p : network.params()) {
      all.put(p.name(), p.value());
    }
    all.putAll(network.buffers());
    all.putAll(optimizer.state(network.params()));
    return all;
  }

  /**
   * Saves the state after {@code start.step()} steps; a failure leaves no temporary folder.
   *
   * @param every the run's checkpoint interval, kept for its resume
   * @throws IOException naming what could not be written (a full disk, say)
   */
  public static Path save(Path runDir, Start start, int every, Network network, Optimizer optimizer)
      throws IOException {
    Path root = runDir.resolve("checkpoints");
    Path target = root.resolve(String.format("step-%08d", start.step()));
    Path tmp;
    try {
      Files.createDirectories(root);
      tmp = Files.createTempDirectory(root, ".tmp-");
    } catch (IOException e) {
      throw new IOException("cannot write the checkpoint " + target + ": " + reason(e), e);
    }
    try {
      Properties props = new Properties();
      for (Map.Entry<String, INDArray> e : arrays(network, optimizer).entrySet()) {
        Path file = tmp.resolve(e.getKey() + ".bin");
        Nd4j.saveBinary(e.getValue(), file.toFile());
        props.setProperty("crc." + e.getKey(), Long.toString(crc(Files.readAllBytes(file))));
      }
      Start s = start;
      props.setProperty("step", Long.toString(s.step()));
      props.setProperty("seconds", Double.toString(s.seconds()));
      props.setProperty("last_train_loss", Double.toString(s.lastTrainLoss()));
      props.setProperty("last_test_acc", Double.toString(s.lastTestAcc()));
      props.setProperty("updates", Long.toString(optimizer.updates()));
      props.setProperty("every", Integer.toString(every));
      try (Writer w = Files.newBufferedWriter(tmp.resolve(INFO))) {
        props.store(w, "ActBench checkpoint");
      }
      if (Files.exists(target)) {
        FileTrees.delete(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(tmp);
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot write the checkpoint " + target + ": " + why, e);
    }
  }

  /** Every checkpoint folder of a run that has its properties file, newest first. */
  public static List<Path> all(Path runDir) throws IOException {
    Path root = runDir.resolve("checkpoints");
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("step-"))
          .filter(d -> Files.exists(d.resolve(INFO)))
          .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
          .toList();
    }
  }

  /** The step a checkpoint folder ({@code step-NNNNNNNN}) holds the state after; -1 if none. */
  public static long stepOf(Path checkpoint) {
    String name = checkpoint.getFileName().toString();
    try {
      return name.startsWith("step-") ? Long.parseLong(name.substring("step-".length())) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The newest checkpoint of a run, if any (whole or absent by construction; see {@link #load}).
   */
  public static Optional<Path> latest(Path runDir) throws IOException {
    return all(runDir).stream().findFirst();
  }

  /** A checkpoint read and checked, not yet applied. */
  public static final class Loaded {
    private final Path dir;
    private final Info info;
    private final Map<String, INDArray> arrays;

    private Loaded(Path dir, Info info, Map<String, INDArray> arrays) {
      this.dir = dir;
      this.info = info;
      this.arrays = arrays;
    }

    public Path dir() {
      return dir;
    }

    public Info info() {
      return info;
    }

    /** Assigns the saved arrays into a network built from the same spec and its optimiser. */
    public void applyTo(Network network, Optimizer optimizer) {
      arrays(network, optimizer).forEach((name, live) -> live.assign(arrays.get(name)));
      optimizer.setUpdates(info.updates());
    }

    /** The same state as an in-memory {@link Snapshot} (the checked arrays, not copied again). */
    public Snapshot snapshot() {
      return new Snapshot(info.start(), info.updates(), arrays);
    }
  }

  /**
   * Reads a checkpoint for a network built from the same spec (the network is only read, for the
   * names and shapes expected) and checks all of it.
   *
   * @throws IllegalArgumentException "checkpoint DIR is damaged: FILE …" naming what is wrong (a
   *     missing or cut-short file, a CRC mismatch, another shape, NaN or infinite values)
   */
  public static Loaded load(Path dir, Network network, Optimizer optimizer) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(INFO))) {
      props.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(dir, INFO + " cannot be read (" + e.getMessage() + ")");
    }
    Info info;
    try {
      info =
          new Info(
              new Start(
                  Long.parseLong(props.getProperty("step")),
                  Double.parseDouble(props.getProperty("seconds", "0")),
                  Double.parseDouble(props.getProperty("last_train_loss", "NaN")),
                  Double.parseDouble(props.getProperty("last_test_acc", "NaN"))),
              Long.parseLong(props.getProperty("updates", "0")),
              Integer.parseInt(props.getProperty("every", "0")));
    } catch (NullPointerException | IllegalArgumentException e) {
      throw damaged(dir, INFO + " has a missing or bad value (" + e.getMessage() + ")");
    }
    Map<String, INDArray> loaded = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : arrays(network, optimizer).entrySet()) {
      String name = e.getKey() + ".bin";
      INDArray saved = readArray(dir, name, props.getProperty("crc." + e.getKey()));
      if (!Arrays.equals(saved.shape(), e.getValue().shape())) {
        throw damaged(
            dir,
            name
                + " has shape "
                + Arrays.toString(saved.shape())
                + ", expected "
                + Arrays.toString(e.getValue().shape())
                + " (written for another network?)");
      }
      if (BooleanIndexing.or(saved, Conditions.notFinite())) {
        throw damaged(dir, name + " holds NaN or infinite values");
      }
      loaded.put(e.getKey(), saved);
    }
    return new Loaded(dir, info, loaded);
  }

  private static INDArray readArray(Path dir, String name, String crc) {
    Path file = dir.resolve(name);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw damaged(dir, name + " is missing (or not a plain file)");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw damaged(dir, name + " is " + Files.size(file) + " bytes, too large for an array");
      }
      if (crc == null) { // nothing vouches for the array: altered weights would be trained on
        throw damaged(dir, name + " has no CRC-32 in " + INFO);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (Long.parseLong(crc.strip()) != crc(bytes)) {
        throw damaged(dir, name + " does not match its CRC-32 (changed or cut short)");
      }
      return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("checkpoint ")) {
        throw e;
      }
      throw damaged(dir, name + " cannot be read (" + e.getMessage() + ")");
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw damaged(dir, name + " cannot be read (" + why + ")");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return e.getMessage() + " exists and is not a folder";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static IllegalArgumentException damaged(Path dir, String what) {
    return new IllegalArgumentException("checkpoint " + dir + " is damaged: " + what);
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
