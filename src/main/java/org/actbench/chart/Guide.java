package org.actbench.chart;

/**
 * A horizontal reference line across a {@link LineChart}, dashed and labelled on the plot: a value
 * the curves are read against, such as an activation's expected mean under N(0, 1) or zero.
 *
 * @param label printed above the line at its left end, in its colour
 * @param y where, in the y axis' units
 * @param argb colour
 */
public record Guide(String label, double y, int argb) {}
