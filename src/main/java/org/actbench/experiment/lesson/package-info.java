/**
 * Lessons: guided sequences of steps a teacher writes as a JSON file (text, runs to queue, charts
 * to show, a callout on a chart, controls hidden or locked), read and checked by {@link
 * org.actbench.experiment.lesson.Lessons}; four ship with ActBench. No JavaFX here.
 */
package org.actbench.experiment.lesson;
