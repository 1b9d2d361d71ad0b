package org.actbench.engine.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's state after {@code step} steps: every parameter, BN's running statistics and the
 * optimiser's state (velocities or moments, and its update count), one ND4J binary file per array in
 * {@code checkpoints/step-NNNNNNNN/}, written to a temporary folder and renamed, so a checkpoint is
 * whole or absent. Restoring assigns into the live arrays of a network built from the same spec.
 */
public final class Checkpoint {
  private Checkpoint() {}

  static Map<String, INDArray> arrays(Network network, Optimizer optimizer) {
    Map<String, INDArray> all = new LinkedHashMap<>();
    for (Param p : network.params()) {
      all.put(p.name(), p.value());
    }
    all.putAll(network.buffers());
    all.putAll(optimizer.state(network.params()));
    return all;
  }

  public static Path save(Path runDir, long step, Network network, Optimizer optimizer) throws IOException {
    Path root = Files.createDirectories(runDir.resolve("checkpoints"));
    Path target = root.resolve(String.format("step-%08d", step));
    Path tmp = Files.createTempDirectory(root, ".tmp-");
    for (Map.Entry<String, INDArray> e : arrays(network, optimizer).entrySet()) {
      Nd4j.saveBinary(e.getValue(), tmp.resolve(e.getKey() + ".bin").toFile());
    }
    Properties info = new Properties();
    info.setProperty("step", Long.toString(step));
    info.setProperty("updates", Long.toString(optimizer.updates()));
    try (Writer w = Files.newBufferedWriter(tmp.resolve("checkpoint.properties"))) {
      info.store(w, "ActBench checkpoint");
    }
    if (Files.exists(target)) {
      org.actbench.data.FileTrees.delete(target);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** The newest complete checkpoint of a run, if any. */
  public static Optional<Path> latest(Path runDir) throws IOException {
    Path root = runDir.resolve("checkpoints");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("step-"))
          .filter(d -> Files.exists(d.resolve("checkpoint.properties")))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    }
  }

  /**
   * Restores a checkpoint into a network built from the same spec and its (fresh) optimiser.
   *
   * @return the step it was taken after
   * @throws IllegalArgumentException naming the array that is missing or has another shape
   */
  public static long restore(Path checkpoint, Network network, Optimizer optimizer) throws IOException {
    Properties info = new Properties();
    try (Reader r = Files.newBufferedReader(checkpoint.resolve("checkpoint.properties"))) {
      info.load(r);
    }
    for (Map.Entry<String, INDArray> e : arrays(network, optimizer).entrySet()) {
      Path file = checkpoint.resolve(e.getKey() + ".bin");
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(checkpoint + " has no " + e.getKey() + ".bin: it was written for another network");
      }
      INDArray saved = Nd4j.readBinary(file.toFile());
      if (!java.util.Arrays.equals(saved.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException(checkpoint + ": " + e.getKey() + " has shape "
            + java.util.Arrays.toString(saved.shape()) + ", expected " + java.util.Arrays.toString(e.getValue().shape()));
      }
      e.getValue().assign(saved);
    }
    optimizer.setUpdates(Long.parseLong(info.getProperty("updates", "0")));
    return Long.parseLong(info.getProperty("step"));
  }
}
