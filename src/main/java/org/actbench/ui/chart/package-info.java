/**
 * The charts on screen: a pane that paints a {@code chart} figure off the FX thread, with zoom,
 * pan, read-out and export. May use {@code chart}.
 */
package org.actbench.ui.chart;
