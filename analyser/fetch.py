"""Download catalogued documents safely: verified, atomic, never half-written.

A policy officer may fetch a code over a poor connection; what lands in the data folder must be
either the whole, verified file or nothing. So the bytes go to a temporary file in the same
folder, are checked (length, sha256 and size where the catalogue knows them, and that the file is
a PDF at all), and only then are moved into place with ``os.replace``, which is atomic on one
file system. Any failure removes the temporary file and raises ``FetchError`` with one line.

Only the standard library is used (``urllib``), so fetching needs nothing beyond Python.

A download is bounded as a whole, not only per read: an overall ``deadline`` (a server trickling
one byte every two seconds never trips a per-read timeout), and a size cap (the catalogue's size
where it is recorded, else the 50 MB the analyser accepts at all). Only https is followed,
redirects included; plain http only to this machine (the tests' local server).
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import os
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .catalogue import CatalogueEntry, load_catalogue, local_path
from .errors import FetchError

Progress = Callable[[int, int | None], None]  # (bytes done, total bytes or None if unknown)
CHUNK = 64 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds one read may wait
DEFAULT_DEADLINE = 600.0  # seconds a whole download may take
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # as pdfcheck: a bigger file could not be analysed anyway
USER_AGENT = f"cop-analyser/{__version__} (+python urllib)"


@dataclass
class FetchOutcome:
    """What ``fetch_all`` did for one entry: a path on success, the error otherwise."""

    entry: CatalogueEntry
    path: Path | None = None
    error: FetchError | None = None


def fetch(
    entry: CatalogueEntry,
    dest_dir: str | Path | None = None,
    progress: Progress | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    url: str | None = None,
    force: bool = False,
    deadline: float = DEFAULT_DEADLINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Path:
    """Download ``entry`` into ``dest_dir`` (default: ``data_dir()/codes``) and return its path.

    ``url`` replaces the catalogue's addresses (tests point it at a local server). A copy already
    present that passes verification is returned without any network access unless ``force``.
    A bundled sample is never downloaded: its bundled path is returned.
    """
    if entry.sample:
        return local_path(entry)
    target_dir = Path(dest_dir) if dest_dir is not None else local_path(entry).parent
    target = target_dir / str(entry.filename)
    urls = [url] if url else list(entry.urls)
    if not urls:
        raise FetchError(target, "no download address is known for this document (see its catalogue note)")
    if not force and target.exists():
        try:
            _verify_file(target, entry)
            return target
        except FetchError:
            pass  # a stale or damaged copy: download it again, replacing it only once verified
    target_dir.mkdir(parents=True, exist_ok=True)
    errors: list[FetchError] = []
    for address in urls:
        try:
            _download(address, target, entry, progress, timeout,
                      _Limits(time.monotonic() + deadline, deadline, entry.size or max_bytes))
            return target
        except FetchError as err:
            errors.append(err)
    if len(errors) == 1:
        raise errors[0]
    raise FetchError(target, "every address failed: " + "; ".join(e.cause for e in errors))


def fetch_all(
    dest_dir: str | Path | None = None,
    progress: Callable[[CatalogueEntry, int, int | None], None] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    catalogue: list[CatalogueEntry] | None = None,
) -> list[FetchOutcome]:
    """Fetch every official entry; one failure does not stop the others.

    Entries with no known address are reported with an error rather than silently skipped, so
    the user sees which codes must be downloaded by hand.
    """
    entries = load_catalogue() if catalogue is None else catalogue
    outcomes = []
    for entry in entries:
        if entry.sample:
            continue
        bound = (lambda done, total, e=entry: progress(e, done, total)) if progress else None
        try:
            outcomes.append(FetchOutcome(entry, path=fetch(entry, dest_dir, bound, timeout)))
        except FetchError as err:
            outcomes.append(FetchOutcome(entry, error=err))
    return outcomes


@dataclass(frozen=True)
class _Limits:
    ends: float  # time.monotonic() by which the download must be complete
    seconds: float
    max_bytes: int


def allowed_url(url: str) -> bool:
    """https anywhere; http only to this machine (loopback), where the tests run their server."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an address ``allowed_url`` accepts (never ftp:, file: or plain http)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        if not allowed_url(target):
            raise _Refused(f"redirected to {_shown(target)}, which is not https")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Refused(Exception):
    pass


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


