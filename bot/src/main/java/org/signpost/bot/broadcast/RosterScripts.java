package org.signpost.bot.broadcast;

/**
 * The team roster pass's atomic steps, in Lua, beside the queue's ({@link QueueScripts}). A tenant's pass
 * is one job ({@code roster}: its owner, lease and the page it reached), serving the broadcasts to everyone
 * that wait for it ({@code roster:serving}); those that start meanwhile wait for the next pass
 * ({@code roster:for}). A waiting broadcast carries {@code roster = 1}, so it is not finished (and keeps the
 * set that stops a conversation being queued twice) until its pass is over.
 */
final class RosterScripts {

    private RosterScripts() {
    }

    /** KEYS meta, for; ARGV id. 1 if the broadcast now waits for a pass, 0 if it is not being queued. */
    static final String HOLD = """
            local v = redis.call('HMGET', KEYS[1], 'state', 'expanded')
            if v[1] ~= 'SENDING' or v[2] == '1' then return 0 end
            redis.call('HSET', KEYS[1], 'roster', '1')
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """;

    /**
     * KEYS job, for, serving; ARGV now, owner, lease. Takes the tenant's pass (a new one if none is under
     * way and a broadcast waits) unless another instance holds its lease. Returns {team, token}: where it
     * resumes (both empty at the start), or nil.
     */
    static final String CLAIM = """
            local now = tonumber(ARGV[1])
            local v = redis.call('HMGET', KEYS[1], 'owner', 'until', 'team', 'token')
            if v[1] and v[1] ~= ARGV[2] and tonumber(v[2] or '0') > now then return false end
            if redis.call('SCARD', KEYS[3]) == 0 then
              redis.call('DEL', KEYS[1])
              if redis.call('SCARD', KEYS[2]) == 0 then return false end
              redis.call('RENAME', KEYS[2], KEYS[3])
              v = {false, false, '', ''}
            end
            redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'until', now + tonumber(ARGV[3]))
            return {v[3] or '', v[4] or ''}
            """;

    /** KEYS job; ARGV owner, now, lease, team, token. The heartbeat: 1, or 0 if another instance took over. */
    static final String RENEW = """
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'until', tonumber(ARGV[2]) + tonumber(ARGV[3]), 'team', ARGV[4],
              'token', ARGV[5])
            return 1
            """;

    /**
     * KEYS for, serving, due; ARGV meta prefix, names... Queues newly reachable conversations for every
     * broadcast waiting for a pass, once each (whoever adds them: a lost claim does not lose a person).
     */
    static final String ADD = QueueScripts.RETENTION + """
            local added = 0
            for _, id in ipairs(redis.call('SUNION', KEYS[1], KEYS[2])) do
              local meta = ARGV[1] .. id
              local v = redis.call('HMGET', meta, 'state', 'sendAt')
              if v[1] == 'SENDING' then
                local n = 0
                for i = 2, #ARGV do
                  if redis.call('SADD', meta .. ':seen', ARGV[i]) == 1 then
                    redis.call('HSET', meta .. ':to', ARGV[i], 0)
                    redis.call('ZADD', KEYS[3], v[2], id .. '|' .. ARGV[i])
                    n = n + 1
                  end
                end
                redis.call('HINCRBY', meta, 'recipients', n)
                keep(meta, meta .. ':seen')
                keep(meta, meta .. ':to')
                added = added + n
              end
            end
            return added
            """;

    /**
     * KEYS job, for, serving; ARGV owner, meta prefix. The pass is over: the broadcasts it served may finish
     * (unless they wait for the next one too). 1, or 0 if another instance took over.
     */
    static final String DONE = QueueScripts.FINISH_IF_DONE + """
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
              if redis.call('SISMEMBER', KEYS[2], id) == 0 then
                local meta = ARGV[2] .. id
                redis.call('HDEL', meta, 'roster')
                if redis.call('HGET', meta, 'expanded') == '1' then redis.call('DEL', meta .. ':seen') end
                finish_if_done(meta)
              end
            end
            redis.call('DEL', KEYS[3], KEYS[1])
            return 1
            """;

    /** KEYS job; ARGV owner. An instance stopping lets another take the pass over at once, where it was. */
    static final String RELEASE = """
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then redis.call('HSET', KEYS[1], 'until', 0) end
            return 1
            """;
}
