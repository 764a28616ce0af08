package org.signpost.dialogs.hrsummary;

/** Port: whether a person (by Entra object id) has the HR role, as configured. */
public interface HrRoles {

    boolean isHr(String personId);
}
