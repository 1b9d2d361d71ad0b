package org.actbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actbench.experiment.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code actbench runs}: the store's runs, with their state; damaged ones with the reason. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    header = "List the runs in a store; rename, tag or delete them.",
    description = {
      "List the runs in the store: id, state (finished, interrupted, ...), steps, name, tags, and why a",
      "run is damaged. --rename, --tag and --delete (with --yes) change the store first."
    })
final class RunsCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(
      names = "--rename",
      arity = "2",
      paramLabel = "ID NAME",
      description = "give a run a name")
  List<String> rename;

  @picocli.CommandLine.Option(
      names = "--tag",
      arity = "2",
      paramLabel = "ID TAG",
      description = "add a tag to a run")
  List<String> tag;

  @picocli.CommandLine.Option(
      names = "--delete",
      paramLabel = "ID",
      description = "delete a run's folder (needs --yes)")
  String delete;

  @picocli.CommandLine.Option(names = "--yes", description = "confirm --delete")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<RunStore.Entry> all = RunStore.load(store.store());
    if (rename != null) {
      RunStore.rename(store.find(all, rename.get(0)), rename.get(1));
    }
    if (tag != null) {
      RunStore.tag(store.find(all, tag.get(0)), tag.get(1));
    }
    if (delete != null) {
      if (!yes) {
        throw new IllegalArgumentException(
            "--delete " + delete + " removes the run's files for good: add --yes to confirm");
      }
      RunStore.delete(store.find(all, delete));
      out.println("deleted " + delete);
    }
    if (rename != null || tag != null || delete != null) {
      all = RunStore.load(store.store()); // as changed
    }
    out.printf(Locale.ROOT, "%-40s %-12s %8s  %s%n", "id", "state", "steps", "name, tags, problem");
    for (RunStore.Entry e : all) {
      out.printf(
          Locale.ROOT,
          "%-40s %-12s %8d%s%s%s%n",
          e.id(),
          e.state(),
          e.steps(),
          e.meta().name().isEmpty() ? "" : "  \"" + e.meta().name() + "\"",
          e.meta().tags().isEmpty() ? "" : "  [" + String.join(", ", e.meta().tags()) + "]",
          e.usable() ? "" : "  " + e.problem());
    }
    if (all.isEmpty()) {
      out.println("note: " + StoreOptions.whyEmpty(store.store()));
    }
    out.printf(
        Locale.ROOT,
        "runs=%d usable=%d%n",
        all.size(),
        all.stream().filter(RunStore.Entry::usable).count());
    return 0;
  }
}
