package org.signpost.bot.broadcast;

import java.util.List;
import org.signpost.dialogs.kernel.Capability;

/** What announcements add beside their flow: the ambassador's overview and the staff's commands. */
public record AnnouncementCapabilities(List<Capability> all) {

    public AnnouncementCapabilities {
        all = List.copyOf(all);
    }
}
