package org.signpost.dialogs.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyDefinition.Question;

/**
 * Disclosure control, played as an attacker who holds every output: each test tries one way of learning
 * something about fewer than k people and checks that the published figures do not allow it.
 */
class DisclosureControlTests {

    static final int K = 10;
    final DisclosureControl control = new DisclosureControl(K);

    @Test
    void aThresholdBelowFiveIsRefused() {
        assertThatThrownBy(() -> new DisclosureControl(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoundReport.Rules(3, "role", "manager", 0.8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DisclosureControl(5).k()).isEqualTo(5);
    }

    @Test
    void aRoundWithFewerThanKResponsesShowsNothing() {
        DisclosedRound round = control.disclose(Population.SURVEY,
                new Population().add(9, "workload", "agree", "role", "manager").counts());
        assertThat(round.shown()).isFalse();
        assertThat(round.overall()).isEmpty();
        assertThat(ExportRows.of(round).rows()).isEmpty();
    }

    @Test
    void aGroupOfFourShowsOnlyNotEnoughResponses() {
        Population people = new Population()
                .add(4, "workload", "strongly-disagree", "role", "manager")
                .add(30, "workload", "agree", "role", "not-manager");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        GroupResult managers = group(round, "role", "manager");
        assertThat(managers.shown()).isFalse();
        assertThat(managers.responses()).isZero();
        assertThat(managers.questions()).isEmpty();
        // the only other group would give the four away as everyone minus it
        assertThat(group(round, "role", "not-manager").shown()).isFalse();
        assertNothingRecoverableBySubtraction(round);
    }

    @Test
    void aHiddenGroupCannotBeRecoveredAsTheTotalMinusTheOthers() {
        Population people = new Population()
                .add(3, "workload", "strongly-disagree", "area", "north")
                .add(20, "workload", "agree", "area", "south")
                .add(25, "workload", "neither", "area", "east");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        assertThat(group(round, "area", "north").shown()).isFalse();
        assertThat(group(round, "area", "south").shown()).as("the next-smallest goes too").isFalse();
        assertThat(group(round, "area", "east").shown()).isTrue();
        assertThat(group(round, "area", "east").cell("workload").count("neither")).isEqualTo(25);
        // everyone minus east is north and south together: 23 people, never the 3
        assertNothingRecoverableBySubtraction(round);
    }

    @Test
    void didNotSayCountsAsAGroupSoItCannotBeFoundBySubtraction() {
        Population people = new Population()
                .add(15, "workload", "agree", "role", "manager")
                .add(15, "workload", "agree", "role", "not-manager")
                .add(3, "workload", "strongly-disagree");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        assertThat(group(round, "role", GroupResult.DID_NOT_SAY).shown()).isFalse();
        long shownNamed = round.grouping("role").orElseThrow().groups().stream().filter(GroupResult::shown)
                .filter(g -> !g.value().equals(GroupResult.DID_NOT_SAY)).count();
        assertThat(shownNamed).as("one of the two named groups is hidden with the three").isEqualTo(1);
        assertNothingRecoverableBySubtraction(round);
    }

    @Test
    void aQuestionAnsweredByFewInsideABigGroupIsHiddenThereAndInItsComplement() {
        Population people = new Population()
                .add(4, "workload", "strongly-disagree", "manager-support", "agree", "role", "manager")
                .add(26, "manager-support", "agree", "role", "manager")
                .add(30, "workload", "agree", "manager-support", "agree", "role", "not-manager");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        GroupResult managers = group(round, "role", "manager");
        assertThat(managers.shown()).isTrue();
        assertThat(managers.responses()).isEqualTo(30);
        assertThat(managers.cell("workload").shown()).as("answered by 4 managers").isFalse();
        assertThat(managers.cell("manager-support").shown()).isTrue();
        // everyone's workload minus the non-managers' would give the 4 managers' answers
        assertThat(group(round, "role", "not-manager").cell("workload").shown()).isFalse();
        assertThat(round.overall("workload").shown()).isTrue();
        assertNothingRecoverableBySubtraction(round);
    }

    @Test
    void preferNotToSayIsNotAnAnswerForTheThreshold() {
        Population people = new Population()
                .add(5, "workload", "agree", "role", "manager")
                .add(6, "workload", "prefer-not-to-say", "role", "manager")
                .add(20, "workload", "agree", "role", "not-manager");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());
        assertThat(group(round, "role", "manager").shown()).isTrue();
        assertThat(group(round, "role", "manager").cell("workload").shown()).isFalse();
    }

    @Test
    void freeTextThemesFollowTheSameRules() {
        Population people = new Population()
                .add(3, "themes", "workload,stigma", "area", "north")
                .add(12, "themes", "workload", "area", "south")
                .add(12, "themes", "training", "area", "east");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        assertThat(round.overall("themes").shown()).isTrue();
        assertThat(round.overall("themes").count("workload")).isEqualTo(15);
        assertThat(group(round, "area", "north").shown()).isFalse();
        assertThat(group(round, "area", "south").shown()).as("complement of north").isFalse();
        assertThat(group(round, "area", "east").cell("themes").count("training")).isEqualTo(12);
        // stigma was touched only by the three in the north: it shows overall (3 of 27 answers), never per group
        assertNothingRecoverableBySubtraction(round);
    }

    @Test
    void differencingAcrossGroupingsIsolatesNoOneFromAHiddenGroup() {
        // three managers, spread over the areas; role and area are published side by side
        Population people = new Population()
                .add(1, "workload", "strongly-disagree", "role", "manager", "area", "north")
                .add(1, "workload", "strongly-disagree", "role", "manager", "area", "south")
                .add(1, "workload", "strongly-disagree", "role", "manager", "area", "east")
                .add(12, "workload", "agree", "role", "not-manager", "area", "north")
                .add(11, "workload", "agree", "role", "not-manager", "area", "south")
                .add(4, "workload", "neither", "role", "prefer-not-to-say", "area", "north")
                .add(4, "workload", "neither", "role", "prefer-not-to-say", "area", "south")
                .add(3, "workload", "neither", "role", "prefer-not-to-say", "area", "east")
                .add(2, "workload", "agree", "role", "not-manager");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());

        assertThat(group(round, "role", "manager").shown()).isFalse();
        assertNoSignedCombinationIsolatesFewerThanK(round, people, "workload");
    }

