package org.signpost.dialogs.content;

/**
 * Content that cannot be used (a broken survey, wording or support file), named with its problem so the
 * operator can fix it; start-up stops rather than break a conversation later. The message names only
 * content files and their keys, never anything a person sent.
 */
public final class ContentException extends RuntimeException {

    public ContentException(String message) {
        super(message);
    }
}
