package org.signpost.dialogs.announcement;

import java.util.List;

/** Port: the team channels Signpost was added to in a tenant, by the keyed names the delivery queue knows. */
@FunctionalInterface
public interface Channels {

    List<String> of(String tenant);
}
