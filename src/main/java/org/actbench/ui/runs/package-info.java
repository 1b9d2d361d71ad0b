/**
 * The Runs tab and the explorer: {@code RunsViewModel} holds the queue, rows, series and stored
 * runs and is tested without a stage; {@code WorkbenchView}, {@code RunTable} and {@code
 * RunChartTabs} are layout and bindings.
 */
package org.actbench.ui.runs;
