-- wrk script for the klines API under load (KlinesLoadFaultTests, `make soak`):
-- a mix of cached and uncached /api/v1/klines requests, batches, an unknown symbol
-- (404) and a bad interval (400); `done` prints every status seen with its count, the
-- socket errors and the latency maximum, one `wrk-*` line each, for the test to parse.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  sent = 0
  math.randomseed(os.time() + #threads)
end

-- 1 hour of 1m candles per miss range, starting 2024-06-01T00:00Z.
local first_range = 1717200000000

function request()
  sent = sent + 1
  local pick = sent % 10
  local path
  if pick < 5 then
    path = "/api/v1/klines?symbol=BTCUSDT&interval=1&limit=200"
  elseif pick < 7 then
    path = string.format("/api/v1/klines?symbol=ETHUSDT&interval=1&start=%d&limit=60",
      first_range + math.random(0, 999) * 3600000)
  elseif pick == 7 then
    path = "/api/v1/klines/batch?symbols=BTCUSDT,ETHUSDT,SOLUSDT&interval=15&limit=100"
  elseif pick == 8 then
    path = "/api/v1/klines?symbol=NOPEUSDT&interval=15"
  else
    path = "/api/v1/klines?symbol=BTCUSDT&interval=7"
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("wrk-status %d %d\n", status, count))
  end
  local errors = summary.errors
  io.write(string.format("wrk-errors connect=%d read=%d write=%d timeout=%d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  io.write(string.format("wrk-requests %d\n", summary.requests))
  io.write(string.format("wrk-latency-max-us %d\n", latency.max))
end
