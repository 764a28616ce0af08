package org.signpost.bot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.signpost.bot.RedisProcesses.Server;
import org.signpost.bot.redis.RedisUrl;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster of three masters without replicas ({@link RedisProcesses}, on loopback) in a temp folder of
 * its own, and a client of it as the bot's: Jedis's cluster client, as the bot's ACL user. Closing it closes the
 * client, stops the nodes and deletes the folder.
 */
public final class ThreeMasterCluster implements AutoCloseable {

    private final Path folder;
    private final RedisProcesses processes;
    private final List<Server> masters = new ArrayList<>();
    private UnifiedJedis client;

    private ThreeMasterCluster(String name) {
        folder = TestRedis.tempFolder(name);
        processes = new RedisProcesses(folder);
    }

    /** Started, its slots shared and every node ready; {@code name} names the temp folder. */
    public static ThreeMasterCluster start(String name) {
        ThreeMasterCluster cluster = new ThreeMasterCluster(name);
        try {
            for (int i = 0; i < 3; i++) {
                cluster.masters.add(cluster.processes.clusterNode("node-" + i));
            }
            cluster.processes.createCluster(cluster.masters, 0);
            cluster.client = RedisUrl.parse("redis-cluster://" + RedisProcesses.BOT_USER + ":"
                    + RedisProcesses.BOT_PASSWORD + "@127.0.0.1:" + cluster.masters.get(0).port()).connect();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** As the bot connects: the cluster client, as the bot's ACL user. */
    public UnifiedJedis client() {
        return client;
    }

    public List<Server> masters() {
        return List.copyOf(masters);
    }

    /** The master that holds the key's slot, as the cluster says now. */
    public Server owner(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        try (UnifiedJedis admin = masters.get(0).admin()) {
            for (Object shard : (List<?>) admin.sendCommand(Protocol.Command.CLUSTER, "SLOTS")) {
                List<?> range = (List<?>) shard;
                long port = (Long) ((List<?>) range.get(2)).get(1);
                if ((Long) range.get(0) <= slot && slot <= (Long) range.get(1)) {
                    return masters.stream().filter(master -> master.port() == port).findFirst().orElseThrow();
                }
            }
        }
        throw new IllegalStateException("No master holds slot " + slot);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        processes.close();
        TestRedis.delete(folder);
    }
}
