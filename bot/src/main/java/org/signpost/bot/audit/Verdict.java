package org.signpost.bot.audit;

/** A rule's result. Only PASS is a pass: anything the audit could not check says so. */
enum Verdict {
    /** the rule holds */
    PASS,
    /** the rule is broken: the promise does not hold */
    FAIL,
    /** the promise holds, but a setting leaves it weaker than it should be */
    WARN,
    /** the audit could not look (a setting it may not read, no data folder or logs given) */
    NOT_CHECKED
}
