/**
 * The CIFAR-10 data layer: reading the official binary format (from the archive, the extracted
 * folder, the cache or the bundled sample set), download and import, preprocessing, augmentation
 * and batching into ND4J arrays.
 *
 * <p>Order of use: {@link org.actbench.data.DatasetLocator} finds a {@link
 * org.actbench.data.DataSource}; {@link org.actbench.data.Cifar10Reader} reads it into a {@link
 * org.actbench.data.Cifar10} held as bytes; a {@link org.actbench.data.Preprocessing} is fitted on
 * the training images; a {@link org.actbench.data.BatchLoader} serves seeded, shuffled, augmented
 * batches as NCHW float arrays. Every bad input is a {@link org.actbench.data.DataException} whose
 * message names the file and what was expected.
 */
package org.actbench.data;
