#!/bin/sh
# Streaming `lookout fetch` benchmark (issue 15 target): 3 symbols x 1,000,000 one-minute
# candles from `bybit-sim` (IP limit off, no latency) written to CSV, with the client's
# budget raised to match. Prints peak RSS (target <= 60 MB) and candles/s written
# (target >= 500,000/s). Run from the repository root: `make bench-fetch`.
set -eu
SWIFT=${SWIFT:-swift}
CANDLES=${CANDLES:-1000000}
$SWIFT build -c release --product lookout >/dev/null
$SWIFT build -c release --product bybit-sim >/dev/null
BIN=$($SWIFT build -c release --show-bin-path)
WORK=$(mktemp -d)
"$BIN/bybit-sim" --port 0 --ip-limit off >"$WORK/sim.out" 2>&1 &
SIM=$!
trap 'kill "$SIM" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "$WORK/sim.out" && break; sleep 0.5; done
URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$WORK/sim.out")
FROM=1640995200000                        # 2022-01-01T00:00:00Z
TO=$((FROM + (CANDLES - 1) * 60000))
START=$(date +%s.%N)
/usr/bin/time -v "$BIN/lookout" fetch BTCUSDT ETHUSDT SOLUSDT --interval 1 --from "$FROM" --to "$TO" \
    --base-url "$URL" --budget 100000/5s --concurrency 16 --out "$WORK/candles.csv" 2>"$WORK/fetch.err"
END=$(date +%s.%N)
ROWS=$(($(wc -l <"$WORK/candles.csv") - 1))
RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/fetch.err")
awk -v rows="$ROWS" -v rss="$RSS" -v t0="$START" -v t1="$END" -v want="$((3 * CANDLES))" 'BEGIN {
    secs = t1 - t0; rate = rows / secs; mb = rss / 1024
    printf "lookout fetch, 3 symbols x %d 1m candles to CSV: %d rows in %.2f s\n", want / 3, rows, secs
    printf "candles/s written: %.0f (target >= 500000) %s\n", rate, (rate >= 500000 ? "ok" : "MISSED")
    printf "peak RSS: %.1f MB (target <= 60 MB) %s\n", mb, (mb <= 60 ? "ok" : "MISSED")
    if (rows != want) { printf "INCOMPLETE: %d of %d candles\n", rows, want; exit 1 }
}'
