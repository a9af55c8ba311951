"""Which documents the app offers: the catalogue's bundled samples and fetched copies, plus the
user's uploads (kept under their sha256, with the name they were uploaded under), and the copies
of a PDF that Streamlit serves so that a citation can open it at a page."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analyser import paths
from analyser.errors import AnalyserError
from analyser.export import SAMPLE_LABEL
from analyser.models import Code


@dataclass(frozen=True)
class Doc:
    key: str  # "cat:<name>" or "up:<sha256>"
    label: str
    path: str
    sample: bool = False


def uploads_dir() -> Path:
    path = paths.data_dir() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_names() -> dict[str, str]:
    try:
        return json.loads((uploads_dir() / "names.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember_upload_name(sha: str, name: str) -> None:
    names = upload_names()
    names[sha] = name
    target = uploads_dir() / "names.json"
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(names, indent=1), encoding="utf-8")
    os.replace(tmp, target)


@st.cache_data(show_spinner=False, ttl=30)
def catalogued_documents() -> tuple[list[Doc], list[str]]:
    """The catalogue's documents on this machine (re-read at most every 30 s, or after a fetch)."""
    docs: list[Doc] = []
    problems: list[str] = []
    try:
        from analyser.catalogue import available_documents

        for d in available_documents():
            sample = bool(d.entry.sample)
            edition = f", {d.entry.edition.lower()}" if sample and d.entry.edition else ""
            label = f"{d.entry.code} sample{edition} — {SAMPLE_LABEL}" if sample else d.label
            docs.append(Doc(f"cat:{d.entry.name}", label, str(d.path), sample))
    except AnalyserError as err:
        problems.append(str(err))
    return docs, problems


@st.cache_data(show_spinner=False, ttl=30)
def fetchable_entries() -> list:
    """Official documents in the catalogue that could be fetched and are not on disk yet."""
    from analyser.catalogue import is_present, load_catalogue

    return [e for e in load_catalogue() if e.fetchable and not is_present(e)]


def documents() -> tuple[list[Doc], list[str]]:
    """What the picker offers, and any problem reading the catalogue (shown, never raised)."""
    docs, problems = catalogued_documents()
    docs = list(docs)
    names = upload_names()
    for pdf in sorted(uploads_dir().glob("*.pdf"), key=lambda p: p.stat().st_mtime):
        sha = pdf.stem
        docs.append(Doc(f"up:{sha}", f"{names.get(sha, pdf.name)} (uploaded)", str(pdf)))
    return docs, problems


def display_name(path: str, sha: str) -> str:
    """An upload is stored as ``<sha256>.pdf``; the user knows it by the name it was uploaded under."""
    if Path(path).parent == uploads_dir():
        return upload_names().get(sha, Path(path).name)
    return Path(path).name


def is_sample(doc: Doc, code: Code | None = None) -> bool:
    """A document is a sample if the catalogue or the document itself says so."""
    return doc.sample or bool(code and code.info.sample)


def pdf_url(doc: Doc, sha: str, app_dir: Path) -> str | None:
    """A URL that serves the PDF inline, so ``#page=N`` opens it at a page.

    Streamlit's static serving (``server.enableStaticServing``) serves ``static/`` beside the app's
    script (``app_dir``); the PDF is linked (or copied) there under its sha256. Returns None if that
    folder cannot be written (a read-only install): the view then offers a download instead.
    """
    target = app_dir / "static" / "pdf" / f"{sha}.pdf"
    try:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            ignore = target.parent / ".gitignore"  # served copies are never part of the repository
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            tmp = target.with_suffix(".tmp")
            tmp.unlink(missing_ok=True)
            try:
                os.link(doc.path, tmp)
            except OSError:
                shutil.copyfile(doc.path, tmp)
            os.replace(tmp, target)
    except OSError:
        return None
    return f"app/static/pdf/{sha}.pdf"
