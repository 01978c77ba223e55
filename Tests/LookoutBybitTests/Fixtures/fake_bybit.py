#!/usr/bin/env python3
"""A tiny fake of Bybit's V5 public market endpoints for LookoutBybit's tests.

Not the project's simulator: just enough behaviour, written from the facts sheet, to drive
the client end to end. Binds 127.0.0.1 on a free port, prints "PORT <n>", serves until
stdin closes.

Market data:
  /v5/market/kline, mark-price-kline, index-price-kline, premium-index-price-kline
      deterministic candles from LAUNCH_MS to now (the last one still open), newest first,
      rows of strings; start/end/limit semantics as observed on Bybit (candle containing
      start included, end inclusive, newest `limit` of the range kept). Symbols starting
      with UNKNOWN get 10001 "Not supported symbols"; symbols starting with QUIET have a
      flat zero-volume candle every fifth interval.
  /v5/market/instruments-info   2,500 linear symbols paged by cursor; 3 spot, no cursor
  /v5/market/time

Test control (per symbol, so parallel tests do not interfere):
  /__script?symbol=S&faults=a,b,c   the next requests for S get these answers, in order:
      10006 | 10006-reset | 10001 | 10016 | 5004-null | 403 | 429 | 500 | 502-html |
      truncated | malformed | slow-<ms> | ok
  /__count?symbol=S                 number of market requests seen for S
  /__log?symbol=S                   their request targets, one per line
"""
import calendar
import datetime
import json
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LAUNCH_MS = 1704067200000  # 2024-01-01T00:00:00Z
MINUTES = {"1": 1, "3": 3, "5": 5, "15": 15, "30": 30, "60": 60, "120": 120, "240": 240, "360": 360, "720": 720}
LOCK = threading.Lock()
FAULTS = {}   # symbol -> [fault, ...]
LOG = {}      # symbol -> [target, ...]
LINEAR = ["SYM%04dUSDT" % i for i in range(2500)]


def now_ms():
    return int(time.time() * 1000)


