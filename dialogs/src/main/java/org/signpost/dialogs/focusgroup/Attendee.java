package org.signpost.dialogs.focusgroup;

/** A sign-up with the address of the person who made it. */
public record Attendee(SignUp signUp, Address address) {
}
