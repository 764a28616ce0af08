package org.signpost.bot.survey;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.dialogs.survey.SurveyDefinition;
import org.signpost.dialogs.survey.SurveyRound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds declared in configuration, applied at start-up: each is added if new, then opened or closed as
 * declared (a closed round stays closed); with none and a local trial, a trial round opens the first time. Then
 * the open round, however it was opened, must still match its survey and token key, or the app stops.
 */
final class RoundSeeds {

    private static final Logger log = LoggerFactory.getLogger(RoundSeeds.class);

    /** A round declared in configuration. */
    record Seed(String id, String survey, boolean open) {
    }

    private final RoundList list;
    private final OpenRound openRound;
    private final RedisSurveyStore store;
    private final Function<String, SurveyDefinition> surveys;

    RoundSeeds(RoundList list, OpenRound openRound, RedisSurveyStore store, Function<String, SurveyDefinition> surveys) {
        this.list = list;
        this.openRound = openRound;
        this.store = store;
        this.surveys = surveys;
    }

    void apply(List<Seed> seeds, Optional<Seed> trialRound) {
        List<Seed> all = seeds.isEmpty() && trialRound.isPresent() && list.isEmpty()
                ? List.of(trialRound.get()) : seeds;
        for (Seed seed : all) {
            list.register(seed.id(), seed.survey(), Optional.empty(), Optional.empty());
            if (!seed.open()) {
                store.close(seed.id());
                openRound.release(seed.id());
                continue;
            }
            if (store.state(seed.id()).filter("closed"::equals).isPresent()) {
                log.warn("Round {} is configured open but was closed before; a closed round never reopens, so it "
                        + "stays closed", seed.id());
                continue;
            }
            Optional<String> other = openRound.claim(seed.id());
            if (other.isPresent()) {
                throw new IllegalStateException("Only one survey round can be open at a time: round " + other.get()
                        + " is open, so round " + seed.id() + " cannot open as configured. Close one of them.");
            }
            RedisSurveyStore.Opened opened = store.open(new SurveyRound(seed.id(), surveys.apply(seed.survey())));
            if (opened != RedisSurveyStore.Opened.OPENED && opened != RedisSurveyStore.Opened.ALREADY_OPEN) {
                openRound.release(seed.id());
                throw new IllegalStateException(opened.refusal(seed.id(), seed.survey()));
            }
        }
        Optional<SurveyRound> open = openRound.fresh().alone();
        if (open.isPresent()) {
            RedisSurveyStore.Opened still = store.open(open.get());
            if (still == RedisSurveyStore.Opened.CLOSED) {
                openRound.release(open.get().id());
            } else if (still != RedisSurveyStore.Opened.ALREADY_OPEN && still != RedisSurveyStore.Opened.OPENED) {
                throw new IllegalStateException(still.refusal(open.get().id(), open.get().survey().id()));
            }
        }
    }
}
