/// The Lua source of the Redis decision: the same integer arithmetic as
/// ``SlidingWindowCounter`` and ``GCRA``, run atomically in Redis with Redis's own `TIME`,
/// so instances with skewed clocks agree.
///
/// `KEYS[1]` is the key's hash (fields `m`, `c`, `p`: see ``LimiterState``). `ARGV` is
/// algorithm (`s` or `g`), limit, window (µs), cost, burst. It returns
/// `{allowed (0/1), remaining, reset µs, retry µs}` and sets the key to expire once its
/// state no longer matters. Numbers are written with `%.0f`, exact below 2⁵³ (what
/// ``RateLimit`` allows). It only touches `KEYS[1]`, so it runs on Redis Cluster.
public enum RateLimitScript {
    /// The script text (its SHA-1 is what `EVALSHA` names).
    public static let source = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[2])
        local window = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local burst = tonumber(ARGV[5])
        local s = redis.call('HMGET', KEYS[1], 'm', 'c', 'p')
        local mark = tonumber(s[1]) or 0
        local current = tonumber(s[2]) or 0
        local previous = tonumber(s[3]) or 0
        local function n(x) return string.format('%.0f', x) end
        if ARGV[1] == 'g' then
          local emission = math.max(1, math.floor(window / limit))
          local tat = math.max(mark, now)
          local newtat = tat + emission * cost
          local allowat = newtat - emission * burst
          if now >= allowat then
            redis.call('HSET', KEYS[1], 'm', n(newtat))
            redis.call('PEXPIRE', KEYS[1], n(math.max(1, math.ceil((newtat - now) / 1000))))
            return {1, math.min(math.floor((now - allowat) / emission), burst), newtat - now, 0}
          end
          return {0, 0, math.max(tat - now, allowat - now), allowat - now}
        end
        local index = math.floor(now / window)
        if index > mark then
          if index == mark + 1 then previous = current else previous = 0 end
          current = 0
          mark = index
        end
        local elapsed = math.min(math.max(now - mark * window, 0), window - 1)
        local weight = window - elapsed
        local capacity = limit * window
        local used = previous * weight + current * window
        if used + cost * window <= capacity then
          current = current + cost
          used = used + cost * window
          redis.call('HSET', KEYS[1], 'm', n(mark), 'c', n(current), 'p', n(previous))
          redis.call('PEXPIRE', KEYS[1], n(math.max(1, math.ceil(((mark + 2) * window - now) / 1000))))
          return {1, math.floor((capacity - used) / window), weight, 0}
        end
        local retry
        if (current + cost) * window <= capacity and previous > 0 then
          retry = math.max(1, weight - math.floor((capacity - (current + cost) * window) / previous))
        elseif current > 0 then
          retry = math.max(1, weight + math.max(0, window - math.floor((capacity - cost * window) / current)))
        else
          retry = weight + window
        end
        return {0, 0, math.max(weight, retry), retry}
        """
}
