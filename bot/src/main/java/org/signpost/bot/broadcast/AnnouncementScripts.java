package org.signpost.bot.broadcast;

/**
 * The delivery queue's atomic steps for an announcement's record, in Lua, beside those of its messages
 * ({@link QueueScripts}, whose shared functions these use): scheduling it, queueing its recipients, cancelling
 * it, and holding it to its retention. Every key of a tenant shares one hash tag. Times are epoch milliseconds
 * from the caller's clock.
 */
final class AnnouncementScripts {

    private AnnouncementScripts() {
    }

    /**
     * KEYS meta, scheduled, all, until; ARGV message, everyone, channels, sendAt, now, id, text (the author's own
     * words, kept in the broadcast's record only when there are any, so they go with it), deleteAt (the end
     * of the record's retention: its Redis lifetime is what is left until then). {@code until} is the earliest
     * end of retention of the tenant's records, and lives until then too (gone, the next pass looks again).
     */
    static final String SCHEDULE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'message', ARGV[1], 'everyone', ARGV[2], 'channels', ARGV[3],
              'sendAt', ARGV[4], 'created', ARGV[5], 'state', 'SCHEDULED', 'cursor', '', 'expanded', '0',
              'recipients', 0, 'delivered', 0, 'failed', 0, 'gone', 0, 'unknown', 0, 'cancelled', 0, 'optedOut', 0,
              'deleteAt', ARGV[8])
            if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'text', ARGV[7]) end
            redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[8]) - tonumber(ARGV[5])))
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[6])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
            local ends = tonumber(ARGV[8])
            if ends < tonumber(redis.call('GET', KEYS[4]) or ends + 1) then
              redis.call('SET', KEYS[4], ends, 'PX', math.max(1, ends - tonumber(ARGV[5])))
            end
            return 1
            """;

    /**
     * KEYS scheduled; ARGV meta prefix, now, owner, lease. Returns {id, cursor} or nil. A broadcast past its
     * retention that was never queued goes now, record and all.
     */
    static final String CLAIM_EXPANSION = QueueScripts.LIVE + """
            local now = tonumber(ARGV[2])
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
              local meta = ARGV[1] .. id
              if not live(meta, now) then
                redis.call('ZREM', KEYS[1], id)
                redis.call('DEL', meta, meta .. ':to', meta .. ':seen')
              end
              local v = redis.call('HMGET', meta, 'state', 'expanded', 'expUntil', 'cursor')
              if v[1] == 'SCHEDULED' or (v[1] == 'SENDING' and v[2] ~= '1' and tonumber(v[3] or '0') <= now) then
                redis.call('HSET', meta, 'state', 'SENDING', 'expOwner', ARGV[3], 'expUntil', now + tonumber(ARGV[4]))
                return {id, v[4] or ''}
              end
            end
            return false
            """;

    /**
     * KEYS meta, to, seen, due, scheduled; ARGV id, owner, now, lease, next, last, optedOut, names...
     * Returns 1, or 0 if the claim was lost.
     */
    static final String ADD_RECIPIENTS = QueueScripts.FINISH_IF_DONE + """
            local v = redis.call('HMGET', KEYS[1], 'state', 'expanded', 'expOwner', 'sendAt')
            if v[1] ~= 'SENDING' or v[2] == '1' or v[3] ~= ARGV[2] then return 0 end
            local added = 0
            for i = 8, #ARGV do
              local name = ARGV[i]
              if redis.call('SADD', KEYS[3], name) == 1 then
                redis.call('HSET', KEYS[2], name, 0)
                redis.call('ZADD', KEYS[4], v[4], ARGV[1] .. '|' .. name)
                added = added + 1
              end
            end
            redis.call('HINCRBY', KEYS[1], 'recipients', added)
            redis.call('HINCRBY', KEYS[1], 'optedOut', ARGV[7])
            keep(KEYS[1], KEYS[2])
            keep(KEYS[1], KEYS[3])
            redis.call('HSET', KEYS[1], 'cursor', ARGV[5], 'expUntil', tonumber(ARGV[3]) + tonumber(ARGV[4]))
            if ARGV[6] == '1' then
              redis.call('HSET', KEYS[1], 'expanded', '1')
              redis.call('HDEL', KEYS[1], 'expOwner', 'expUntil')
              -- who was queued is kept only while the queue needs it (a roster pass may still add)
              if redis.call('HGET', KEYS[1], 'roster') ~= '1' then redis.call('DEL', KEYS[3]) end
              redis.call('ZREM', KEYS[5], ARGV[1])
              finish_if_done(KEYS[1])
            end
            return 1
            """;

    /**
     * KEYS all, scheduled, due, leases, owners, busy, until; ARGV meta prefix, now, retention. Every record of the
     * tenant lives until its {@code deleteAt}: one saved before records had a lifetime gets its own (its time to
     * send plus the retention), a key of it without a Redis lifetime gets one, and a record past its end goes now,
     * with its place in the list and everything of it still queued (waiting to be queued, messages due or in
     * flight). {@code until} becomes the earliest end of those kept (none: deleted). Returns the ids of the records
     * deleted (or found gone).
     */
    static final String KEEP_FOR_RETENTION = """
            local now = tonumber(ARGV[2])
            local gone = {}
            local earliest
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local meta = ARGV[1] .. id
              local v = redis.call('HMGET', meta, 'deleteAt', 'sendAt', 'created')
              local at = tonumber(v[1] or '')
              if not at and (v[2] or v[3]) then
                at = math.max(tonumber(v[2] or '0'), tonumber(v[3] or '0')) + tonumber(ARGV[3])
                redis.call('HSET', meta, 'deleteAt', at)
              end
              if not at or at <= now then
                redis.call('DEL', meta, meta .. ':to', meta .. ':seen')
                redis.call('ZREM', KEYS[1], id)
                redis.call('ZREM', KEYS[2], id)
                table.insert(gone, id)
              else
                for _, key in ipairs({meta, meta .. ':to', meta .. ':seen'}) do
                  if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, at - now) end
                end
                if not earliest or at < earliest then earliest = at end
              end
            end
            if earliest then
              redis.call('SET', KEYS[7], earliest, 'PX', math.max(1, earliest - now))
            else
              redis.call('DEL', KEYS[7])
            end
            if #gone > 0 then
              local dropped = {}
              for _, id in ipairs(gone) do dropped[id] = true end
              local function of_gone(member)
                local bar = string.find(member, '|', 1, true)
                return bar and dropped[string.sub(member, 1, bar - 1)]
              end
              for _, queue in ipairs({KEYS[3], KEYS[4]}) do
                local cursor = '0'
                repeat
                  local page = redis.call('ZSCAN', queue, cursor, 'COUNT', 1000)
                  cursor = page[1]
                  for i = 1, #page[2], 2 do
                    local member = page[2][i]
                    if of_gone(member) then
                      redis.call('ZREM', queue, member)
                      redis.call('HDEL', KEYS[5], member)
                      local r = string.sub(member, string.find(member, '|', 1, true) + 1)
                      if redis.call('HGET', KEYS[6], r) == member then redis.call('HDEL', KEYS[6], r) end
                    end
                  end
                until cursor == '0'
              end
            end
            return gone
            """;

    /**
     * KEYS scheduled, due, leases, all, until; ARGV now. A tenant at the dispatcher's pass: {whether anything is
     * queued (waiting to be queued, due or in flight), whether a record it keeps is past its retention (or kept
     * with no end known yet: saved by an earlier version), whether it keeps any record}.
     */
    static final String LOOK = """
            local queued = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3])
            local kept = redis.call('EXISTS', KEYS[4])
            local ends = tonumber(redis.call('GET', KEYS[5]) or '0')
            local ended = kept == 1 and ends <= tonumber(ARGV[1])
            return {queued > 0 and 1 or 0, ended and 1 or 0, kept}
            """;

    /** KEYS meta, to, due, scheduled, seen; ARGV id. Returns 1, or 0 if it was over already. */
    static final String CANCEL = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if state ~= 'SCHEDULED' and state ~= 'SENDING' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'CANCELLED')
            local cancelled = 0
            for _, r in ipairs(redis.call('HKEYS', KEYS[2])) do
              if redis.call('ZREM', KEYS[3], ARGV[1] .. '|' .. r) == 1 then
                redis.call('HDEL', KEYS[2], r)
                cancelled = cancelled + 1
              end
            end
            redis.call('HINCRBY', KEYS[1], 'cancelled', cancelled)
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('DEL', KEYS[5])
            return 1
            """;
}
