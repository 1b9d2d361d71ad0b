/**
 * The JavaFX window: the only package that imports {@code javafx}. Views beside their view models;
 * training threads reach the FX thread through each run's typed inbox, drained once per frame; no
 * file I/O on the FX thread. May use every package but {@code cli}.
 */
package org.actbench.ui;
