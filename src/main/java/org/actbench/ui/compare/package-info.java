/**
 * The Compare tab: a store's runs, grouped into comparisons with bands over seeds, a summary table
 * and exports; the store and files are read off the FX thread.
 */
package org.actbench.ui.compare;
