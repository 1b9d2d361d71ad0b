package org.actbench.ui.runs;

import org.actbench.chart.Series;

/** What the bias-shift chart plots of a receiving layer, as the chart's choice box names it. */
enum BiasQuantity {
  RHO("ρ (share of bias shift)"),
  COSINE("cosine(plain, natural)"),
  NORM_RATIO("‖bias-shift term‖ / ‖natural‖");

  private final String title;

  BiasQuantity(String title) {
    this.title = title;
  }

  String title() {
    return title;
  }

  Series of(LiveRun.BiasSeries s) {
    return switch (this) {
      case RHO -> s.rho();
      case COSINE -> s.cosine();
      case NORM_RATIO -> s.normRatio();
    };
  }

  @Override
  public String toString() {
    return title; // what a choice box shows
  }
}
