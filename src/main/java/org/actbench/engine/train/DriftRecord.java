package org.actbench.engine.train;

import java.util.List;

/**
 * Unit-mean drift of every activation layer after {@code step} steps, on that step's training
 * batch.
 *
 * @param logged whether this step is written to files (dead and saturated shares are measured then)
 * @param networkMedian median over all units of all activation layers: the paper's Figure 2(a)
 */
public record DriftRecord(long step, boolean logged, List<LayerDrift> layers, double networkMedian)
    implements TrainingEvent {}
