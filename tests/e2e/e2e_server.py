"""A local TLS server that sends a chosen certificate chain and records what the client did.

A completed handshake followed by an HTTP GET means the client trusted the chain; a TLS alert
from the client (unknown_ca, bad_certificate, ...) means it did not. The server listens on
127.0.0.1 on an ephemeral port and stops by itself after `lifetime` seconds at the latest.
"""

import socket
import ssl
import threading
import time

from e2e_util import log


def _response():
    body = b"<html><body>gcatrust e2e: trusted</body></html>"
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)) + body


class ChainServer:
    def __init__(self, chain_pem, key_pem, label, lifetime=60.0):
        self.label = label
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(chain_pem, key_pem)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = "https://127.0.0.1:%d/" % self.port
        self.deadline = time.monotonic() + lifetime
        self.events = []          # (monotonic time, kind, detail)
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self):
        self._thread.start()
        log("server[%s]: listening on %s" % (self.label, self.url))
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        self._stop.set()
        self._thread.join(5)
        try:
            self.sock.close()
        except OSError:
            pass

    # -- recording ------------------------------------------------------------------------------
    def _record(self, kind, detail=""):
        with self._cond:
            self.events.append((time.monotonic(), kind, detail))
            self._cond.notify_all()
        log("server[%s]: %s %s" % (self.label, kind, detail))

    def _serve(self):
        while not self._stop.is_set() and time.monotonic() < self.deadline:
            try:
                conn, _addr = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        conn.settimeout(10)
        try:
            tls = self.ctx.wrap_socket(conn, server_side=True)
        except ssl.SSLError as e:
            self._record("alert" if "ALERT" in (e.reason or "") else "tls-error", e.reason or str(e))
            conn.close()
            return
        except (OSError, EOFError) as e:
            self._record("eof", "before handshake: %s" % e)   # e.g. a speculative connection
            conn.close()
            return
        self._record("handshake", "%s %s" % (tls.version(), tls.cipher()[0]))
        try:
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                data += chunk
            line = data.split(b"\r\n", 1)[0].decode("latin-1")
            if line.startswith("GET "):
                self._record("get", line)
                tls.sendall(_response())
            else:
                self._record("eof", "after handshake, no request (%r)" % line[:60])
        except ssl.SSLError as e:
            self._record("alert" if "ALERT" in (e.reason or "") else "tls-error", e.reason or str(e))
        except OSError as e:
            self._record("eof", "after handshake: %s" % e)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    # -- verdict --------------------------------------------------------------------------------
    def verdict(self, grace=2.0):
        """'trusted' once a GET arrived; 'untrusted' once an alert came and `grace` seconds passed
        without a GET; None while undecided."""
        with self._cond:
            kinds = [(t, k) for t, k, _ in self.events]
        if any(k == "get" for _, k in kinds):
            return "trusted"
        alerts = [t for t, k in kinds if k in ("alert", "tls-error")]
        if alerts and time.monotonic() - alerts[0] >= grace:
            return "untrusted"
        return None

    def alerts(self):
        with self._cond:
            return [d for _, k, d in self.events if k in ("alert", "tls-error")]

    def summary(self):
        with self._cond:
            return ", ".join("%s(%s)" % (k, d) if d else k for _, k, d in self.events) or "no connection"
