package org.signpost.bot.broadcast;

/**
 * The delivery queue's atomic steps for its messages, in Lua (see {@code DeliveryQueue} in dialogs for the
 * rules, and its in-memory reading that the same contract test runs against): claiming what is due, the rate
 * window, settling and retrying. Here too are the Lua functions that the steps of an announcement's record
 * ({@link AnnouncementScripts}) and of the roster pass ({@link RosterScripts}) share with these. Every key of a
 * tenant shares one hash tag. Times are epoch milliseconds from the caller's clock.
 */
final class QueueScripts {

    private QueueScripts() {
    }

    /**
     * An announcement's record lives until its {@code deleteAt} (its time to send plus the retention, on the
     * app's clock), and so do its recipient sets: {@code keep} gives a key what is left of the record's
     * lifetime. A write to a record that is gone writes nothing ({@code count}), so no record comes back
     * without its lifetime.
     */
    static final String RETENTION = """
            local function keep(meta, key)
              local left = redis.call('PTTL', meta)
              if left > 0 then redis.call('PEXPIRE', key, left) end
            end
            local function count(meta, field, n)
              if redis.call('EXISTS', meta) == 1 then redis.call('HINCRBY', meta, field, n) end
            end
            """;

    /**
     * Gives a key a lifetime reaching at least {@code ends} on the caller's clock, never shortening the one it
     * has (Redis 6.2 has no {@code PEXPIRE ... GT}): the rate window outlives its last use by no more than that.
     */
    static final String HOLD = """
            local function hold(key, ends, now)
              local left = ends - now
              if left > 0 and left > redis.call('PTTL', key) then redis.call('PEXPIRE', key, left) end
            end
            """;

    /**
     * Settled once every queued message is: delivered, failed, gone, unknown or cancelled; not while a team
     * roster pass may still add recipients ({@code roster}, see {@link RosterScripts}).
     */
    static final String FINISH_IF_DONE = RETENTION + """
            local function finish_if_done(meta)
              local v = redis.call('HMGET', meta, 'state', 'expanded', 'recipients', 'delivered', 'failed',
                'gone', 'unknown', 'cancelled', 'roster')
              if v[1] == 'SENDING' and v[2] == '1' and v[9] ~= '1' then
                local settled = 0
                for i = 4, 8 do settled = settled + tonumber(v[i] or '0') end
                if tonumber(v[3] or '0') - settled <= 0 then redis.call('HSET', meta, 'state', 'DONE') end
              end
            end
            local function split(id)
              local bar = string.find(id, '|', 1, true)
              return string.sub(id, 1, bar - 1), string.sub(id, bar + 1)
            end
            """;

    /**
     * Whether a broadcast's record is still there and within its retention on the app's clock ({@code deleteAt}):
     * what is queued for one that is not is dropped, never sent, and never left behind.
     */
    static final String LIVE = """
            local function live(meta, now)
              local v = redis.call('HMGET', meta, 'state', 'deleteAt')
              local at = tonumber(v[2] or '')
              return v[1] ~= false and not (at and at <= now)
            end
            """;

    /**
     * KEYS due, leases, owners, busy, slots, pause; ARGV now, owner, lease, max, rate, window, meta prefix.
     * Returns {wake or -1, broadcast id, recipient, attempts, ...}. A message of a broadcast past its retention is
     * dropped from the queue, not claimed. Each claim reserves a place in the
     * tenant's window (slots: a digest per attempt, never the recipient's name, scored with its time), which {@link #PERMIT} moves to
     * the moment of the post. A pause that has ended is deleted here.
     */
    static final String CLAIM = FINISH_IF_DONE + LIVE + HOLD + """
            local now = tonumber(ARGV[1])
            local rate = tonumber(ARGV[5])
            local window = tonumber(ARGV[6])
            -- leases that ran out: their instance stopped mid-send; the message may have arrived
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
              local bid, r = split(id)
              redis.call('ZREM', KEYS[2], id)
              redis.call('HDEL', KEYS[3], id)
              if redis.call('HGET', KEYS[4], r) == id then redis.call('HDEL', KEYS[4], r) end
              local meta = ARGV[7] .. bid
              redis.call('HDEL', meta .. ':to', r)
              count(meta, 'unknown', 1)
              finish_if_done(meta)
            end
            local claimed = {}
            local paused_until = tonumber(redis.call('GET', KEYS[6]) or '0')
            local paused = paused_until > now
            if paused_until > 0 and not paused then redis.call('DEL', KEYS[6]) end
            local in_window = 0
            if not paused then
              redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - window)
              in_window = redis.call('ZCARD', KEYS[5])
              local room = math.min(rate - in_window, tonumber(ARGV[4]))
              if room > 0 then
                local alive = {}
                for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, room + 200)) do
                  if #claimed >= room * 3 then break end
                  local bid, r = split(id)
                  if alive[bid] == nil then alive[bid] = live(ARGV[7] .. bid, now) end
                  if not alive[bid] then
                    -- its broadcast is past its retention: dropped, without a place in the window
                    redis.call('ZREM', KEYS[1], id)
                  elseif redis.call('HEXISTS', KEYS[4], r) == 0 then
                    redis.call('ZREM', KEYS[1], id)
                    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), id)
                    redis.call('HSET', KEYS[3], id, ARGV[2])
                    redis.call('HSET', KEYS[4], r, id)
                    local attempts = redis.call('HGET', ARGV[7] .. bid .. ':to', r) or '0'
                    redis.call('ZADD', KEYS[5], now, redis.sha1hex(id .. '|' .. attempts))
                    in_window = in_window + 1
                    table.insert(claimed, bid)
                    table.insert(claimed, r)
                    table.insert(claimed, attempts)
                  end
                end
                if #claimed > 0 then hold(KEYS[5], now + window, now) end
              end
            end
            local wake = -1
            local function earlier(t) if wake < 0 or t < wake then wake = t end end
            local lease = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            if #lease > 0 then earlier(tonumber(lease[2])) end
            local due = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if #due > 0 then
              local first = tonumber(due[2])
              if paused then earlier(math.max(first, paused_until))
              elseif first > now then earlier(first)
              elseif in_window >= rate then
                earlier(tonumber(redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')[2]) + window)
              end
            end
            table.insert(claimed, 1, wake)
            return claimed
            """;

