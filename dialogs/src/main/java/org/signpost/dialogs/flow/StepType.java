package org.signpost.dialogs.flow;

/** The kinds of step a flow is made of; each has one card and one way of taking its answer. */
public enum StepType {
    /** Text or a document to read, with "Continue"; as a flow's first step, its "Start" begins the flow. */
    STATEMENT,
    /** One of the listed options. */
    SINGLE_CHOICE,
    /** Agree/disagree on five points (labels are wording {@code <flow>.likert.<point>}). */
    LIKERT,
    /** One of the listed options, by which results are also grouped. */
    GROUPING,
    /** A card text box (never typed chat text, unless the step says it takes typed text). */
    FREE_TEXT,
    /** Statements, each agreed explicitly with its own toggle; refusing ends the flow with nothing kept. */
    CONSENT,
    /** One of the options a live source supplies when the card is shown, checked again on answer. */
    LIVE_CHOICE,
    /** A summary of what will happen (never the person's answers), then submit. Every flow ends with one. */
    CONFIRM;

    /** Whether the step asks a question (and counts in "Question n of m"). */
    public boolean asks() {
        return this == SINGLE_CHOICE || this == LIKERT || this == GROUPING || this == FREE_TEXT || this == LIVE_CHOICE;
    }

    /** Whether its answer is one of a list of option ids. */
    public boolean choosesOption() {
        return this == SINGLE_CHOICE || this == LIKERT || this == GROUPING;
    }
}
