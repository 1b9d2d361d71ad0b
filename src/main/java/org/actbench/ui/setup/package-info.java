/**
 * The first-start dialog: download CIFAR-10 (checksum, progress, resume), import a copy or use the
 * bundled sample set; the choice is remembered.
 */
package org.actbench.ui.setup;
