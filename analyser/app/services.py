"""The package's services as the app calls them: cached, so a rerun (every click) costs nothing.

Only caching lives here, never a decision: the analysis, statuses, matrix, what-if, graph and
comparison all come from the ``analyser`` package. Analysed codes are kept per sha256 for every
session of this server; the package's own SQLite cache sits underneath, so a new server process
re-reads a known PDF from it in milliseconds.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from analyser import budgets
from analyser.errors import AnalyserError
from analyser.models import Code, MeasureStatus, ServiceProfile
from analyser.notes import NotesStore, default_path

from .documents import display_name
from .state import budget_settings


class AnalysisStore:
    """Analysed codes shared by every session of this server, newest last, at most ``size``."""

    def __init__(self, size: int = 8):
        self.size = size
        self.codes: OrderedDict[str, Code] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, sha: str) -> Code | None:
        with self.lock:
            code = self.codes.get(sha)
            if code is not None:
                self.codes.move_to_end(sha)
            return code

    def put(self, sha: str, code: Code) -> None:
        with self.lock:
            self.codes[sha] = code
            while len(self.codes) > self.size:
                self.codes.popitem(last=False)


@st.cache_resource(show_spinner=False)
def analysis_store() -> AnalysisStore:
    return AnalysisStore()


@st.cache_data(show_spinner=False, max_entries=256)
def _sha_of(path: str, mtime_ns: int, size: int) -> str:
    from analyser.pipeline import sha256_of

    return sha256_of(path)


def sha_of(path: str) -> str:
    stat = os.stat(path)
    return _sha_of(path, stat.st_mtime_ns, stat.st_size)


def load(path: str) -> Code:
    """The analysed code of ``path``, with a progress bar when it has to be analysed."""
    from analyser.pipeline import load_code

    sha = sha_of(path)
    store = analysis_store()
    code = store.get(sha)
    if code is not None:
        return code
    slot = st.empty()  # the bar appears only if the analysis really runs (not on a cache hit)
    name = display_name(path, sha)

    def progress(fraction: float, message: str = "") -> None:
        slot.progress(min(max(float(fraction), 0.0), 1.0), text=f"Analysing {name}: {message or '…'}")

    try:
        with budgets.use(budget_settings()):  # a bomb or a runaway file stops with one line
            code = load_code(path, progress=progress)
    finally:
        slot.empty()
    code.info.source_file = name  # what citations and exports name: the file as the user knows it
    store.put(sha, code)
    return code


def notes_store() -> NotesStore:
    """The notes store for the data folder in use (one open store per folder: a store keeps its database open)."""
    return _notes_store_at(str(default_path()))


@st.cache_resource(show_spinner=False)
def _notes_store_at(path: str) -> NotesStore:
    return NotesStore(path)


# ---------------------------------------------------------------------------------------------
# Service profiles and statuses


@st.cache_data(show_spinner=False)
def archetypes(family: str = "ofcom-osa") -> dict[str, ServiceProfile]:
    """The built-in archetypes that describe services of this code family (none for some codes)."""
    from analyser.service import load_archetypes

    loaded = load_archetypes(family=family)
    if isinstance(loaded, dict):
        return {k: (v if v.name else dataclasses.replace(v, name=k)) for k, v in loaded.items()}
    return {p.name: p for p in loaded}


@st.cache_data(show_spinner=False)
def archetype_titles() -> dict[str, str]:
    from analyser.service import archetype_titles as titles

    return titles()


def kind_choices(code: Code) -> dict[str, str]:
    """Service kinds to offer for this code, with their words: Ofcom's two, or the code's own."""
    from analyser.evaluate import code_kinds, code_vocabulary

    vocab = code_vocabulary(code)
    own = [k for k in code_kinds(code) if k not in ("u2u", "search")]
    keys = own or ["u2u", "search"]
    return {k: {"u2u": "user-to-user", "search": "search"}.get(k) or vocab.kind_label(k) for k in keys}


@st.cache_data(show_spinner=False)
def vocabulary(services_json: str = "{}") -> tuple[dict[str, str], dict[str, str]]:
    """(harm key -> label, feature key -> label) for the profile form: the code's own vocabulary."""
    from analyser.conditions import vocabulary_for

    vocab = vocabulary_for(json.loads(services_json))
    return ({k: vocab.harm_label(k) for k in vocab.harms},
            {k: vocab.feature_label(k) for k in vocab.features})


