package org.signpost.bot.audit;

import static org.signpost.bot.audit.Finding.counts;

import java.util.List;
import java.util.Map;

/**
 * The audit's rules about the Redis servers themselves, from the settings and users read off each one: every
 * server read, no eviction, no keyspace notifications, and nobody but the app who may watch every command or
 * subscribe to the counters' notifications.
 */
final class ServerRules {

    private final String prefix;

    ServerRules(String prefix) {
        this.prefix = prefix;
    }

    List<Finding> judge(ServersRead servers) {
        return List.of(serversRead(servers), evictionPolicy(servers), keyspaceNotifications(servers),
                monitorAccess(servers), keyspaceEventAccess(servers));
    }

    /** The keys of every master and the settings of every server were read; replicas not read are counted. */
    private Finding serversRead(ServersRead servers) {
        Map<String, Long> counts = counts("mastersScanned", servers.mastersScanned(), "replicasRead",
                servers.replicasRead(), "replicasNotRead", servers.replicasNotRead());
        return new Finding("servers-read", servers.replicasNotRead() == 0 ? Verdict.PASS : Verdict.NOT_CHECKED, counts);
    }

    private Finding evictionPolicy(ServersRead servers) {
        long evicting = 0;
        long silent = 0;
        for (ServerFacts server : servers.settings()) {
            if (server.evictionPolicy().isEmpty()) {
                silent++;
            } else if (!server.evictionPolicy().get().equals("noeviction")) {
                evicting++;
            }
        }
        return settingFinding("eviction-policy", counts("servers", (long) servers.settings().size(),
                "serversThatMayEvict", evicting, "serversThatWouldNotSay", silent), evicting, silent);
    }

    private Finding keyspaceNotifications(ServersRead servers) {
        long on = 0;
        long silent = 0;
        for (ServerFacts server : servers.settings()) {
            if (server.keyspaceEvents().isEmpty()) {
                silent++;
            } else if (!server.keyspaceEvents().get().isEmpty()) {
                on++;
            }
        }
        return settingFinding("keyspace-notifications", counts("servers", (long) servers.settings().size(),
                "serversWithNotificationsOn", on, "serversThatWouldNotSay", silent), on, silent);
    }

    /** FAIL when any server breaks the rule; otherwise NOT CHECKED when any would not say: never a partial pass. */
    private static Finding settingFinding(String rule, Map<String, Long> counts, long breaking, long silent) {
        Verdict verdict = breaking > 0 ? Verdict.FAIL : silent > 0 ? Verdict.NOT_CHECKED : Verdict.PASS;
        return new Finding(rule, verdict, counts);
    }

    private Finding monitorAccess(ServersRead servers) {
        long others = 0;
        long app = 0;
        long users = 0;
        long silent = 0;
        for (ServerFacts server : servers.settings()) {
            if (server.users().isEmpty()) {
                silent++;
                continue;
            }
            for (ServerFacts.AclUser user : server.users().get()) {
                if (!active(user)) {
                    continue;
                }
                users++;
                if (AclRules.mayRun(user.rules(), "monitor", "admin", "dangerous")) {
                    if (user.name().equals(server.appUser())) {
                        app++;
                    } else {
                        others++;
                    }
                }
            }
        }
        Map<String, Long> counts = counts("servers", (long) servers.settings().size(), "activeUsers", users,
                "otherUsersWhoMayMonitor", others, "serversWhereTheAppUserMayMonitor", app,
                "serversThatWouldNotSay", silent);
        // the embedded Redis has one user, the app's, with a password that exists only in the app's memory
        boolean external = servers.settings().stream().anyMatch(ServerFacts::external);
        Verdict verdict = others > 0 ? Verdict.FAIL : silent > 0 ? Verdict.NOT_CHECKED
                : app > 0 && external ? Verdict.WARN : Verdict.PASS;
        return new Finding("monitor-access", verdict, counts);
    }

    private Finding keyspaceEventAccess(ServersRead servers) {
        long others = 0;
        long silent = 0;
        boolean exposed = false;
        for (ServerFacts server : servers.settings()) {
            if (server.users().isEmpty()) {
                silent++;
                continue;
            }
            long here = 0;
            for (ServerFacts.AclUser user : server.users().get()) {
                if (active(user) && !user.name().equals(server.appUser())
                        && (AclRules.mayRun(user.rules(), "psubscribe", "pubsub")
                                || AclRules.mayRun(user.rules(), "subscribe", "pubsub"))
                        && AclRules.mayUseChannel(user.rules(), "__keyspace@0__:" + prefix + "agg")) {
                    here++;
                }
            }
            others += here;
            exposed |= here > 0 && server.keyspaceEvents().map(events -> !events.isEmpty()).orElse(true);
        }
        Verdict verdict = exposed ? Verdict.FAIL : others > 0 ? Verdict.WARN : silent > 0 ? Verdict.NOT_CHECKED
                : Verdict.PASS;
        return new Finding("keyspace-event-access", verdict, counts("servers", (long) servers.settings().size(),
                "otherUsersWhoMaySubscribe", others, "serversThatWouldNotSay", silent));
    }

    private static boolean active(ServerFacts.AclUser user) {
        return user.rules().contains("on");
    }
}