def candle_start(interval, t):
    """Start of the candle containing t (ms)."""
    if interval in MINUTES or interval == "D":
        length = MINUTES.get(interval, 1440) * 60000
        return t - t % length
    day = datetime.datetime.fromtimestamp(t // 1000, datetime.timezone.utc)
    if interval == "W":  # Monday 00:00 UTC
        monday = (day - datetime.timedelta(days=day.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
        return int(monday.timestamp() * 1000)
    first = day.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return int(first.timestamp() * 1000)


def next_start(interval, t):
    if interval in MINUTES or interval == "D":
        return t + MINUTES.get(interval, 1440) * 60000
    if interval == "W":
        return t + 7 * 86400000
    day = datetime.datetime.fromtimestamp(t // 1000, datetime.timezone.utc)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return calendar.timegm((year, month, 1, 0, 0, 0)) * 1000


def starts_between(interval, low, high):
    """Candle starts s with low <= s <= high, ascending (low already a candle start)."""
    out = []
    s = low
    while s <= high:
        out.append(s)
        s = next_start(interval, s)
    return out


def row(symbol, interval, start, fields):
    seed = zlib.crc32(("%s/%s/%d" % (symbol, interval, start)).encode())
    base = 100 + seed % 9000
    cents = seed % 100
    if symbol.startswith("QUIET") and (start // 60000) % 5 == 0:
        price = "%d.%02d" % (base, cents)
        values = [price, price, price, price, "0", "0"]
    else:
        values = ["%d.%02d" % (base, cents), "%d.%02d" % (base + 3, cents), "%d.%02d" % (base - 2, cents),
                  "%d.%02d" % (base + 1, (cents + 7) % 100), "%d.%03d" % (seed % 500, seed % 1000),
                  "%d.%08d" % (seed % 70000, seed % 100000000)]
    return [str(start)] + values[:fields - 1]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def envelope(self, code, message, result, headers=()):
        self.send(200, {"retCode": code, "retMsg": message, "result": result, "retExtInfo": {}, "time": now_ms()}, headers)

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        path = url.path
        if path == "/__script":
            with LOCK:
                FAULTS.setdefault(query["symbol"], []).extend(f for f in query.get("faults", "").split(",") if f)
            self.send(200, b"ok")
            return
        if path == "/__count":
            with LOCK:
                self.send(200, str(len(LOG.get(query["symbol"], []))).encode())
            return
        if path == "/__log":
            with LOCK:
                self.send(200, "\n".join(LOG.get(query["symbol"], [])).encode())
            return
        symbol = query.get("symbol", "")
        with LOCK:
            LOG.setdefault(symbol, []).append(self.path)
            faults = FAULTS.get(symbol, [])
            fault = faults.pop(0) if faults else "ok"
        if self.inject(fault):
            return
        if path == "/v5/market/time":
            t = now_ms()
            self.envelope(0, "success", {"timeSecond": str(t // 1000), "timeNano": str(t * 1000000)})
        elif path == "/v5/market/instruments-info":
            self.instruments(query)
        elif path in ("/v5/market/kline", "/v5/market/mark-price-kline", "/v5/market/index-price-kline",
                      "/v5/market/premium-index-price-kline"):
            self.klines(query, 7 if path == "/v5/market/kline" else 5)
        else:
            self.send(404, b"<html><body>404 Not Found</body></html>", [("Content-Type", "text/html")])

    def inject(self, fault):
        if fault == "ok":
            return False
        if fault.startswith("slow-"):
            time.sleep(int(fault[5:]) / 1000.0)
            return False
        if fault == "10006":
            self.envelope(10006, "Too many visits. Exceeded the API Rate Limit.", {})
        elif fault == "10006-reset":
            self.envelope(10006, "Too many visits!", {}, [("X-Bapi-Limit-Reset-Timestamp", str(now_ms() + 300))])
        elif fault == "10001":
            self.envelope(10001, "Request parameter error", {})
        elif fault == "10016":
            self.envelope(10016, "Request timeout, please try again later", {})
        elif fault == "5004-null":
            self.envelope(5004, "Server Timeout", None)
        elif fault == "403":
            self.send(403, b"<html><body>403 Forbidden</body></html>", [("Content-Type", "text/html")])
        elif fault == "429":
            self.send(429, b"Too Many Requests")
        elif fault == "500":
            self.send(500, {"error": "internal"})
        elif fault == "502-html":
            self.send(502, b"<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>")
        elif fault == "malformed":
            self.send(200, b'{"retCode":0,"retMsg":"OK","result":{"list":[["1","2"')
        elif fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b'{"retCode":0,"retMsg":"OK","result":{')
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        else:
            self.send(400, ("unknown fault " + fault).encode())
        return True

    def klines(self, query, fields):
        symbol, interval = query.get("symbol", ""), query.get("interval", "")
        if symbol.startswith("UNKNOWN"):
            return self.envelope(10001, "Not supported symbols", {})
        if interval not in MINUTES and interval not in ("D", "W", "M"):
            return self.envelope(10001, "Invalid period!", {})
        limit = int(query.get("limit", "200"))
        if not 1 <= limit <= 1000:
            return self.envelope(10001, "Request parameter error", {})
        now = now_ms()
        first, last = candle_start(interval, LAUNCH_MS), candle_start(interval, now)
        start, end = query.get("start"), query.get("end")
        if start is not None and end is not None:
            low, high = max(first, candle_start(interval, int(start))), min(last, int(end))
            starts = starts_between(interval, low, high)[-limit:] if low <= high else []
        elif start is not None:
            low = max(first, candle_start(interval, int(start)))
            starts = []
            s = low
            while s <= last and len(starts) < limit:
                starts.append(s)
                s = next_start(interval, s)
        else:
            high = min(last, int(end)) if end is not None else last
            low = high
            count = 1
            while count < limit and low > first:
                # step back one candle (fixed intervals step exactly; W/M via candle_start)
                low = candle_start(interval, low - 1)
                count += 1
            starts = starts_between(interval, low, high) if low <= high else []
        rows = [row(symbol, interval, s, fields) for s in reversed(starts)]
        self.envelope(0, "OK", {"symbol": symbol, "category": query.get("category", "linear"), "list": rows})

    def instruments(self, query):
        category = query.get("category", "")
        if category == "spot":
            items = [{"symbol": s, "baseCoin": s[:-4], "quoteCoin": "USDT", "status": "Trading",
                      "priceFilter": {"tickSize": "0.01"}, "lotSizeFilter": {"basePrecision": "0.000001"}}
                     for s in ("BTCUSDT", "ETHUSDT", "XRPUSDT")]
            return self.envelope(0, "OK", {"category": "spot", "list": items})
        limit = int(query.get("limit", "500"))
        offset = 0
        cursor = query.get("cursor", "")
        if cursor:
            # Cursors look like Bybit's: already percent-encoded text, sent back verbatim.
            if not cursor.startswith("first%3D"):
                return self.envelope(10001, "invalid cursor " + cursor, {})
            offset = LINEAR.index(cursor[len("first%3D"):].split("%26")[0])
        page = LINEAR[offset:offset + limit]
        following = LINEAR[offset + limit:offset + 2 * limit]
        next_cursor = ("first%%3D%s%%26last%%3D%s" % (following[0], following[-1])) if following else ""
        items = [{"symbol": s, "contractType": "LinearPerpetual", "status": "Trading", "baseCoin": s[:-4],
                  "quoteCoin": "USDT", "settleCoin": "USDT", "launchTime": str(LAUNCH_MS), "deliveryTime": "0",
                  "priceFilter": {"tickSize": "0.10"}, "lotSizeFilter": {"qtyStep": "0.001", "minOrderQty": "0.001"}}
                 for s in page]
        self.envelope(0, "OK", {"category": category, "list": items, "nextPageCursor": next_cursor})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
