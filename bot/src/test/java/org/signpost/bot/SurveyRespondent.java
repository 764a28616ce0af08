package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.signpost.dialogs.survey.SurveyDefinition;

/** One person taking a survey over real HTTP, clicking the buttons the cards offer. */
public final class SurveyRespondent {

    private final Endpoint endpoint;
    private final Activities activities;
    private final String conversationId;

    public SurveyRespondent(Endpoint endpoint, Activities activities, String conversationId) {
        this.endpoint = endpoint;
        this.activities = activities;
        this.conversationId = conversationId;
    }

    /** Answers every question (skipping those without an answer) and submits. */
    public void answer(String roundId, SurveyDefinition survey, Map<String, String> answers) {
        prepare(roundId, survey, answers);
        submit(roundId);
    }

    /** Answers every question (skipping those without an answer), up to the submit button. */
    public void prepare(String roundId, SurveyDefinition survey, Map<String, String> answers) {
        ok(endpoint.post(activities.message(conversationId, "take the survey")).statusCode());
        ok(endpoint.post(activities.button(conversationId, step(roundId, "start"))).statusCode());
        for (SurveyDefinition.Question question : survey.questions()) {
            Map<String, String> click = step(roundId, answers.containsKey(question.id()) ? "answer" : "skip");
            click.put("question", question.id());
            if (answers.containsKey(question.id())) {
                click.put("answer", answers.get(question.id()));
            }
            ok(endpoint.post(activities.button(conversationId, click)).statusCode());
        }
    }

    public int submit(String roundId) {
        return endpoint.post(activities.button(conversationId, step(roundId, "submit"))).statusCode();
    }

    public static Map<String, String> step(String roundId, String step) {
        return new HashMap<>(Map.of("signpost", "survey", "step", step, "round", roundId));
    }

    private static void ok(int status) {
        assertThat(status).isEqualTo(200);
    }
}
