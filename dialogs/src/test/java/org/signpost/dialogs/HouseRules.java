package org.signpost.dialogs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The package boundaries both modules' {@code ArchitectureTests} enforce. A feature is a package named the
 * same in {@code dialogs} (its rules and chat) and {@code bot} (its storage, pages and wiring): the two
 * halves of one feature see each other, different features do not, except the few named below, each for a
 * reason. The routing ({@code conversation}) counts as one more such unit: features never see it.
 */
public final class HouseRules {

    /** Packages every feature may use, which themselves use no feature. */
    public static final List<String> SHARED = List.of("kernel", "flow", "content", "understanding");

    public static final Set<String> FEATURES = Set.of("announcement", "audit", "broadcast", "conversation",
            "focusgroup", "hrsummary", "privacy", "references", "results", "signin", "smalltalk", "support",
            "survey", "understanding");

    /** The allowed imports between features, from → to, each with its reason. */
    public static final Map<String, Map<String, String>> EXCEPTIONS = Map.of(
            "hrsummary", Map.of(
                    "results", "the chat summary is a results output and must go through disclosure control",
                    "survey", "it names the round's questions from the survey definition"),
            "results", Map.of(
                    "survey", "disclosure control reads a round's counters by the survey's definition and layout",
                    "hrsummary", "the HR results wiring also builds the chat summary over the same results"),
            "conversation", Map.of(
                    "references", "install, uninstall and the crisis follow-up keep or drop the conversation's reference"),
            "references", Map.of(
                    "broadcast", "Reach is the delivery engine's recipients and forgetting ports, over references"),
            "audit", Map.of(
                    "survey", "the audit checks stored counters against each survey's definition and layout"),
            "focusgroup", Map.of(
                    "references", "reminders and notices reach people through their conversation references"),
            "announcement", Map.of(
                    "broadcast", "an announcement is queued as a broadcast: the delivery engine is its sending half"),
            "broadcast", Map.of(
                    "announcement", "the campaign's pledges are kept in the broadcast keyspace (RedisPledges)",
                    "references", "the courier sends to a conversation reference"),
            "understanding", Map.of(
                    "survey", "the OpenNLP themes implement the survey's ThemeExtractor port"));

    private HouseRules() {
    }

    /**
     * One rule per feature: classes of {@code org.signpost.<module>.<feature>} use no other feature in any
     * module, except the named exceptions. ("understanding" is shared in dialogs, a feature in bot.)
     */
    public static ArchRule featuresStayApart(String module) {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : new TreeSet<>(FEATURES)) {
            if (module.equals("dialogs") && SHARED.contains(feature)) {
                continue;
            }
            Map<String, String> allowed = EXCEPTIONS.getOrDefault(feature, Map.of());
            List<String> forbidden = new ArrayList<>();
            for (String other : new TreeSet<>(FEATURES)) {
                if (other.equals(feature) || allowed.containsKey(other)) {
                    continue;
                }
                forbidden.add("org.signpost.bot." + other + "..");
                if (!SHARED.contains(other)) {
                    forbidden.add("org.signpost.dialogs." + other + "..");
                }
            }
            rules.add(noClasses().that().resideInAPackage("org.signpost." + module + "." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .as(module + "." + feature + " uses no other feature"
                            + (allowed.isEmpty() ? "" : " but " + String.join(", ", new TreeSet<>(allowed.keySet())))));
        }
        return CompositeArchRule.of(rules).as(module + "'s features never import each other, except the named"
                + " exceptions (HouseRules.EXCEPTIONS, each with its reason)");
    }

    public static String[] packages(String module, List<String> names) {
        return names.stream().map(name -> "org.signpost." + module + "." + name + "..").toArray(String[]::new);
    }

    /**
     * The project's own main classes, wherever they come from (classes folder or jar), never tests, and never
     * what Spring's ahead-of-time processing generates (package, process-aot): its bean definitions wire every feature's
     * beans by design, and a classes folder can keep them from an older build.
     */
    public static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar")
                    && !location.contains("__");
        }
    }
}
