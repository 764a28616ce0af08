package org.signpost.bot.results;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.signpost.dialogs.hrsummary.HrRoles;

/**
 * Who has the HR role in Teams: the Entra object ids configured ({@code signpost.results.hr-object-ids}),
 * in any letter case. A Teams activity names its sender by object id only (no groups), so group ids can
 * grant the role on the pages (sign-in with Entra ID) but not here. One small class, to be swapped for
 * a shared roles port.
 */
final class HrPeople implements HrRoles {

    private final Set<String> objectIds;

    HrPeople(List<String> objectIds) {
        this.objectIds = objectIds.stream().map(HrPeople::normal).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean isHr(String personId) {
        return personId != null && objectIds.contains(normal(personId));
    }

    private static String normal(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }
}
