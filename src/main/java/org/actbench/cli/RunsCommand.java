package org.actbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.experiment.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code actbench runs}: the store's runs, with their state; damaged ones with the reason. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List the runs in the store: id, state (finished, interrupted, ...), steps, and why a run is damaged.")
final class RunsCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<RunStore.Entry> all = RunStore.load(store.store());
    for (RunStore.Entry e : all) {
      out.printf(Locale.ROOT, "%-40s %-12s %8d%s%n", e.id(), e.state(), e.steps(),
          e.usable() ? "" : "  " + e.problem());
    }
    out.printf(Locale.ROOT, "runs=%d usable=%d%n", all.size(), all.stream().filter(RunStore.Entry::usable).count());
    return 0;
  }
}
