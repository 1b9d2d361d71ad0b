package org.actbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actbench.experiment.RunStore;
import picocli.CommandLine.Option;

/** Which store and which runs of it (a picocli mixin). */
final class StoreOptions {
  @Option(names = "--store", description = "the run store (default: ${XDG_DATA_HOME:-~/.local/share}/actbench/runs)")
  Path store;

  @Option(names = "--runs", split = ",", description = "run ids (default: every usable run in the store)")
  List<String> runs;

  Path store() {
    return store != null ? store : RunStore.defaultLocation(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The run with this id among {@code all}; an unknown id is an error naming it and the store. */
  RunStore.Entry find(List<RunStore.Entry> all, String id) {
    return all.stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in " + store()));
  }

  /** The chosen runs, usable ones only; an unknown or damaged id is an error naming it. */
  List<RunStore.Entry> chosen() throws IOException {
    List<RunStore.Entry> all = RunStore.load(store());
    if (runs == null) {
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
}