    /**
     * Just before a post: KEYS slots, pause, owners; ARGV now, window, rate, id, attempts, owner, lease.
     * The attempt's reserved place (or, if it expired while the instance stalled, a free one) is held as in
     * flight (until the lease ends) and stamped with the answer's time when the message settles, so it
     * counts until a window after the post reached the connector, however long the post took (at most the lease:
     * the window's key lives that long after its last place). Returns 1, or 0 (do not post) if the tenant is
     * paused, the lease is lost, or the window is full.
     */
    static final String PERMIT = HOLD + """
            local now = tonumber(ARGV[1])
            if redis.call('HGET', KEYS[3], ARGV[4]) ~= ARGV[6] then return 0 end
            if tonumber(redis.call('GET', KEYS[2]) or '0') > now then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
            local member = redis.sha1hex(ARGV[4] .. '|' .. ARGV[5])
            if redis.call('ZSCORE', KEYS[1], member) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[7]), member)
              hold(KEYS[1], now + tonumber(ARGV[7]) + tonumber(ARGV[2]), now)
              return 1
            end
            return 0
            """;

    /**
     * A place in the tenant's window for a call that is not a message (a roster page, a new conversation):
     * KEYS slots, pause; ARGV now, window, rate, member, lease (one call lasts no longer). 1 if taken, else 0.
     */
    static final String CALL_SLOT = HOLD + """
            local now = tonumber(ARGV[1])
            if tonumber(redis.call('GET', KEYS[2]) or '0') > now then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], now, ARGV[4])
              hold(KEYS[1], now + tonumber(ARGV[5]) + tonumber(ARGV[2]), now)
              return 1
            end
            return 0
            """;

    /** Stamps an attempt's place in the window with the time of its answer (KEYS[slots]; ARGV id, attempts, now). */
    private static final String ANSWERED = """
            local function answered(slots, id, attempts, now)
              redis.call('ZADD', slots, 'XX', now, redis.sha1hex(id .. '|' .. attempts))
            end
            """;

    /**
     * KEYS leases, owners, busy, meta, to, slots; ARGV id, owner, recipient, counter, attempts, now. Returns 1,
     * or 0 if not the owner.
     */
    static final String SETTLE = FINISH_IF_DONE + ANSWERED + """
            if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
            answered(KEYS[6], ARGV[1], ARGV[5], ARGV[6])
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[3])
            redis.call('HDEL', KEYS[5], ARGV[3])
            count(KEYS[4], ARGV[4], 1)
            finish_if_done(KEYS[4])
            return 1
            """;

    /**
     * KEYS leases, owners, busy, meta, to, due, pause, slots; ARGV id, owner, recipient, at, pause until (or
     * -1), attempts, now. The pause is kept only until it ends.
     */
    static final String RETRY = FINISH_IF_DONE + ANSWERED + """
            if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
            answered(KEYS[8], ARGV[1], ARGV[6], ARGV[7])
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[3])
            if redis.call('HGET', KEYS[4], 'state') == 'CANCELLED' then
              redis.call('HDEL', KEYS[5], ARGV[3])
              count(KEYS[4], 'cancelled', 1)
              return 1
            end
            redis.call('HINCRBY', KEYS[5], ARGV[3], 1)
            keep(KEYS[4], KEYS[5])
            redis.call('ZADD', KEYS[6], ARGV[4], ARGV[1])
            local pause = tonumber(ARGV[5])
            if pause > tonumber(redis.call('GET', KEYS[7]) or '0') then
              redis.call('SET', KEYS[7], pause, 'PX', math.max(1, pause - tonumber(ARGV[7])))
            end
            return 1
            """;
}
