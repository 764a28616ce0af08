package org.signpost.dialogs.understanding;

/** What a person's words ask for: a capability id, and how sure the recogniser is (0 to 1). */
public record Intent(String id, double confidence) {
}
