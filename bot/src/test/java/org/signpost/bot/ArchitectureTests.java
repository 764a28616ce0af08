package org.signpost.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.signpost.dialogs.HouseRules;

/**
 * The house rules of the bot module, over its classes and the dialogs classes it uses: a bot feature
 * package is the storage, pages and wiring of the dialogs feature of the same name (see {@link HouseRules}).
 */
@AnalyzeClasses(packages = {"org.signpost.bot", "org.signpost.dialogs"},
        importOptions = HouseRules.MainClassesOnly.class)
class ArchitectureTests {

    /** What every feature may use: stores, keys, the connector, logs and the message endpoint. */
    private static final List<String> INFRASTRUCTURE = List.of("redis", "keys", "connector", "logging", "messaging");

    @ArchTest
    static final ArchRule featuresStayApart = HouseRules.featuresStayApart("bot");

    @ArchTest
    static final ArchRule everyPackageIsAFeatureOrInfrastructure = classes()
            .that().resideInAPackage("org.signpost.bot..")
            .should().resideInAnyPackage(HouseRules.packages("bot", HouseRules.FEATURES.stream().sorted().toList()))
            .orShould().resideInAnyPackage(HouseRules.packages("bot", INFRASTRUCTURE))
            .orShould().resideInAPackage("org.signpost.bot")
            .because("a new package is named here or in HouseRules, so the rules above cover it");

    @ArchTest
    static final ArchRule infrastructureUsesNoFeature = noClasses()
            .that().resideInAnyPackage(HouseRules.packages("bot", INFRASTRUCTURE))
            .should().dependOnClassesThat().resideInAnyPackage(HouseRules.packages("bot",
                    HouseRules.FEATURES.stream().sorted().toList()))
            .because("stores, keys, the connector and the endpoint serve every feature; only the application's"
                    + " own package wires features together");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.signpost.(**)").should().beFreeOfCycles();
}
