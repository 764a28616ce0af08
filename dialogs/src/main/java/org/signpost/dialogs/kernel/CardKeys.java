package org.signpost.dialogs.kernel;

/**
 * The keys of the data a card's button sends back (Action.Submit data merged with the card's inputs).
 * The wire names are the ones the first survey cards used, so cards already sitting in people's chats
 * keep working; the constant names say what each key means for every flow.
 */
public final class CardKeys {

    /** The capability or flow a button is for (the same id as its intent). */
    public static final String ACTION = "signpost";
    /** What the button does within a flow: start, answer, skip, submit, cancel, later, refuse. */
    public static final String VERB = "step";
    /** Which instance of a flow (a survey round, a session): a card of another instance changes nothing. */
    public static final String INSTANCE = "round";
    /** Which step of the flow the card showed (a survey question's id). */
    public static final String STEP = "question";
    /** The chosen option of a choice input. */
    public static final String ANSWER = "answer";
    /** The input where a person writes in their own words (checked for crisis language on arrival). */
    public static final String FREE_TEXT = "freeText";
    /** The prefix of a consent statement's toggle; the statement's position follows it. */
    public static final String CONSENT_PREFIX = "consent.";

    private CardKeys() {
    }
}
