package org.signpost.bot.audit;

import java.util.List;
import java.util.Optional;

/**
 * One Redis server's settings that matter to the promise, each empty when the server would not say (a
 * managed service, or a user without CONFIG or ACL rights). On Redis Cluster each node has its own.
 *
 * @param evictionPolicy maxmemory-policy
 * @param keyspaceEvents notify-keyspace-events
 * @param users          every ACL user with its rules, as ACL LIST gives them
 * @param appUser        the user the app connects as
 * @param external       Redis is run by someone else (REDIS_URL), not embedded in the app
 */
record ServerFacts(Optional<String> evictionPolicy, Optional<String> keyspaceEvents, Optional<List<AclUser>> users,
        String appUser, boolean external) {

    record AclUser(String name, List<String> rules) {
    }
}
