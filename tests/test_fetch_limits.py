"""``fetch`` is bounded as a whole: a deadline, a size cap, https only, unverified entries labelled.

Against a real HTTP server on 127.0.0.1 (plain http is allowed to loopback only, for this), which
trickles, floods and redirects to ftp: and to a plain-http host on purpose.
"""

from __future__ import annotations

import dataclasses
import http.server
import subprocess
import sys
import threading
import time

import pytest

from analyser.catalogue import CatalogueEntry, load_catalogue
from analyser.errors import FetchError
from analyser.fetch import allowed_url, fetch
from conftest import ROOT

BODY = b"%PDF-1.4\n" + b"0" * 3_000_000 + b"\n%%EOF\n"


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/trickle.pdf":  # one byte at a time, well inside any per-read timeout
            self._headers(len(BODY))
            for i in range(60):
                try:
                    self.wfile.write(BODY[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        elif self.path == "/flood.pdf":  # no length announced, more than the cap
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            try:
                self.wfile.write(BODY)
            except OSError:
                pass
            self.close_connection = True
        elif self.path == "/announced.pdf":
            self._headers(len(BODY))
        elif self.path in ("/to-ftp", "/to-http"):
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/code.pdf" if self.path == "/to-ftp"
                             else "http://example.org/code.pdf")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)

    def _headers(self, length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(length))
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _entry(**changes) -> CatalogueEntry:
    return dataclasses.replace(CatalogueEntry(name="t", code="ICU", title="T", filename="t.pdf"), **changes)


def test_a_trickle_ends_at_the_deadline(server, tmp_path):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than 1 s") as err:
        fetch(_entry(), tmp_path, url=f"{server}/trickle.pdf", timeout=5, deadline=1)
    assert time.monotonic() - started < 5  # not the 6 s the trickle would take, nor its 3 MB
    assert "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_a_body_over_the_cap_is_cut_off(server, tmp_path):
    with pytest.raises(FetchError, match="more than 1,000,000 bytes"):
        fetch(_entry(), tmp_path, url=f"{server}/flood.pdf", max_bytes=1_000_000)
    with pytest.raises(FetchError, match="offers 3,000,016 bytes, over the limit of 1,000,000"):
        fetch(_entry(), tmp_path, url=f"{server}/announced.pdf", max_bytes=1_000_000)
    assert list(tmp_path.iterdir()) == []


def test_the_catalogue_size_is_the_cap_when_known(server, tmp_path):
    with pytest.raises(FetchError, match="over the limit of 1,234"):
        fetch(_entry(size=1234), tmp_path, url=f"{server}/announced.pdf")


@pytest.mark.parametrize("path, where", [("/to-ftp", "ftp://"), ("/to-http", "http://example.org")])
def test_redirects_leave_https_only(server, tmp_path, path, where):
    with pytest.raises(FetchError, match="not https") as err:
        fetch(_entry(), tmp_path, url=f"{server}{path}")
    assert where in str(err.value)


@pytest.mark.parametrize("url, ok", [("https://www.ofcom.org.uk/x.pdf", True), ("http://www.ofcom.org.uk/x.pdf", False),
                                     ("ftp://h/x.pdf", False), ("file:///etc/passwd", False),
                                     ("http://127.0.0.1:8/x", True), ("http://localhost/x", True), ("http://[::1]/x", True),
                                     ("https:///x", False), ("javascript:alert(1)", False)])
def test_allowed_addresses(url, ok):
    assert allowed_url(url) is ok


def test_a_plain_http_catalogue_address_is_refused(tmp_path):
    with pytest.raises(FetchError, match="only https"):
        fetch(_entry(urls=("http://www.ofcom.org.uk/x.pdf",)), tmp_path)


def test_entries_without_sha256_and_size_are_listed_as_unverified():
    entries = load_catalogue()
    out = subprocess.run([sys.executable, "-m", "analyser", "fetch", "--list"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120).stdout
    rows = {line.split("|")[1].strip(): line for line in out.splitlines()[2:]}
    for e in entries:
        if e.sample:
            continue
        assert ("UNVERIFIED" in rows[e.name]) is (e.sha256 is None or e.size is None), rows[e.name]
    assert any(not e.verified for e in entries) and any(e.verified and not e.sample for e in entries)
