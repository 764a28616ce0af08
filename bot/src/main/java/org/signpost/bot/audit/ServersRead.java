package org.signpost.bot.audit;

import java.util.List;

/**
 * Which Redis servers the audit read: the keys of every master it scanned (a replica holds copies of its
 * master's keys), and the settings of every server it could reach. Counts only: the report never names a
 * server.
 *
 * @param settings        each server's settings, masters and replicas alike
 * @param replicasNotRead replicas the audit knows of but could not read (a Sentinel master's replicas, or one
 *                        server's); -1 when the server would not say how many it has
 */
record ServersRead(List<ServerFacts> settings, long mastersScanned, long replicasRead, long replicasNotRead) {
}