    @Test
    void theSameCountersAlwaysGiveTheSameTable() {
        Population people = new Population().add(12, "workload", "agree", "role", "manager")
                .add(13, "workload", "disagree", "role", "not-manager");
        assertThat(control.disclose(Population.SURVEY, people.counts()))
                .isEqualTo(control.disclose(Population.SURVEY, people.counts()));
    }

    @Test
    void aNewSnapshotNeedsKNewResponses() {
        Population people = new Population().add(9, "workload", "agree");
        assertThat(Snapshots.release(K, Population.SURVEY, people.counts(), Optional.empty())).as("nothing before k")
                .isFalse();
        RoundCounts first = people.add(1, "workload", "agree").counts();
        assertThat(Snapshots.release(K, Population.SURVEY, first, Optional.empty())).isTrue();
        assertThat(Snapshots.release(K, Population.SURVEY, people.add(1, "workload", "agree").counts(),
                Optional.of(first))).as("one new response").isFalse();
        assertThat(Snapshots.release(K, Population.SURVEY, people.add(8, "workload", "agree").counts(),
                Optional.of(first))).as("k - 1 new responses").isFalse();
        assertThat(Snapshots.release(K, Population.SURVEY, people.add(1, "workload", "agree").counts(),
                Optional.of(first))).isTrue();
        assertThatThrownBy(() -> Snapshots.release(4, Population.SURVEY, first, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotWaitsWhileAQuestionWasAnsweredByFewerThanKOfTheNewcomers() {
        Population people = new Population().add(10, "workload", "agree");
        RoundCounts first = people.counts();
        // ten newcomers, of whom three answered "workload": its figures would move by three people
        RoundCounts three = people.add(3, "workload", "disagree").add(7).counts();
        assertThat(Snapshots.release(K, Population.SURVEY, three, Optional.of(first))).isFalse();
        RoundCounts ten = people.add(7, "workload", "disagree").counts();
        assertThat(Snapshots.release(K, Population.SURVEY, ten, Optional.of(first))).isTrue();
        // "prefer not to say" is not an answer, but a change in it is a change
        Population quiet = new Population().add(10, "workload", "agree");
        RoundCounts before = quiet.counts();
        RoundCounts after = quiet.add(1, "workload", "prefer-not-to-say").add(9, "manager-support", "agree").counts();
        assertThat(Snapshots.release(K, Population.SURVEY, after, Optional.of(before))).isFalse();
    }

    @Test
    void anOpenRoundShowsNoGroupAndAClosedOneShowsThemAll() {
        RoundCounts counts = new Population().add(12, "workload", "agree", "role", "manager")
                .add(15, "workload", "disagree", "role", "not-manager").counts();
        DisclosedRound open = control.disclose(Population.SURVEY, counts, true);
        assertThat(open.shown()).isTrue();
        assertThat(open.overall("workload").answered()).isEqualTo(27);
        assertThat(open.groupings()).isEmpty();
        assertThat(open.groupsReleased()).isFalse();
        assertThat(ExportRows.of(open).rows()).allMatch(row -> row.grouping().isEmpty());
        DisclosedRound closed = control.disclose(Population.SURVEY, counts, false);
        assertThat(closed.groupsReleased()).isTrue();
        assertThat(group(closed, "role", "manager").responses()).isEqualTo(12);
    }

    /**
     * The careful attacker of an open round: downloads after every single new response, keeps every
     * download, and subtracts any two. No figure (a group's responses, or a question's answers over
     * everyone or inside a group) may differ between two downloads by fewer than k people, unless it did
     * not change at all; and the final results may not differ from any open-round download by fewer.
     */
    @Test
    void anAttackerWhoDownloadsAfterEveryNewResponseAndSubtractsLearnsNothingAboutFewerThanK() {
        List<DisclosedRound> downloads = attack(true, false);
        assertThat(downloads.stream().distinct().count()).as("releases happened").isGreaterThan(5);
        assertNoTwoDownloadsDifferByFewerThanK(downloads);
        DisclosedRound last = downloads.get(downloads.size() - 1);
        assertThat(last.groupsReleased()).as("the final results show the groups").isTrue();
        assertThat(last.groupings()).isNotEmpty();
        assertThat(downloads.subList(0, downloads.size() - 1)).allMatch(d -> d.groupings().isEmpty());
    }

    @Test
    void theDifferencingCheckWouldCatchTheReleasesBeforeThisRule() {
        // groups shown while the round is open, or snapshots after every k responses whatever the questions:
        // each alone must fail the check
        List<DisclosedRound> groupsWhileOpen = attack(true, true);
        assertThatThrownBy(() -> assertNoTwoDownloadsDifferByFewerThanK(groupsWhileOpen))
                .isInstanceOf(AssertionError.class).hasMessageContaining("role:");
        List<DisclosedRound> countOnly = attack(false, false);
        assertThatThrownBy(() -> assertNoTwoDownloadsDifferByFewerThanK(countOnly))
                .isInstanceOf(AssertionError.class).hasMessageContaining("all|");
    }

    /** People answer one by one; after each, a download of the latest release; then the round closes. */
    private List<DisclosedRound> attack(boolean thisRule, boolean groupsWhileOpen) {
        Random random = new Random(9);
        List<String> likert = List.of("strongly-agree", "agree", "neither", "disagree", "strongly-disagree",
                "prefer-not-to-say");
        List<String> roles = List.of("manager", "not-manager", "not-manager", "not-manager", "prefer-not-to-say");
        List<String> areas = List.of("north", "south", "south", "east", "east", "east");
        Population people = new Population();
        Optional<RoundCounts> released = Optional.empty();
        List<DisclosedRound> downloads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            List<String> answers = new ArrayList<>(List.of("workload", likert.get(random.nextInt(likert.size())),
                    "role", roles.get(random.nextInt(roles.size()))));
            if (random.nextInt(5) == 0) {
                answers.addAll(List.of("manager-support", likert.get(random.nextInt(likert.size()))));
            }
            if (random.nextInt(4) == 0) {
                answers.addAll(List.of("themes", random.nextBoolean() ? "workload" : "workload,stigma"));
            }
            if (random.nextInt(3) > 0) {
                answers.addAll(List.of("area", areas.get(random.nextInt(areas.size()))));
            }
            people.add(1, answers.toArray(String[]::new));
            RoundCounts live = people.counts();
            boolean release = thisRule ? Snapshots.release(K, Population.SURVEY, live, released)
                    : live.responses() >= K && (released.isEmpty() || live.responses() - released.get().responses() >= K);
            if (release) {
                released = Optional.of(live);
            }
            downloads.add(released.map(r -> control.disclose(Population.SURVEY, r, !groupsWhileOpen))
                    .orElseGet(() -> control.disclose(Population.SURVEY, new RoundCounts(Map.of()), true)));
        }
        // closed: the final results come from the last snapshot, which never changes again
        downloads.add(control.disclose(Population.SURVEY, released.orElseThrow(), false));
        return downloads;
    }

    /** Every published figure of every pair of downloads: unchanged, or changed by at least k people. */
    private static void assertNoTwoDownloadsDifferByFewerThanK(List<DisclosedRound> downloads) {
        List<Map<String, Cell>> figures = downloads.stream().map(DisclosureControlTests::figures).toList();
        for (int a = 0; a < figures.size(); a++) {
            for (int b = a + 1; b < figures.size(); b++) {
                for (Map.Entry<String, Cell> cell : figures.get(a).entrySet()) {
                    Cell later = figures.get(b).get(cell.getKey());
                    if (later == null) {
                        continue;
                    }
                    Question question = Population.SURVEY.question(cell.getKey().split("\\|")[1]).orElse(null);
                    Map<String, Long> change = new LinkedHashMap<>();
                    later.options().forEach((option, count) -> change.put(option, count - cell.getValue().count(option)));
                    long people = question == null ? change.get(RoundCounts.RESPONSES)
                            : DisclosureControl.answered(question, change);
                    boolean unchanged = change.values().stream().allMatch(delta -> delta == 0);
                    assertThat(unchanged || people >= K).as("%s between downloads %d and %d moved by %d people",
                            cell.getKey(), a, b, people).isTrue();
                }
            }
        }
    }

    /** Each published cell, by scope ("all" or grouping:value) and question (or "responses"). */
    private static Map<String, Cell> figures(DisclosedRound round) {
        Map<String, Cell> figures = new LinkedHashMap<>();
        if (!round.shown()) {
            return figures;
        }
        figures.put("all|" + RoundCounts.RESPONSES, responses(round.responses()));
        round.overall().forEach((question, cell) -> {
            if (cell.shown()) {
                figures.put("all|" + question, cell);
            }
        });
        for (GroupingResult grouping : round.groupings()) {
            for (GroupResult group : grouping.groups()) {
                if (!group.shown()) {
                    continue;
                }
                String scope = grouping.question() + ":" + group.value();
                figures.put(scope + "|" + RoundCounts.RESPONSES, responses(group.responses()));
                group.questions().forEach((question, cell) -> {
                    if (cell.shown()) {
                        figures.put(scope + "|" + question, cell);
                    }
                });
            }
        }
        return figures;
    }

    private static Cell responses(long count) {
        return new Cell(true, count, Map.of(RoundCounts.RESPONSES, count));
    }

    @Test
    void roundsAreComparedOnlyWhereBothPass() {
        DisclosedRound before = control.disclose(Population.SURVEY, new Population()
                .add(4, "workload", "strongly-disagree", "role", "manager")
                .add(20, "workload", "agree", "role", "not-manager")
                .add(12, "workload", "disagree", "role", "prefer-not-to-say").counts());
        DisclosedRound after = control.disclose(Population.SURVEY, new Population()
                .add(12, "workload", "agree", "role", "manager")
                .add(20, "workload", "disagree", "role", "not-manager")
                .add(12, "workload", "disagree", "role", "prefer-not-to-say").counts());

        List<RoundComparison.Change> changes = RoundComparison.compare(before, after);

        assertThat(changes).filteredOn(c -> c.group().isPresent() && c.group().get().equals("manager"))
                .as("managers were 4 last round: no change can be shown for them").isEmpty();
        RoundComparison.Change everyone = changes.stream()
                .filter(c -> c.grouping().isEmpty() && c.question().equals("workload")).findFirst().orElseThrow();
        assertThat(everyone.before()).isEqualTo(20.0 / 36);
        assertThat(everyone.after()).isEqualTo(12.0 / 44);
        assertThat(everyone.significant()).isTrue();
        assertThat(changes).anyMatch(c -> c.group().filter("not-manager"::equals).isPresent());
    }

    @Test
    void theZTestMatchesAWorkedExample() {
        // 60/100 against 45/100: pooled 0.525, se 0.07062, z -2.124 (significant); 50/100 against 45/100 is not
        assertThat(RoundComparison.z(60, 100, 45, 100)).isCloseTo(-2.124, offset(0.001));
        assertThat(Math.abs(RoundComparison.z(50, 100, 45, 100))).isLessThan(RoundComparison.Z_95);
    }

    private static GroupResult group(DisclosedRound round, String grouping, String value) {
        return round.grouping(grouping).orElseThrow().group(value).orElseThrow();
    }

    /**
     * The attacker's subtraction, from published figures only: everyone minus every shown group of a
     * grouping leaves what is hidden there, which must be no one or at least k people, for the group sizes
     * and for each question's answers.
     */
    static void assertNothingRecoverableBySubtraction(DisclosedRound round) {
        for (GroupingResult grouping : round.groupings()) {
            long hiddenPeople = round.responses() - grouping.groups().stream().filter(GroupResult::shown)
                    .mapToLong(GroupResult::responses).sum();
            assertThat(hiddenPeople == 0 || hiddenPeople >= K).as("%s: hidden people %d", grouping.question(),
                    hiddenPeople).isTrue();
            for (Question question : round.survey().questions()) {
                // a free-text answer can touch several themes: its answers do not add up across groups
                if (question.grouping() || question.type() == SurveyDefinition.Type.FREETEXT
                        || !round.overall(question.id()).shown()) {
                    continue;
                }
                long hiddenAnswers = round.overall(question.id()).answered() - grouping.groups().stream()
                        .filter(GroupResult::shown).mapToLong(g -> g.cell(question.id()).answered()).sum();
                assertThat(hiddenAnswers == 0 || hiddenAnswers >= K).as("%s/%s: hidden answers %d",
                        grouping.question(), question.id(), hiddenAnswers).isTrue();
            }
        }
    }

    /**
     * Every published cell of a question is a count over a known set of people; any sum and difference of
     * published cells is a count over the people with coefficient 1 in the same sum. None may single out
     * between 1 and k-1 people exactly (a 0/1 combination), in any grouping or across them.
     */
    static void assertNoSignedCombinationIsolatesFewerThanK(DisclosedRound round, Population people,
            String question) {
        List<Set<Integer>> published = new ArrayList<>();
        if (round.overall(question).shown()) {
            published.add(people.who());
        }
        for (GroupingResult grouping : round.groupings()) {
            for (GroupResult group : grouping.groups()) {
                if (group.shown() && group.cell(question).shown()) {
                    published.add(group.value().equals(GroupResult.DID_NOT_SAY)
                            ? people.who(grouping.question(), "-")
                            : people.who(grouping.question(), group.value()));
                }
            }
        }
        int[] coefficients = new int[published.size()];
        int combinations = (int) Math.pow(3, published.size());
        for (int c = 1; c < combinations; c++) {
            int code = c;
            for (int i = 0; i < coefficients.length; i++) {
                coefficients[i] = code % 3 - 1;
                code /= 3;
            }
            int[] perPerson = new int[people.people.size()];
            for (int i = 0; i < coefficients.length; i++) {
                for (int person : published.get(i)) {
                    perPerson[person] += coefficients[i];
                }
            }
            boolean indicator = true;
            int ones = 0;
            for (int weight : perPerson) {
                indicator &= weight == 0 || weight == 1;
                ones += weight == 1 ? 1 : 0;
            }
            assertThat(indicator && ones > 0 && ones < K).as("combination %s isolates %d people",
                    Arrays.toString(coefficients), ones).isFalse();
        }
    }

    @Test
    void theAttackersCheckWouldCatchAnUnprotectedTable() {
        // the same counters published without complementary suppression: the check must fail
        Population people = new Population()
                .add(3, "workload", "strongly-disagree", "area", "north")
                .add(20, "workload", "agree", "area", "south")
                .add(25, "workload", "neither", "area", "east");
        DisclosedRound round = control.disclose(Population.SURVEY, people.counts());
        GroupingResult area = round.grouping("area").orElseThrow();
        GroupResult south = new GroupResult("south", true, 20, Map.of("workload",
                new Cell(true, 20, Map.of("agree", 20L))));
        DisclosedRound leaky = new DisclosedRound(round.survey(), K, true, round.responses(), round.overall(),
                List.of(new GroupingResult("area", List.of(area.groups().get(0), south, area.groups().get(2),
                        area.groups().get(3)))), true);
        assertThatThrownBy(() -> assertNothingRecoverableBySubtraction(leaky))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() ->
                assertNoSignedCombinationIsolatesFewerThanK(leaky, people, "workload"))
                .isInstanceOf(AssertionError.class);
    }
}
