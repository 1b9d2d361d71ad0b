package org.actbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point inward: {@code ui → experiment → metrics → engine}, {@code data} beside. Only
 * {@code ui} sees JavaFX; only {@code engine}, {@code metrics} and {@code data} see ND4J, and only
 * {@code engine} oneDNN; nothing but the {@code Launcher} (the composition root) sees {@code ui};
 * the engine sees only {@code data} (its batches), and {@code data} sees nothing of ours. {@code
 * sweep} (beside {@code experiment}) runs experiments, alone with Spark and Hadoop, and only the
 * command line uses it. Benchmarks and diagnostics sit in a {@code bench} package inside the layer
 * they measure, so the layer's rules hold for them too.
 */
@AnalyzeClasses(packages = "org.actbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyUiUsesJavaFx =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.actbench.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule onlyEngineMetricsAndDataUseNd4j =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "org.actbench.engine..", "org.actbench.metrics..", "org.actbench.data..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.nd4j..");

  @ArchTest
  static final ArchRule onlyTheEngineUsesOnednn =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.actbench.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bytedeco.dnnl..");

  @ArchTest
  static final ArchRule nothingButTheLauncherUsesUi =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.actbench.ui..")
          .and()
          .doNotHaveFullyQualifiedName("org.actbench.Launcher")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.actbench.ui..");

  /** The engine's training loop reads the data layer's batches; nothing else of ours. */
  @ArchTest
  static final ArchRule engineSeesOnlyData =
      noClasses()
          .that()
          .resideInAPackage("org.actbench.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.actbench.metrics..",
              "org.actbench.experiment..",
              "org.actbench.export..",
              "org.actbench.cli..");

  @ArchTest
  static final ArchRule dataDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("org.actbench.data..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.actbench.engine..",
              "org.actbench.metrics..",
              "org.actbench.experiment..",
              "org.actbench.export..",
              "org.actbench.cli..");

  @ArchTest
  static final ArchRule metricsSeeOnlyTheEngine =
      noClasses()
          .that()
          .resideInAPackage("org.actbench.metrics..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.actbench.experiment..", "org.actbench.export..", "org.actbench.cli..");

  /** Charts are plain drawing: the window, the exporters and the CLI all use them. */
  @ArchTest
  static final ArchRule chartsDependOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("org.actbench.chart..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.actbench.engine..",
              "org.actbench.metrics..",
              "org.actbench.experiment..",
              "org.actbench.export..",
              "org.actbench.data..",
              "org.actbench.cli..");

  @ArchTest
  static final ArchRule experimentDoesNotSeeTheCommandLine =
      noClasses()
          .that()
          .resideInAnyPackage("org.actbench.experiment..", "org.actbench.export..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.actbench.cli..");

  /**
   * Sweeps run experiments on an engine and data: nothing above them, and nothing below sees them.
   */
  @ArchTest
  static final ArchRule sweepsSeeExperimentEngineAndDataOnly =
      noClasses()
          .that()
          .resideInAPackage("org.actbench.sweep..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.actbench.ui..",
              "org.actbench.cli..",
              "org.actbench.export..",
              "org.actbench.chart..");

  @ArchTest
  static final ArchRule onlyTheCommandLineUsesSweeps =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.actbench.sweep..", "org.actbench.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.actbench.sweep..");

  /** Spark and Hadoop are provided by a cluster: only the sweep's engine may touch them. */
  @ArchTest
  static final ArchRule onlySweepsUseSparkAndHadoop =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.actbench.sweep..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..");

  /** Benchmarks and diagnostics live in each layer's {@code bench} package, beside its code. */
  @ArchTest
  static final ArchRule benchmarksStayOutOfProductionPackages =
      classes()
          .that()
          .haveSimpleNameEndingWith("Benchmark")
          .or()
          .haveSimpleNameEndingWith("Dump")
          .should()
          .resideInAPackage("..bench..");

  /** Only the commands that run them (and the launcher, for the window's) see the benchmarks. */
  @ArchTest
  static final ArchRule onlyTheCommandLineRunsBenchmarks =
      noClasses()
          .that()
          .resideOutsideOfPackages("..bench..", "org.actbench.cli..")
          .and()
          .doNotHaveFullyQualifiedName("org.actbench.Launcher")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..bench..");

  /**
   * No two top-level packages depend on each other, directly or around a loop: what the arrows in
   * docs/architecture.md promise, for pairs no other rule names.
   */
  @ArchTest
  static final ArchRule noCyclesBetweenTopLevelPackages =
      slices().matching("org.actbench.(*)..").should().beFreeOfCycles();
}
