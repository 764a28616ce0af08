package org.signpost.bot;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.signpost.dialogs.kernel.Role;
import org.signpost.dialogs.kernel.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who has which role in Teams, by Entra object id (comma-separated in an environment variable, e.g.
 * {@code SIGNPOST_ROLES_HR}). Only senders the channel vouches for are matched (a local trial vouches for
 * nobody and matches whatever id the client sends).
 *
 * @param hr          HR: the results summary in Teams
 * @param facilitator focus-group facilitators
 * @param ambassador  mental health ambassadors
 */
@ConfigurationProperties("signpost.roles")
record RolesSettings(@DefaultValue List<String> hr, @DefaultValue List<String> facilitator,
        @DefaultValue List<String> ambassador) {

    /**
     * The roles port over these settings; {@code legacyHr} is the earlier setting
     * {@code SIGNPOST_RESULTS_HR_OBJECT_IDS}, still read.
     */
    Roles roles(List<String> legacyHr) {
        Map<Role, Set<String>> granted = new EnumMap<>(Role.class);
        Set<String> hrIds = new LinkedHashSet<>(hr);
        hrIds.addAll(legacyHr);
        granted.put(Role.HR, normalised(hrIds));
        granted.put(Role.FACILITATOR, normalised(facilitator));
        granted.put(Role.AMBASSADOR, normalised(ambassador));
        return personId -> {
            String id = personId.strip().toLowerCase(Locale.ROOT);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            granted.forEach((role, ids) -> {
                if (ids.contains(id)) {
                    roles.add(role);
                }
            });
            return roles;
        };
    }

    private static Set<String> normalised(Collection<String> ids) {
        Set<String> set = new LinkedHashSet<>();
        ids.stream().map(String::strip).filter(id -> !id.isEmpty()).map(id -> id.toLowerCase(Locale.ROOT)).forEach(set::add);
        return set;
    }
}
