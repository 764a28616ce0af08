package org.signpost.dialogs.hrsummary;

import java.util.Optional;
import org.signpost.dialogs.results.RoundReport;

/**
 * Port: the report of the round HR most likely wants (the open one, else the newest), already through
 * disclosure control; asking for it is recorded in the audit log against the HR person.
 */
public interface ResultsSummaries {

    Optional<RoundReport> current(String hrPersonId);
}