def profile_key(profile: ServiceProfile) -> str:
    return json.dumps(dataclasses.asdict(profile), sort_keys=True)


def validate(profile: ServiceProfile, code: Code | None = None) -> tuple[ServiceProfile, list[str]]:
    """The normalised profile and its problems in words (empty when valid); checked against the
    code's own features and kinds when a code is given."""
    from analyser.evaluate import code_vocabulary
    from analyser.service import validate_service

    try:
        checked = validate_service(dataclasses.replace(profile), vocab=code_vocabulary(code) if code else None)
        return (checked if isinstance(checked, ServiceProfile) else profile), []
    except AnalyserError as err:
        return profile, [err.cause]
    except ValueError as err:
        return profile, [str(err)]


@st.cache_data(show_spinner=False, max_entries=256)
def _statuses(sha: str, profile_json: str, _code: Code) -> dict[str, MeasureStatus]:
    from analyser.evaluate import evaluate

    profile = ServiceProfile(**json.loads(profile_json))
    return {s.measure: s for s in evaluate(_code, profile)}


def statuses(code: Code, profile: ServiceProfile) -> dict[str, MeasureStatus]:
    return _statuses(code.info.sha256, profile_key(profile), code)


@st.cache_data(show_spinner=False, max_entries=16)
def _matrix(sha: str, _code: Code) -> dict[str, dict[str, MeasureStatus]]:
    from analyser.evaluate import matrix as full_matrix

    return {key: {s.measure: s for s in items} for key, items in full_matrix(_code, archetypes(_code.info.family)).items()}


def matrix(code: Code) -> dict[str, dict[str, MeasureStatus]]:
    """Archetype key -> measure ID -> status, for every built-in archetype."""
    return _matrix(code.info.sha256, code)


@st.cache_data(show_spinner=False, max_entries=64)
def _whatif(sha: str, a_json: str, b_json: str, _code: Code):
    from analyser.evaluate import whatif as run_whatif

    return run_whatif(_code, ServiceProfile(**json.loads(a_json)), ServiceProfile(**json.loads(b_json)))


def whatif(code: Code, profile: ServiceProfile, other: ServiceProfile):
    """What changes for each measure when the service ``profile`` becomes ``other``."""
    return _whatif(code.info.sha256, profile_key(profile), profile_key(other), code)


# ---------------------------------------------------------------------------------------------
# The code graph and comparisons


@st.cache_resource(show_spinner=False, max_entries=8)
def _graph(sha: str, _code: Code):
    from analyser.graph import graph

    return graph(_code)


def dependents(code: Code, measure_id: str) -> list[str]:
    """Measures whose text refers to ``measure_id`` (from the package's code graph)."""
    from analyser.graph import dependents as graph_dependents

    return graph_dependents(code, measure_id, g=_graph(code.info.sha256, code))


@st.cache_data(show_spinner=False, max_entries=16)
def _comparison(old_sha: str, new_sha: str, _old: Code, _new: Code):
    from analyser.compare import compare

    return compare(_old, _new)


def comparison(old: Code, new: Code):
    """What changed from ``old`` to ``new`` (cached per pair of sha256s)."""
    return _comparison(old.info.sha256, new.info.sha256, old, new)


def comparison_docx(cmp) -> bytes:
    """The comparison as Word (the renderer writes a file; the download button wants bytes)."""
    from analyser import compare_render

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comparison.docx"
        compare_render.to_docx(cmp, path)
        return path.read_bytes()
