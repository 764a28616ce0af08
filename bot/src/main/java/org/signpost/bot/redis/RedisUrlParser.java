package org.signpost.bot.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.signpost.bot.redis.RedisUrl.Mode;
import redis.clients.jedis.HostAndPort;

/**
 * Reads REDIS_URL's text, in the shapes {@link RedisUrl} lists, into its parts: the scheme's mode and TLS, the
 * user and password (URL-encoded), the hosts, and the database or the Sentinel master and its own user.
 */
final class RedisUrlParser {

    private RedisUrlParser() {
    }

    static RedisUrl parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid("it has no scheme such as redis://");
        }
        String scheme = url.substring(0, schemeEnd);
        boolean tls = scheme.startsWith("rediss");
        Mode mode = switch (scheme) {
            case "redis", "rediss" -> Mode.STANDALONE;
            case "redis-cluster", "rediss-cluster" -> Mode.CLUSTER;
            case "redis-sentinel", "rediss-sentinel" -> Mode.SENTINEL;
            default -> throw invalid("the scheme must be redis, redis-cluster or redis-sentinel (with an s for TLS)");
        };
        String rest = url.substring(schemeEnd + 3);
        String query = "";
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        int pathStart = rest.indexOf('/');
        String path = pathStart < 0 ? "" : rest.substring(pathStart + 1);
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (colon < 0) {
                // redis://secret@host: a password alone, as Redis clients commonly read it
                password = user;
                user = null;
            }
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        List<HostAndPort> nodes = new ArrayList<>();
        for (String node : authority.split(",")) {
            if (!node.isBlank()) {
                nodes.add(hostAndPort(node.strip(), mode == Mode.SENTINEL ? 26379 : 6379));
            }
        }
        if (nodes.isEmpty()) {
            throw invalid("it names no host");
        }
        if (mode == Mode.STANDALONE && nodes.size() > 1) {
            throw invalid("several hosts need redis-cluster:// or redis-sentinel://");
        }
        Map<String, String> parameters = parameters(query);
        String masterName = null;
        int database = 0;
        if (mode == Mode.SENTINEL) {
            masterName = path.isBlank() ? null : decode(path);
            if (masterName == null) {
                throw invalid("a Sentinel URL ends with the master's name: redis-sentinel://host:26379/mymaster");
            }
        } else if (!path.isBlank()) {
            if (mode == Mode.CLUSTER) {
                throw invalid("Redis Cluster has only database 0");
            }
            try {
                database = Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw invalid("the path must be a database number");
            }
        }
        for (String name : parameters.keySet()) {
            if (mode != Mode.SENTINEL || !Set.of("sentinel-user", "sentinel-password").contains(name)) {
                throw invalid("unknown parameter " + name);
            }
        }
        return new RedisUrl(mode, tls, List.copyOf(nodes), user, password, database, masterName,
                parameters.get("sentinel-user"), parameters.get("sentinel-password"));
    }

    private static HostAndPort hostAndPort(String node, int defaultPort) {
        String host;
        String port;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0) {
                throw invalid("an IPv6 address is not closed with ]");
            }
            host = node.substring(1, close);
            port = node.length() > close + 1 && node.charAt(close + 1) == ':' ? node.substring(close + 2) : "";
        } else {
            int colon = node.lastIndexOf(':');
            host = colon < 0 ? node : node.substring(0, colon);
            port = colon < 0 ? "" : node.substring(colon + 1);
        }
        try {
            return new HostAndPort(host, port.isEmpty() ? defaultPort : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw invalid("a port is not a number");
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            parameters.put(decode(equals < 0 ? pair : pair.substring(0, equals)),
                    equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return parameters;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The message never repeats the URL, which holds the password. */
    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("REDIS_URL is not a Redis URL: " + why);
    }}
