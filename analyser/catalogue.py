"""The catalogue of documents the analyser knows by name (``codes/catalogue.toml``).

The list of official codes is data, not code: a new edition is a new ``[[document]]`` entry.
This module only reads and checks that file, and says where each document lives on disk: the
bundled sample beside the catalogue, fetched official copies in ``data_dir()/codes/``.
Downloading is ``fetch.py``'s job.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import AnalyserError

DEFAULT_CATALOGUE = paths.CODES_DIR / "catalogue.toml"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_REQUIRED = ("name", "code", "title")
_STRINGS = (
    "name", "code", "family", "title", "publisher", "edition", "version_date", "issued",
    "in_force", "filename", "sha256", "path", "note",
)
_KNOWN = set(_STRINGS) | {"urls", "size", "sample", "external"}


@dataclass(frozen=True)
class CatalogueEntry:
    """One document: an edition of a code, with where to get it and how to check it."""

    name: str
    code: str
    title: str
    publisher: str | None = None
    family: str | None = None
    edition: str | None = None
    version_date: str | None = None
    issued: str | None = None
    in_force: str | None = None
    urls: tuple[str, ...] = ()
    filename: str | None = None
    sha256: str | None = None
    size: int | None = None
    sample: bool = False
    external: bool = False
    path: str | None = None  # bundled file, relative to base_dir (samples)
    note: str = ""
    base_dir: Path = field(default=paths.CODES_DIR, compare=False)  # folder of the catalogue file

    @property
    def url(self) -> str | None:
        """The first download address, or ``None`` when none is known."""
        return self.urls[0] if self.urls else None

    @property
    def verified(self) -> bool:
        """Whether a download can be checked against the published file: sha256 and size recorded.

        Without them any PDF the address returns is kept, so listings say "unverified"."""
        return self.sample or (self.sha256 is not None and self.size is not None)

    @property
    def fetchable(self) -> bool:
        """Whether ``fetch`` can download it: an official entry with at least one address."""
        return not self.sample and bool(self.urls)

    @property
    def label(self) -> str:
        """What a picker shows: samples by their own title (which says "not official text")."""
        if self.sample:
            return self.title
        when = self.version_date or "undated"
        edition = f"{self.edition}, " if self.edition else ""
        return f"{self.code}: {self.title} ({edition}{when})"


@dataclass(frozen=True)
class AvailableDocument:
    """A catalogued document that is on this machine now, ready to open."""

    entry: CatalogueEntry
    path: Path

    @property
    def label(self) -> str:
        return self.entry.label


def load_catalogue(path: str | Path | None = None) -> list[CatalogueEntry]:
    """Read and check the catalogue; a malformed entry raises ``AnalyserError`` naming it."""
    path = Path(path) if path is not None else DEFAULT_CATALOGUE
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise AnalyserError(path, "catalogue file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise AnalyserError(path, f"catalogue is not valid TOML ({err})") from None
    raw = data.get("document", [])
    if not isinstance(raw, list):
        raise AnalyserError(path, "catalogue must hold [[document]] tables")
    entries = [_entry(path, i, item) for i, item in enumerate(raw, 1)]
    seen: set[str] = set()
    for entry in entries:
        if entry.name in seen:
            raise AnalyserError(path, f"document name {entry.name!r} is listed twice")
        seen.add(entry.name)
    return entries


def _entry(path: Path, position: int, item: object) -> CatalogueEntry:
    def bad(cause: str) -> AnalyserError:
        who = item.get("name") if isinstance(item, dict) and item.get("name") else f"#{position}"
        return AnalyserError(path, f"document {who}: {cause}")

    if not isinstance(item, dict):
        raise bad("must be a table")
    unknown = sorted(set(item) - _KNOWN)
    if unknown:
        raise bad(f"unknown field(s) {', '.join(unknown)}")
    for key in _REQUIRED:
        if not item.get(key):
            raise bad(f"missing {key}")
    for key in _STRINGS:
        if key in item and not isinstance(item[key], str):
            raise bad(f"{key} must be a string")
    if not _NAME.match(item["name"]):
        raise bad("name must be lower case letters, digits, '.', '_' or '-'")
    urls = item.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise bad("urls must be a list of strings")
    for url in urls:
        if not url.startswith(("https://", "http://")):
            raise bad(f"url {url!r} is not http(s)")
    sha = item.get("sha256")
    if sha is not None and not _SHA256.match(sha):
        raise bad("sha256 must be 64 lower-case hex digits")
    size = item.get("size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size <= 0):
        raise bad("size must be a positive whole number of bytes")
    for key in ("version_date", "issued", "in_force"):
        if key in item and not _DATE.match(item[key]):
            raise bad(f"{key} must be an ISO date (YYYY-MM or YYYY-MM-DD)")
    for key in ("sample", "external"):
        if key in item and not isinstance(item[key], bool):
            raise bad(f"{key} must be true or false")
    sample = item.get("sample", False)
    if sample:
        if not item.get("path"):
            raise bad("a sample needs the path of its bundled file")
        if urls:
            raise bad("a sample is bundled, not downloaded: it takes no urls")
    else:
        filename = item.get("filename")
        # The file name becomes a path in the user's data folder: keep it a plain name.
        if (not filename or Path(filename).name != filename or filename.startswith(".")
                or not filename.isprintable() or "\\" in filename):  # a NUL or control character breaks every path call
            raise bad("filename must be a plain file name")
    return CatalogueEntry(
        name=item["name"],
        code=item["code"],
        title=item["title"],
        publisher=item.get("publisher"),
        family=item.get("family"),
        edition=item.get("edition"),
        version_date=item.get("version_date"),
        issued=item.get("issued"),
        in_force=item.get("in_force"),
        urls=tuple(urls),
        filename=item.get("filename"),
        sha256=sha,
        size=size,
        sample=sample,
        external=item.get("external", False),
        path=item.get("path"),
        note=item.get("note", "").strip(),
        base_dir=path.resolve().parent,
    )


def find_entry(name: str, catalogue: list[CatalogueEntry] | None = None) -> CatalogueEntry | None:
    """The entry called ``name``, or the first official entry of the code ``name`` ("ICU").

    Matching ignores case. Samples answer only to their own name, so that "ICU" never means the
    sample. ``None`` when nothing matches: the caller knows whether the name might also have been
    a file path, and so which message to give (``known_names`` lists the alternatives).
    """
    entries = load_catalogue() if catalogue is None else catalogue
    wanted = name.strip().lower()
    for entry in entries:
        if entry.name == wanted:
            return entry
    for entry in entries:
        if not entry.sample and entry.code.lower() == wanted:
            return entry
    return None


def known_names(catalogue: list[CatalogueEntry] | None = None) -> str:
    """The names ``find_entry`` accepts, for an error message: "icu-sample, icu-2024-12, ..."."""
    entries = load_catalogue() if catalogue is None else catalogue
    codes = sorted({e.code for e in entries if not e.sample})
    return ", ".join([e.name for e in entries] + codes)


def local_path(entry: CatalogueEntry) -> Path:
    """Where the document lives on this machine: bundled beside the catalogue for a sample,
    ``data_dir()/codes/<filename>`` for an official one (whether or not it is there yet)."""
    if entry.sample:
        return entry.base_dir / str(entry.path)
    return paths.data_dir() / "codes" / str(entry.filename)


def is_present(entry: CatalogueEntry) -> bool:
    """Whether the document is on disk, with the recorded size when one is known.

    Only ``fetch`` writes fetched copies, and it checks the sha256 before moving a file into
    place, so a size check is enough here and keeps the app's start-up cheap.
    """
    path = local_path(entry)
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size > 0 and (entry.size is None or size == entry.size)


def available_documents(catalogue: list[CatalogueEntry] | None = None) -> list[AvailableDocument]:
    """The documents that can be opened now: bundled samples first, then fetched official copies."""
    entries = load_catalogue() if catalogue is None else catalogue
    ordered = [e for e in entries if e.sample] + [e for e in entries if not e.sample]
    return [AvailableDocument(e, local_path(e)) for e in ordered if is_present(e)]
