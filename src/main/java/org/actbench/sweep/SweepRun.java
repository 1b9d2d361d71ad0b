package org.actbench.sweep;

import java.util.Map;
import org.actbench.experiment.TrainSpec;

/**
 * One run of a sweep.
 *
 * @param index its place in the plan, from 0
 * @param id its folder in the store: the same for every engine, retry and re-run
 * @param point the axes' values that make it, as written
 */
public record SweepRun(int index, String id, Map<String, String> point, TrainSpec spec) {}
