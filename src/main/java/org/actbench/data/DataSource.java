package org.actbench.data;

import java.io.IOException;
import java.io.InputStream;

/** Where a CIFAR-10-format dataset is read from. */
public sealed interface DataSource permits ArchiveSource, FolderSource, SampleSource {

  /** Receives one file of the dataset: its plain name (e.g. {@code data_batch_1.bin}) and size. */
  @FunctionalInterface
  interface FileVisitor {
    void visit(String name, long size, InputStream in) throws IOException;
  }

  /** Names the source in messages, e.g. the archive's path. */
  String describe();

  /**
   * Calls the visitor for each dataset file found, in the source's own order. Files the source
   * lacks are simply not visited; the reader reports them.
   *
   * @throws DataException if the source itself is unreadable or malformed
   */
  void forEachFile(FileVisitor visitor) throws IOException;
}
