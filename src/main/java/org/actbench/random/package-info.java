/**
 * Seeded random numbers that are the same on every JDK and platform (initial weights, the sample
 * set, data order). Uses nothing.
 */
package org.actbench.random;
