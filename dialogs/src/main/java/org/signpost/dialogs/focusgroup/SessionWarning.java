package org.signpost.dialogs.focusgroup;

/** What See Me in Work asks of every group and a session does not have yet; shown, never blocking. */
public enum SessionWarning {
    FEWER_THAN_TWO_FACILITATORS("focusgroup.warning.facilitators"),
    NO_FIRST_AIDER("focusgroup.warning.firstAider");

    private final String wordingKey;

    SessionWarning(String wordingKey) {
        this.wordingKey = wordingKey;
    }

    public String wordingKey() {
        return wordingKey;
    }
}
