/**
 * Figures of stored runs for papers and slides: built from the run store ({@code experiment}),
 * drawn by {@code org.actbench.chart} as PNG, SVG or PDF, each with a sidecar {@code .json} that
 * says how to make it again and a {@code .csv} of exactly the values drawn. No JavaFX.
 */
package org.actbench.export;
