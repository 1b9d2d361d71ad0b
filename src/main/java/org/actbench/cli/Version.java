package org.actbench.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"ActBench " + org.actbench.export.FigureExport.version()};
  }
}
