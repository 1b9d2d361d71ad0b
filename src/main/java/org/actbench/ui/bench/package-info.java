/**
 * The window's benchmarks (frame times with live runs, time to the first point), run by fx-bench
 * and by hand. The window's rules hold here.
 */
package org.actbench.ui.bench;
