/**
 * ActBench, a workbench for activation functions. {@link org.actbench.Launcher} opens the window
 * ({@code ui}) without arguments and runs a command ({@code cli}) with any. Dependencies point
 * inward: ui → experiment → metrics → engine, with data beside; {@code ArchitectureTest} checks it.
 */
package org.actbench;