_OPENER = urllib.request.build_opener(_SafeRedirects)


def _download(
    url: str, target: Path, entry: CatalogueEntry, progress: Progress | None, timeout: float,
    limits: _Limits | None = None,
) -> None:
    limits = limits or _Limits(time.monotonic() + DEFAULT_DEADLINE, DEFAULT_DEADLINE, entry.size or DEFAULT_MAX_BYTES)
    host = urllib.parse.urlsplit(url).netloc or url
    if not allowed_url(url):
        raise FetchError(target, f"refusing {_shown(url)}: only https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with _OPENER.open(request, timeout=timeout) as response:
                    total = _content_length(response) or entry.size
                    if total is not None and total > limits.max_bytes:
                        raise FetchError(target, f"the server offers {total:,} bytes, over the limit of "
                                         f"{limits.max_bytes:,}")
                    done, digest, head = _copy(response, out, total, progress, limits, target)
            except _Refused as err:
                raise FetchError(target, str(err)) from None
            except urllib.error.HTTPError as err:
                err.close()
                raise FetchError(target, f"HTTP {err.code} {err.reason} from {host}") from None
            except urllib.error.URLError as err:
                raise FetchError(target, f"could not reach {host}: {_reason(err.reason)}") from None
            except (TimeoutError, socket.timeout):
                raise FetchError(target, f"timed out after {timeout:g} s reading from {host}") from None
            except (http.client.HTTPException, OSError) as err:
                raise FetchError(target, f"connection to {host} failed: {_reason(err)}") from None
            out.flush()
            os.fsync(out.fileno())
        if total is not None and done < total:
            raise FetchError(target, f"connection dropped after {done:,} of {total:,} bytes from {host}")
        _check(target, entry, done, digest.hexdigest(), head)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a fetched public document need not be
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _copy(response, out, total: int | None, progress: Progress | None, limits: _Limits,
          target: Path) -> tuple[int, "hashlib._Hash", bytes]:
    digest = hashlib.sha256()
    done = 0
    head = b""
    if progress:
        progress(0, total)
    # read1: whatever has arrived, so a trickle cannot hold one read open until a whole chunk is in
    read = getattr(response, "read1", response.read)
    while True:
        if time.monotonic() > limits.ends:
            raise FetchError(target, f"the download took longer than {limits.seconds:g} s "
                             f"({done:,} bytes received)")
        chunk = read(CHUNK)
        if not chunk:
            break
        if done + len(chunk) > limits.max_bytes:
            raise FetchError(target, f"the server sent more than {limits.max_bytes:,} bytes, the limit")
        if len(head) < 8:
            head = (head + chunk)[:8]
        digest.update(chunk)
        out.write(chunk)
        done += len(chunk)
        if progress:
            progress(done, total)
    return done, digest, head


def _check(target: Path, entry: CatalogueEntry, size: int, sha: str, head: bytes) -> None:
    """Raise ``FetchError`` unless the bytes are the document the catalogue describes."""
    if size == 0:
        raise FetchError(target, "the server sent an empty file")
    if entry.size is not None and size != entry.size:
        raise FetchError(target, f"size mismatch: got {size:,} bytes, expected {entry.size:,}")
    if entry.sha256 is not None and sha != entry.sha256:
        raise FetchError(target, f"checksum mismatch: sha256 {sha[:12]}..., expected {entry.sha256[:12]}...")
    if not head.startswith(b"%PDF-"):
        # Without a checksum this is the only guard against saving an error or login page.
        raise FetchError(target, "the server did not send a PDF")


def _verify_file(path: Path, entry: CatalogueEntry) -> None:
    digest = hashlib.sha256()
    size = 0
    head = b""
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            if not head:
                head = block[:8]
            digest.update(block)
            size += len(block)
    _check(path, entry, size, digest.hexdigest(), head)


def _content_length(response) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        length = int(value) if value is not None else None
    except ValueError:
        return None
    return length if length and length > 0 else None


def _reason(reason: object) -> str:
    text = str(reason).strip() or type(reason).__name__
    return text.replace("\n", " ")
