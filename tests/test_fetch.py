"""The catalogue and the fetch path, against a real HTTP server on 127.0.0.1.

The server serves the bytes of a real PDF made with reportlab, and misbehaves on purpose on
some paths (wrong length then hang-up, a stall, an HTML page, 404), so that every way a
download can go wrong is seen to leave no file behind and to give one clear error line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import io
import socket
import threading
import time
from pathlib import Path

import pytest

from analyser import catalogue
from analyser.catalogue import CatalogueEntry, available_documents, find_entry, load_catalogue, local_path
from analyser.errors import AnalyserError, FetchError
from analyser.fetch import fetch, fetch_all


def _make_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in range(1, 4):
        pdf.drawString(72, 760, f"Sample code for fetch tests, page {page}")
        pdf.drawString(72, 740, "ICU C9 Hash matching. C9.1 This measure applies to all services." * 2)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


PDF = _make_pdf()
PDF_SHA = hashlib.sha256(PDF).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        type(self).requests.append(self.path)
        if self.path == "/code.pdf":
            self._headers(200, len(PDF))
            for i in range(0, len(PDF), 1000):  # several chunks, as a real server would
                self.wfile.write(PDF[i : i + 1000])
        elif self.path == "/dropped.pdf":
            self._headers(200, len(PDF) * 2)  # promises more than it sends, then hangs up
            self.wfile.write(PDF[: len(PDF) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif self.path == "/no-length.pdf":  # no Content-Length: the body ends when the server hangs up
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            self.wfile.write(PDF[:1200])
            self.close_connection = True
        elif self.path == "/stall.pdf":
            self._headers(200, len(PDF))
            self.wfile.write(PDF[:500])
            self.wfile.flush()
            time.sleep(1.5)
        elif self.path == "/login.html":
            body = b"<html><body>Please sign in</body></html>"
            self._headers(200, len(body), "text/html")
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def _headers(self, status: int, length: int, kind: str = "application/pdf") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def requests():
    _Handler.requests = []
    return _Handler.requests


def _entry(**changes) -> CatalogueEntry:
    base = CatalogueEntry(
        name="test-code",
        code="ICU",
        title="Test code",
        publisher="Ofcom",
        filename="test-code.pdf",
        sha256=PDF_SHA,
        size=len(PDF),
    )
    return dataclasses.replace(base, **changes)


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_is_verified_and_reports_progress(server, tmp_path, requests):
    seen: list[tuple[int, int | None]] = []
    path = fetch(_entry(urls=(f"{server}/code.pdf",)), tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert path == tmp_path / "test-code.pdf"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == PDF_SHA
    assert _left_in(tmp_path) == ["test-code.pdf"]  # no temporary file left beside it
    assert seen[0] == (0, len(PDF)) and seen[-1] == (len(PDF), len(PDF))
    assert len(seen) >= 2 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert requests == ["/code.pdf"]


def test_wrong_checksum_leaves_no_file(server, tmp_path):
    with pytest.raises(FetchError) as err:
        fetch(_entry(sha256="0" * 64), tmp_path, url=f"{server}/code.pdf")
    assert str(err.value).startswith("test-code.pdf: checksum mismatch")
    assert "\n" not in str(err.value)
    assert _left_in(tmp_path) == []


def test_dropped_connection_leaves_no_file(server, tmp_path):
    # Neither the size nor the checksum is known, so only the promised length reveals the loss.
    entry = _entry(sha256=None, size=None)
    with pytest.raises(FetchError) as err:
        fetch(entry, tmp_path, url=f"{server}/dropped.pdf")
    half, promised = len(PDF) // 2, len(PDF) * 2
    assert str(err.value) == (
        f"test-code.pdf: connection dropped after {half:,} of {promised:,} bytes from {server[7:]}"
    )
    assert _left_in(tmp_path) == []


def test_short_body_without_length_is_caught_by_the_catalogued_size(server, tmp_path):
    seen: list[tuple[int, int | None]] = []
    with pytest.raises(FetchError) as err:
        fetch(_entry(), tmp_path, progress=lambda d, t: seen.append((d, t)), url=f"{server}/no-length.pdf")
    assert f"connection dropped after 1,200 of {len(PDF):,} bytes" in str(err.value)
    assert seen[-1] == (1200, len(PDF))  # the progress bar had a total to show even so
    assert _left_in(tmp_path) == []


def test_stalled_server_times_out_and_leaves_no_file(server, tmp_path):
    with pytest.raises(FetchError, match="timed out after 0.3 s"):
        fetch(_entry(), tmp_path, url=f"{server}/stall.pdf", timeout=0.3)
    assert _left_in(tmp_path) == []


def test_not_found_is_one_clear_line(server, tmp_path):
    with pytest.raises(FetchError) as err:
        fetch(_entry(), tmp_path, url=f"{server}/missing.pdf")
    assert str(err.value) == f"test-code.pdf: HTTP 404 Not Found from {server[7:]}"
    assert _left_in(tmp_path) == []


def test_an_html_page_is_not_saved_as_a_pdf(server, tmp_path):
    with pytest.raises(FetchError, match="did not send a PDF"):
        fetch(_entry(sha256=None, size=None), tmp_path, url=f"{server}/login.html")
    assert _left_in(tmp_path) == []


def test_unreachable_host(tmp_path):
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=r"test-code\.pdf: could not reach 127\.0\.0\.1"):
        fetch(_entry(), tmp_path, url=f"http://127.0.0.1:{port}/code.pdf", timeout=2)
    assert _left_in(tmp_path) == []


def test_verified_copy_is_not_downloaded_again(server, tmp_path, requests):
    entry = _entry(urls=(f"{server}/code.pdf",))
    first = fetch(entry, tmp_path)
    mtime = first.stat().st_mtime_ns
    assert fetch(entry, tmp_path) == first
    assert requests == ["/code.pdf"]
    assert first.stat().st_mtime_ns == mtime


def test_damaged_copy_is_replaced(server, tmp_path, requests):
    entry = _entry(urls=(f"{server}/code.pdf",))
    (tmp_path / "test-code.pdf").write_bytes(PDF[:-10])  # e.g. copied in by hand, incomplete
    path = fetch(entry, tmp_path)
    assert path.read_bytes() == PDF
    assert requests == ["/code.pdf"]


def test_second_address_is_tried_when_the_first_fails(server, tmp_path, requests):
    entry = _entry(urls=(f"{server}/missing.pdf", f"{server}/code.pdf"))
    assert fetch(entry, tmp_path).read_bytes() == PDF
    assert requests == ["/missing.pdf", "/code.pdf"]


def test_entry_without_address_explains_itself(tmp_path):
    with pytest.raises(FetchError, match="no download address is known"):
        fetch(_entry(), tmp_path)


def test_default_destination_is_the_data_folder(server, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(tmp_path / "data"))
    path = fetch(_entry(), url=f"{server}/code.pdf")
    assert path == tmp_path / "data" / "codes" / "test-code.pdf" == local_path(_entry())


def test_fetch_all_reports_each_entry(server, tmp_path):
    good = _entry(name="good", filename="good.pdf", urls=(f"{server}/code.pdf",))
    missing = _entry(name="missing", filename="missing.pdf", urls=(f"{server}/missing.pdf",))
    sample = _entry(name="sample", sample=True, path="x.pdf", filename=None)
    calls: list[str] = []
    outcomes = fetch_all(tmp_path, progress=lambda e, d, t: calls.append(e.name), catalogue=[good, missing, sample])
    assert [(o.entry.name, o.path is not None, o.error is not None) for o in outcomes] == [
        ("good", True, False),
        ("missing", False, True),
    ]
    assert "HTTP 404" in str(outcomes[1].error)
    assert "good" in calls
    assert _left_in(tmp_path) == ["good.pdf"]


# --- the catalogue itself ---------------------------------------------------------------------


def test_catalogue_lists_the_four_ofcom_codes_the_sample_and_gpai():
    entries = load_catalogue()
    codes = {e.code for e in entries if not e.sample and not e.external}
    assert codes == {"ICU", "ICS", "PCU", "PCS"}
    assert all(e.publisher == "Ofcom" for e in entries if e.code in codes and not e.sample)
    icu = find_entry("ICU", entries)
    assert icu.name == "icu-2024-12" and icu.url == icu.urls[0]
    assert icu.sha256 == "148485ea3823f7921ec0e800c467bb283964600800c725b1269cadeabf5c64e6"
    assert icu.size == 958545
    assert icu.urls[0].startswith("https://assets.publishing.service.gov.uk/media/6762c7dfff2c870561bde79f/")
    sample = find_entry("icu-sample", entries)
    assert sample.sample and "not official text" in sample.label
    assert local_path(sample) == catalogue.paths.CODES_DIR / "sample" / "icu-sample.pdf"
    # The bundled sample is what the app opens offline: present with nothing fetched.
    assert [d.entry.name for d in available_documents(entries)][:1] == ["icu-sample"]
    gpai = find_entry("gpai", entries)
    assert gpai.external and gpai.urls == ("https://ec.europa.eu/newsroom/dae/redirection/document/118119",)
    # An entry without a known address still says why, for the user who wants it.
    pcs = find_entry("pcs", entries)
    assert not pcs.fetchable and "file name is not known" in pcs.note


def test_unknown_name_finds_nothing_and_the_known_names_are_listed():
    assert find_entry("XYZ") is None
    assert find_entry("icu-sample.pdf") is None
    assert find_entry("Icu-2025-02").name == "icu-2025-02"
    names = catalogue.known_names()
    assert "icu-2024-12" in names and names.endswith("GPAI, ICS, ICU, PCS, PCU")


@pytest.mark.parametrize(
    "bad, cause",
    [
        ('filename = "../../etc/passwd"', "filename must be a plain file name"),
        ('sha256 = "abc"', "sha256 must be 64"),
        ("size = -3", "size must be a positive"),
        ('urls = ["file:///etc/passwd"]', "url 'file:///etc/passwd' is not http"),
        ('colour = "red"', "unknown field"),
    ],
)
def test_malformed_catalogue_entries_are_refused(tmp_path, bad, cause):
    lines = ['name = "x"', 'code = "ICU"', 'title = "T"', 'filename = "x.pdf"']
    key = bad.split(" ")[0]
    lines = [line for line in lines if not line.startswith(key + " ")] + [bad]
    path = tmp_path / "catalogue.toml"
    path.write_text("[[document]]\n" + "\n".join(lines) + "\n")
    with pytest.raises(AnalyserError, match=f"catalogue.toml: document x: {cause}"):
        load_catalogue(path)


def test_available_documents_lists_fetched_copies(server, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSER_DATA_DIR", str(tmp_path))
    sample_dir = tmp_path / "bundle" / "sample"
    sample_dir.mkdir(parents=True)
    (sample_dir / "s.pdf").write_bytes(PDF)
    sample = _entry(name="s", sample=True, path="sample/s.pdf", filename=None, base_dir=tmp_path / "bundle")
    fetched = _entry(name="fetched", filename="fetched.pdf")
    not_fetched = _entry(name="absent", filename="absent.pdf")
    entries = [fetched, not_fetched, sample]
    assert [d.entry.name for d in available_documents(entries)] == ["s"]
    fetch(fetched, url=f"{server}/code.pdf")
    docs = available_documents(entries)
    assert [(d.entry.name, d.path) for d in docs] == [
        ("s", sample_dir / "s.pdf"),
        ("fetched", tmp_path / "codes" / "fetched.pdf"),
    ]
