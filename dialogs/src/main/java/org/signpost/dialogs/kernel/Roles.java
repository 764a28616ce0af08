package org.signpost.dialogs.kernel;

import java.util.Set;

/** Port: the roles configuration grants a person, by Entra object id (empty for everyone else). */
public interface Roles {

    Set<Role> of(String personId);

    static Roles none() {
        return personId -> Set.of();
    }
}
