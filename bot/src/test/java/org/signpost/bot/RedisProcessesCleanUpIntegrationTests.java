package org.signpost.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.UnifiedJedis;

/** Real redis-server processes leave nothing behind once stopped: what they wrote is deleted after them. */
@EnabledIf(value = "org.signpost.bot.RedisProcesses#installed",
        disabledReason = "SKIPPED: redis-server (Redis 7) is not installed; .ci/run installs it")
class RedisProcessesCleanUpIntegrationTests {

    @Test
    void aStoppedServersFolderIsDeletedAndWhatTheCallerKeptThereIsNot() throws IOException {
        Path folder = TestRedis.tempFolder("signpost-clean-up");
        try {
            Path callers = Files.writeString(folder.resolve("callers.txt"), "the test's own");
            Path written;
            try (RedisProcesses processes = new RedisProcesses(folder)) {
                RedisProcesses.Server server = processes.redis("node");
                try (UnifiedJedis admin = server.admin()) {
                    admin.set("signpost:k", "v");
                }
                written = server.log().getParent();
                assertThat(written.resolve("appendonlydir")).isDirectory();
            }
            assertThat(written).doesNotExist();
            assertThat(callers).hasContent("the test's own");
        } finally {
            TestRedis.delete(folder);
        }
    }

    @Test
    void aClusterOfThreeMastersLeavesNoFolder() {
        Path folder;
        try (ThreeMasterCluster cluster = ThreeMasterCluster.start("signpost-clean-up-cluster")) {
            cluster.client().set("signpost:k", "v");
            folder = cluster.masters().get(0).log().getParent().getParent();
            assertThat(folder.resolve("cluster-create.log")).isRegularFile();
        }
        assertThat(folder).doesNotExist();
    }
}
