/**
 * The picocli commands (train, experiment, runs, compare, export, bench, fx-bench, dump, data,
 * sweep) and the headless face: bad input is one {@code error:} line and exit 2. May use every
 * package but {@code ui} (the window is reached through {@code WindowFace} only for fx-bench).
 */
package org.actbench.cli;
