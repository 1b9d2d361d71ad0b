package org.actbench.experiment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The lock a process holds on a run folder ({@code .lock}) while it writes the run: an OS file
 * lock, so it is released when the process dies however it dies (kill -9 included), and it is seen
 * by every process that shares the folder, in other PID namespaces (containers) too. A held lock
 * means "running"; a run that says "running" without one was interrupted.
 *
 * <p>Why a registry: Linux file locks belong to the process, and closing <em>any</em> channel of
 * the file releases all of them; so this process never opens a second channel on a lock file it
 * holds, and it answers {@link #isHeld} for its own locks from memory.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";
  private static final Map<Path, RunLock> HELD = new HashMap<>();

  private final Path key;
  private final FileChannel channel;

  private RunLock(Path key, FileChannel channel) {
    this.key = key;
    this.channel = channel;
  }

  /**
   * Takes the run's lock.
   *
   * @throws RunBusyException if another process, or another run of this one, holds it
   */
  static RunLock acquire(Path runDir) throws IOException {
    Path key = runDir.toAbsolutePath().normalize();
    synchronized (HELD) {
      if (HELD.containsKey(key)) {
        throw new RunBusyException(runDir);
      }
      FileChannel channel =
          FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new RunBusyException(runDir);
      }
      RunLock held = new RunLock(key, channel);
      HELD.put(key, held);
      return held;
    }
  }

  /** Whether some process (this one included) holds the run's lock now. */
  static boolean isHeld(Path runDir) {
    Path key = runDir.toAbsolutePath().normalize();
    Path file = key.resolve(FILE);
    synchronized (HELD) {
      if (HELD.containsKey(key)) {
        return true;
      }
      if (!Files.isRegularFile(file)) {
        return false;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return true;
        }
        probe.release();
        return false;
      } catch (IOException e) {
        return false; // unreadable: nobody can be writing through it either
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (HELD) {
      HELD.remove(key);
      channel.close(); // releases the lock
    }
  }

  /** Another process (or run) is writing this run. */
  static final class RunBusyException extends IllegalArgumentException {
    RunBusyException(Path runDir) {
      super(
          "run "
              + runDir.getFileName()
              + " is being trained by another process (its lock "
              + runDir.resolve(FILE)
              + " is held); wait for it to end or stop it first");
    }
  }
}
