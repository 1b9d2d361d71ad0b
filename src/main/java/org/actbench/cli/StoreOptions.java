package org.actbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.actbench.experiment.RunStore;
import picocli.CommandLine.Option;

/** Which store and which runs of it (a picocli mixin). */
final class StoreOptions {
  @Option(
      names = "--store",
      description = "the run store (default: ${XDG_DATA_HOME:-~/.local/share}/actbench/runs)")
  Path store;

  @Option(
      names = "--runs",
      split = ",",
      description = "run ids (default: every usable run in the store)")
  List<String> runs;

  Path store() {
    return store != null
        ? store
        : RunStore.defaultLocation(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The run with this id among {@code all}; an unknown id is an error naming it and the store. */
  RunStore.Entry find(List<RunStore.Entry> all, String id) {
    return all.stream()
        .filter(x -> x.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in " + store()));
  }

  /** Damaged runs of the store that the last {@link #chosen} left out, for the notes. */
  List<RunStore.Entry> leftOut = List.of();

  /**
   * The chosen runs, usable ones only (the damaged ones are in {@link #leftOut}); an unknown or
   * damaged id is an error naming it, and an empty store is explained (a run folder given as the
   * store, or the runs one level down).
   */
  List<RunStore.Entry> chosen() throws IOException {
    Path where = store();
    List<RunStore.Entry> all = RunStore.load(where);
    if (all.isEmpty()) {
      throw new IllegalArgumentException(whyEmpty(where));
    }
    if (runs == null) {
      leftOut = all.stream().filter(e -> !e.usable()).toList();
      return all.stream().filter(RunStore.Entry::usable).toList();
    }
    List<RunStore.Entry> out = new ArrayList<>();
    for (String id : runs) {
      RunStore.Entry e = find(all, id);
      if (!e.usable()) {
        throw new IllegalArgumentException("run '" + id + "' cannot be used: " + e.problem());
      }
      out.add(e);
    }
    return out;
  }

  /** Notes on the damaged runs left out. */
  List<String> leftOutNotes() {
    return leftOut.stream()
        .map(e -> "run " + e.id() + " is damaged and left out: " + e.problem())
        .toList();
  }

  /** Why a store has no runs, and where they may be instead. */
  static String whyEmpty(Path store) throws IOException {
    if (!Files.isDirectory(store)) {
      return "no run store at " + store;
    }
    if (Files.exists(store.resolve("spec.json"))) {
      return store
          + " is a run folder, not a store: use --store "
          + store.toAbsolutePath().getParent();
    }
    try (Stream<Path> dirs = Files.list(store)) {
      for (Path sub : dirs.filter(Files::isDirectory).sorted().toList()) {
        int n = RunStore.load(sub).size();
        if (n > 0) {
          return store + " holds no runs, but " + sub + " holds " + n + ": use --store " + sub;
        }
      }
    }
    return "no runs in " + store;
  }
}
