package org.signpost.dialogs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.TreeSet;

/** The house rules of the dialogs module (see {@link HouseRules} for the features and their exceptions). */
@AnalyzeClasses(packages = "org.signpost.dialogs", importOptions = HouseRules.MainClassesOnly.class)
class ArchitectureTests {

    private static final String[] FEATURES_AND_ROUTING = HouseRules.packages("dialogs",
            HouseRules.FEATURES.stream().filter(name -> !HouseRules.SHARED.contains(name)).sorted().toList());

    private static final String[] BOT_FRAMEWORK = {"com.microsoft.bot.."};
    private static final String[] SPRING_AND_JEDIS = {"org.springframework..", "redis.clients.."};

    @ArchTest
    static final ArchRule theSharedKernelUsesNoFeature = noClasses()
            .that().resideInAnyPackage(HouseRules.packages("dialogs", HouseRules.SHARED))
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES_AND_ROUTING)
            .because("kernel, flow, content and understanding are shared by every feature and the routing;"
                    + " features arrive as Capabilities, Flows and ports");

    @ArchTest
    static final ArchRule featuresStayApart = HouseRules.featuresStayApart("dialogs");

    @ArchTest
    static final ArchRule everyPackageIsSharedOrAFeature = classes()
            .should().resideInAnyPackage(HouseRules.packages("dialogs",
                    HouseRules.FEATURES.stream().sorted().toList()))
            .orShould().resideInAnyPackage(HouseRules.packages("dialogs", HouseRules.SHARED))
            .because("a new package is named in HouseRules (a feature, with its exceptions, or shared), so the"
                    + " rules above cover it");

    @ArchTest
    static final ArchRule pureRulesSeeNoBotFrameworkSpringOrJedis = noClasses()
            .that().resideInAnyPackage(HouseRules.packages("dialogs", List.of("survey", "results", "broadcast")))
            .or().resideInAPackage("org.signpost.dialogs.focusgroup")
            .or().haveFullyQualifiedName("org.signpost.dialogs.flow.FlowDefinition")
            .or().haveFullyQualifiedName("org.signpost.dialogs.flow.FlowFiles")
            .or().haveFullyQualifiedName("org.signpost.dialogs.flow.StepType")
            .or().haveFullyQualifiedName("org.signpost.dialogs.flow.Text")
            .should().dependOnClassesThat().resideInAnyPackage(concat(BOT_FRAMEWORK, SPRING_AND_JEDIS))
            .because("survey definitions, counter layout and respondent tokens, disclosure control, delivery"
                    + " scheduling, the focus-group domain (its chat aside) and flow definitions are plain rules over data,"
                    + " testable without a chat or a store");

    @ArchTest
    static final ArchRule onlyTheKernelRoutingAndReferencesSeeTheBotFramework = noClasses()
            .that().resideOutsideOfPackages(HouseRules.packages("dialogs",
                    List.of("kernel", "conversation", "references")))
            .should().dependOnClassesThat().resideInAnyPackage(BOT_FRAMEWORK)
            .because("features reach the chat through the kernel's Turn and Card, so the retired SDK stays in"
                    + " three packages");

    @ArchTest
    static final ArchRule dialogsUsesNoSpringNorJedis = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(SPRING_AND_JEDIS)
            .because("dialogs is plain Java; the bot module wires it (the enforcer bans the jars too)");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.signpost.(**)").should().beFreeOfCycles();

    private static String[] concat(String[] first, String[] second) {
        TreeSet<String> all = new TreeSet<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
    }
}
