/**
 * Figures drawn on a {@link org.actbench.chart.Surface}: line charts with bands and markers,
 * heatmaps, histograms and small multiples, written as PNG, SVG or PDF. Plain drawing: it may use
 * nothing of ActBench, so the window, exports and tests draw the same pixels.
 */
package org.actbench.chart;
