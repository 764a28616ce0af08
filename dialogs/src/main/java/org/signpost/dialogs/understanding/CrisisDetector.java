package org.signpost.dialogs.understanding;

/**
 * Port: whether a message reads like someone in crisis. It favours recall: a missed crisis is worse
 * than an extra card. The text is neither stored nor logged, and a match is recorded against no one.
 */
public interface CrisisDetector {

    boolean isCrisis(String text);
}
