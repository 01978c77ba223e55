/// The Lua source of the Redis decision: the same integer arithmetic as
/// ``SlidingWindowCounter`` and ``GCRA``, run atomically in Redis with Redis's own `TIME`,
/// so instances with skewed clocks agree.
///
/// `KEYS[1]` is the key's hash: for the sliding window field `b` is the newest
/// sub-window's index and fields `0` to `15` the ring of sub-window counts (see
/// ``LimiterState``); for GCRA field `t` is the theoretical arrival time. `ARGV` is
/// algorithm (`s` or `g`), limit, window (µs), cost, burst, sub-windows and, for tests
/// only, an instant (µs) to use instead of `TIME`. It returns
/// `{allowed (0/1), remaining, reset µs, retry µs}` and sets the key to expire once its
/// state no longer matters. Numbers are written with `%.0f`, exact below 2⁵³ (what
/// ``RateLimit`` allows). It only touches `KEYS[1]`, so it runs on Redis Cluster.
public enum RateLimitScript {
    /// The script text (its SHA-1 is what `EVALSHA` names).
    public static let source = """
        local now
        if ARGV[7] then
          now = tonumber(ARGV[7])
        else
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        end
        local limit = tonumber(ARGV[2])
        local window = tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local function n(x) return string.format('%.0f', x) end
        if ARGV[1] == 'g' then
          local burst = tonumber(ARGV[5])
          local emission = math.max(1, math.floor(window / limit))
          local tat = math.max(tonumber(redis.call('HGET', KEYS[1], 't')) or 0, now)
          local newtat = tat + emission * cost
          local allowat = newtat - emission * burst
          if now >= allowat then
            redis.call('HSET', KEYS[1], 't', n(newtat))
            redis.call('PEXPIRE', KEYS[1], n(math.max(1, math.ceil((newtat - now) / 1000))))
            return {1, math.min(math.floor((now - allowat) / emission), burst), newtat - now, 0}
          end
          return {0, 0, math.max(tat - now, allowat - now), allowat - now}
        end
        local subs = tonumber(ARGV[6])
        local size = window / subs
        local c = {}
        for i = 0, 15 do c[i] = 0 end
        local mark = 0
        local raw = redis.call('HGETALL', KEYS[1])
        for i = 1, #raw, 2 do
          if raw[i] == 'b' then mark = tonumber(raw[i + 1]) or 0
          else
            local slot = tonumber(raw[i])
            if slot and slot >= 0 and slot < 16 then c[slot] = tonumber(raw[i + 1]) or 0 end
          end
        end
        local index = 0
        if now >= 0 then index = math.floor(now / size) end
        local cleared = {}
        if index > mark then
          if index - mark > subs then
            for i = 0, 15 do
              if c[i] ~= 0 then c[i] = 0; cleared[#cleared + 1] = tostring(i) end
            end
          else
            for j = mark - subs, index - subs - 1 do
              local slot = j % 16
              if c[slot] ~= 0 then c[slot] = 0; cleared[#cleared + 1] = tostring(slot) end
            end
          end
          mark = index
        end
        local elapsed = math.min(math.max(now - mark * size, 0), size - 1)
        local weight = size - elapsed
        local capacity = limit * size
        local oldest = c[(mark - subs) % 16]
        local total = 0
        for i = 0, 15 do total = total + c[i] end
        local used = oldest * weight + (total - oldest) * size
        local reset = window - ((mark % subs) * size + elapsed)
        if used + cost * size <= capacity then
          local slot = mark % 16
          c[slot] = c[slot] + cost
          used = used + cost * size
          if #cleared > 0 then redis.call('HDEL', KEYS[1], unpack(cleared)) end
          redis.call('HSET', KEYS[1], 'b', n(mark), tostring(slot), n(c[slot]))
          redis.call('PEXPIRE', KEYS[1], n(math.max(1, math.ceil(((mark + subs + 1) * size - now) / 1000))))
          return {1, math.floor((capacity - used) / size), reset, 0}
        end
        local rest = total - oldest
        local start = 0
        local span = weight
        local retry = nil
        for step = 0, subs do
          local o = c[(mark - subs + step) % 16]
          if (rest + cost) * size <= capacity then
            local wait = 0
            if o ~= 0 then wait = math.max(0, span - math.floor((capacity - (rest + cost) * size) / o)) end
            retry = start + wait
            break
          end
          start = start + span
          span = size
          rest = rest - c[(mark - subs + step + 1) % 16]
        end
        retry = math.max(1, retry or start)
        return {0, 0, math.max(reset, retry), retry}
        """
}
