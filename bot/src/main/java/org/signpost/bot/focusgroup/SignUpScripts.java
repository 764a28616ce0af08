package org.signpost.bot.focusgroup;

/**
 * The sign-up store's atomic steps, in Lua (see {@link RedisFocusGroupStore} for the keys). Every change of
 * places is one script over a session's keys, which share its id as hash tag. Times are epoch milliseconds
 * from the caller's clock.
 */
final class SignUpScripts {

    private SignUpScripts() {
    }

    /**
     * Makes the sign-up keys live no longer than the session's retention period (its {@code deleteAt}, as the
     * app's clock counts, so a moved test clock and Redis agree on the time left): the timer's expiry deletes
     * them then, and Redis would even if no timer ran. KEYS as below.
     */
    static final String KEEP_UNTIL = """
            local function keep_until(now)
              local deleteAt = redis.call('HGET', KEYS[1], 'deleteAt')
              if not deleteAt then return end
              local left = math.max(1, tonumber(deleteAt) - tonumber(now))
              for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], string.format('%d', left)) end
            end
            """;

    /** Gives free places to the waiting list in order; KEYS as below; returns name, record, name, record... */
    static final String FILL = KEEP_UNTIL + """
            local function fill(now)
              local promoted = {}
              if redis.call('HGET', KEYS[1], 'status') ~= 'OPEN' then return promoted end
              if tonumber(now) >= tonumber(redis.call('HGET', KEYS[1], 'starts')) then return promoted end
              local capacity = tonumber(redis.call('HGET', KEYS[1], 'capacity'))
              while redis.call('HLEN', KEYS[2]) < capacity do
                local first = redis.call('LPOP', KEYS[3])
                if not first then break end
                local record = redis.call('HGET', KEYS[4], first)
                redis.call('HDEL', KEYS[4], first)
                if record then
                  redis.call('HSET', KEYS[2], first, record)
                  promoted[#promoted + 1] = first
                  promoted[#promoted + 1] = record
                end
              end
              return promoted
            end
            """;

    /** KEYS: session, seats, queue, waiting. ARGV: person, sealed sign-up, now (ms), '1' to wait if full. */
    static final String SIGN_UP = KEEP_UNTIL + """
            if redis.call('HGET', KEYS[1], 'status') ~= 'OPEN' then return 'NOT_TAKING_SIGN_UPS' end
            if tonumber(ARGV[3]) >= tonumber(redis.call('HGET', KEYS[1], 'starts')) then return 'NOT_TAKING_SIGN_UPS' end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 or redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then
              return 'ALREADY_SIGNED_UP'
            end
            if redis.call('HLEN', KEYS[2]) < tonumber(redis.call('HGET', KEYS[1], 'capacity')) then
              redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
              keep_until(ARGV[3])
              return 'SEATED'
            end
            if ARGV[4] ~= '1' then return 'FULL' end
            redis.call('RPUSH', KEYS[3], ARGV[1])
            redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
            keep_until(ARGV[3])
            return 'WAITING'
            """;

    /** KEYS: session, seats, queue, waiting. ARGV: person, now (ms). */
    static final String WITHDRAW = FILL + """
            if redis.call('HDEL', KEYS[4], ARGV[1]) == 1 then
              redis.call('LREM', KEYS[3], 0, ARGV[1])
              return {'WAITING'}
            end
            if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return {'NONE'} end
            local promoted = fill(ARGV[2])
            keep_until(ARGV[2])
            table.insert(promoted, 1, 'SEATED')
            return promoted
            """;

    /**
     * KEYS: session, seats, queue, waiting. ARGV: details, status, capacity, start (ms), now (ms), end of the
     * retention period (ms). An expired session is never brought back (its sign-ups are gone).
     */
    static final String SAVE = FILL + """
            local stored = redis.call('HGET', KEYS[1], 'status')
            if stored == 'EXPIRED' and ARGV[2] ~= 'EXPIRED' then return {'EXPIRED'} end
            redis.call('HSET', KEYS[1], 'details', ARGV[1], 'status', ARGV[2], 'capacity', ARGV[3], 'starts', ARGV[4],
              'deleteAt', ARGV[6])
            local promoted = fill(ARGV[5])
            keep_until(ARGV[5])
            table.insert(promoted, 1, 'SAVED')
            return promoted
            """;

    /**
     * KEYS as below. ARGV: end of the retention period (ms), now (ms). A session saved before sign-up keys had
     * lifetimes has no {@code deleteAt}: it gets one, and its sign-up keys their lifetime (never on a session
     * deleted meanwhile).
     */
    static final String KEEP_FROM_NOW_ON = KEEP_UNTIL + """
            if redis.call('HEXISTS', KEYS[1], 'details') == 0 then return 0 end
            if redis.call('HSETNX', KEYS[1], 'deleteAt', ARGV[1]) == 0 then return 0 end
            keep_until(ARGV[2])
            return 1
            """;

    /** KEYS: session, seats, queue, waiting. Deletes every sign-up and marks the session expired, once. */
    static final String EXPIRE = """
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status or status == 'EXPIRED' or status == 'DRAFT' then return 0 end
            redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
            redis.call('HSET', KEYS[1], 'status', 'EXPIRED')
            return 1
            """;
}
