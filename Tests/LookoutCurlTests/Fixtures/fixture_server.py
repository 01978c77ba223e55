#!/usr/bin/env python3
"""HTTP fixture server for LookoutCurl's tests.

Binds 127.0.0.1 on a free port, prints "PORT <n>" on stdout, and serves until stdin is
closed (so it never outlives the test process that started it). Every response carries
X-Client-Port (the peer's source port) so tests can tell whether a connection was reused.

Routes:
  /status/<code>        respond with that status and a short body
  /delay/<ms>           sleep, then 200
  /gzip                 a gzip-encoded body when the client accepts gzip
  /badgzip              Content-Encoding: gzip with a body that is not gzip
  /bytes/<n>            n bytes of a deterministic pattern (byte i = i % 251)
  /headers              echo request headers as X-Echo-<name>; two Multi: fields
  /echo                 body = "<METHOD>\n" + request body
  /reset                close the connection with a TCP RST, no response
  /truncated            announce 1000 bytes, send 10, close
  /redirect             302 to /status/200
  absolute-form target  (a proxy request) 200 with X-Proxy-Target: <target>
"""
import gzip
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes

    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        self.send_header("X-Client-Port", str(self.client_address[1]))
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        self.route()

    def do_HEAD(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_DELETE(self):
        self.route()

    def route(self):
        target = self.path
        if target.startswith("http://") or target.startswith("https://"):
            self.send(200, b"proxied", [("X-Proxy-Target", target)])
            return
        parts = target.split("?", 1)[0].strip("/").split("/")
        name, arg = parts[0], (parts[1] if len(parts) > 1 else "")
        if name == "status":
            code = int(arg)
            self.send(code, b"status %d" % code)
        elif name == "delay":
            time.sleep(int(arg) / 1000.0)
            self.send(200, b"slept %s" % arg.encode())
        elif name == "gzip":
            plain = b"hello gzip " * 1000
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                self.send(200, gzip.compress(plain), [("Content-Encoding", "gzip"), ("X-Plain-Length", str(len(plain)))])
            else:
                self.send(406, b"client did not accept gzip")
        elif name == "badgzip":
            self.send(200, b"this is not gzip at all", [("Content-Encoding", "gzip")])
        elif name == "bytes":
            count = int(arg)
            self.send_response(200)
            self.send_header("X-Client-Port", str(self.client_address[1]))
            self.send_header("Content-Length", str(count))
            self.end_headers()
            pattern = bytes(i % 251 for i in range(251 * 256))
            sent = 0
            while sent < count:
                offset = sent % 251
                chunk = pattern[offset:offset + min(count - sent, len(pattern) - offset)]
                self.wfile.write(chunk)
                sent += len(chunk)
        elif name == "headers":
            echoed = [("X-Echo-" + k, v) for k, v in self.headers.items()]
            self.send(200, b"ok", echoed + [("Multi", "one"), ("Multi", "two")])
        elif name == "echo":
            body = self.read_body()
            self.send(200, self.command.encode() + b"\n" + body)
        elif name == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif name == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True
        elif name == "redirect":
            self.send(302, b"", [("Location", "/status/200")])
        else:
            self.send(404, b"no such fixture route: " + target.encode())


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        # Clients that time out or cancel close their end mid-response; that is expected.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # returns at EOF: the test process closed our stdin or exited
    server.shutdown()


if __name__ == "__main__":
    main()
