package dev.baton.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Packages point down: each layer uses only the layers below it (or packages of its own layer), and
 * no two packages use each other, even through a third. The order, top to bottom, is the one
 * README's "Packages" section gives.
 */
class PackageLayersTest {
  /** Baton's main code as compiled; tests may reach across layers to build what they need. */
  static JavaClasses main() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.baton");
  }

  /**
   * The layer order, top to bottom. A class in no layer fails the rule: a new package is placed on
   * purpose.
   */
  static ArchRule layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("entry")
        .definedBy("dev.baton", "dev.baton.cli..", "dev.baton.demo..")
        .layer("adapters")
        .definedBy("dev.baton.api..", "dev.baton.live..", "dev.baton.ops..")
        .layer("views")
        .definedBy("dev.baton.views..")
        .layer("steps")
        .definedBy("dev.baton.workers..", "dev.baton.hooks..")
        .layer("report")
        .definedBy("dev.baton.report..")
        .layer("runs")
        .definedBy("dev.baton.run..")
        .layer("engine")
        .definedBy("dev.baton.process..")
        .layer("parts")
        .definedBy(
            "dev.baton.agents..",
            "dev.baton.board..",
            "dev.baton.testcommand..",
            "dev.baton.isolation..")
        .layer("base")
        .definedBy(
            "dev.baton.tmux..",
            "dev.baton.git..",
            "dev.baton.request..",
            "dev.baton.sim..",
            "dev.baton.enginedb..")
        .whereLayer("entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("adapters")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("views")
        .mayOnlyBeAccessedByLayers("entry", "adapters")
        .whereLayer("steps")
        .mayOnlyBeAccessedByLayers("entry", "adapters", "views")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("entry", "adapters", "views", "steps")
        .whereLayer("runs")
        .mayOnlyBeAccessedByLayers("entry", "adapters", "views", "steps", "report")
        .whereLayer("engine")
        .mayOnlyBeAccessedByLayers("entry", "adapters", "views", "steps", "report", "runs")
        .whereLayer("parts")
        .mayOnlyBeAccessedByLayers(
            "entry", "adapters", "views", "steps", "report", "runs", "engine")
        .whereLayer("base")
        .mayOnlyBeAccessedByLayers(
            "entry", "adapters", "views", "steps", "report", "runs", "engine", "parts");
  }

  @Test
  void noPackageUsesOneAboveIt() {
    layers().check(main());
  }

  @Test
  void noCycleBetweenPackages() {
    slices().matching("dev.baton.(*)..").should().beFreeOfCycles().check(main());
  }
}
