"""Code of Practice Analyser: the Streamlit workspace (``streamlit run app.py``).

A thin face over the ``analyser`` package: every finding shown here (structure, qualifiers,
applicability, comparisons) comes from the package, so the app, the CLI and the tests agree.
This file only decides what to show and where: pick a document, then read it through one of the
views in the sidebar. Each view runs inside a guard so that an unexpected error shows a short
message (with details folded away) instead of a traceback, and the rest of the app keeps working.

State lives in ``st.session_state`` and is mirrored in the URL's query parameters (``view``,
``doc``, ``measure``), so a cross-reference link or a bookmark opens the same place.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
import tempfile
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import streamlit as st

from analyser import budgets, charts, highlight, overview, paths
from analyser.statuses import STATUS_WORDS, atom_words, legend_lines, reason_words, rule_words, scope_words, \
    status_label, status_words
from analyser.errors import AnalyserError
from analyser.export import MIME, SAMPLE_LABEL, WRITERS, build_selection
from analyser.export import md_escape as md  # document text in Markdown shows as written
from analyser.models import Code, Measure, MeasureStatus, ServiceProfile
from analyser.notes import POSITIONS, NotesStore
from analyser.scope import scope_qualifiers
from analyser.search import citation, parse_query, search

APP_DIR = Path(__file__).resolve().parent
MAX_UPLOAD_MB = int(st.get_option("server.maxUploadSize"))  # .streamlit/config.toml
VIEWS = ["Overview", "Matrix", "Service profile", "Measure", "Search", "Notes", "Export",
         "Compare versions"]
STATUS_COLOURS = {k: w.colour for k, w in STATUS_WORDS.items()}  # one place: analyser/statuses.py
RISK_COLOURS = {"high": "#dc2626", "medium": "#d97706", "low": "#2563eb", "none": "#16a34a"}
LEVELS = ("high", "medium", "low")

# A local icon: a ":material/...:" icon is fetched from a font server on every load, and the app
# must work with no network at all.
st.set_page_config(page_title="Code of Practice Analyser", page_icon=str(APP_DIR / "assets" / "icon.png"),
                   layout="wide",
                   initial_sidebar_state="auto")

_CSS = """
<style>
[data-testid="stMainBlockContainer"] {padding-top: 2rem;}
.para {margin: 0 0 .6rem 0; line-height: 1.55;}
.para .num {font-weight: 600; margin-right: .4rem;}
.para .cite {color: #6b7280; font-size: .8rem; margin-left: .4rem;}
ins {background: #bcf0da; text-decoration: none;}
del {background: #f8b4b4;}
.diffcell {font-size: .92rem; line-height: 1.5;}
.cop-table {border-collapse: collapse; width: 100%; font-size: .9rem;}
.cop-table th, .cop-table td {border-bottom: 1px solid #e5e7eb; padding: .3rem .5rem; text-align: left;
  vertical-align: top;}
.legend {font-size: .9rem; line-height: 1.5; margin: .2rem 0 .6rem 0;}
.status-box {border: 2px solid #374151; border-radius: 6px; padding: .4rem .8rem; margin: .4rem 0;}
.note-meta {color: #374151; font-size: .85rem;}
@media (max-width: 640px) { .para {font-size: .95rem;} }
</style>
"""


# ---------------------------------------------------------------------------------------------
# Documents: the catalogue's bundled samples and fetched copies, plus the user's uploads.


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


def _upload_names() -> dict[str, str]:
    try:
        return json.loads((uploads_dir() / "names.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember_upload_name(sha: str, name: str) -> None:
    names = _upload_names()
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


def documents() -> tuple[list[Doc], list[str]]:
    """What the picker offers, and any problem reading the catalogue (shown, never raised)."""
    docs, problems = catalogued_documents()
    docs = list(docs)
    names = _upload_names()
    for pdf in sorted(uploads_dir().glob("*.pdf"), key=lambda p: p.stat().st_mtime):
        sha = pdf.stem
        docs.append(Doc(f"up:{sha}", f"{names.get(sha, pdf.name)} (uploaded)", str(pdf)))
    return docs, problems


# ---------------------------------------------------------------------------------------------
# Analysis, cached by the PDF's sha256. The package's own SQLite cache sits underneath: a new
# server process re-reads a known PDF from it in milliseconds.


class _AnalysisStore:
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
def analysis_store() -> _AnalysisStore:
    return _AnalysisStore()


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


def budget_settings() -> budgets.Budget:
    """The limits per document from the sidebar's settings (the defaults until changed there)."""
    d = budgets.Budget()
    ss = st.session_state
    return budgets.Budget(max_pages=int(ss.get("lim_pages", d.max_pages)),
                          max_chars=int(ss.get("lim_chars", d.max_chars)),
                          max_page_chars=int(ss.get("lim_page_chars", d.max_page_chars)),
                          max_seconds=float(ss.get("lim_seconds", d.max_seconds)))


def _limits_panel() -> None:
    d = budgets.Budget()
    st.caption("A document over these limits stops with one line instead of keeping the app busy.")
    st.number_input("Pages", 1, 1_000_000, d.max_pages, step=500, key="lim_pages")
    st.number_input("Characters of text", 1_000, 2_000_000_000, d.max_chars, step=1_000_000, key="lim_chars")
    st.number_input("Characters on one page", 1_000, 100_000_000, d.max_page_chars, step=50_000, key="lim_page_chars")
    st.number_input("Seconds to read it", 1.0, 86_400.0, d.max_seconds, step=60.0, key="lim_seconds")


def damage_banner(code: Code) -> None:
    """Signs that text was lost, counted and shown above everything else (routine warnings stay in
    the Overview's expander)."""
    hurt = [w for w in code.warnings if w.severity == "damage"]
    if hurt:
        more = f" (and {len(hurt) - 1} more, listed first under Parser warnings)" if len(hurt) > 1 else ""
        st.error(f"**{len(hurt)} sign{'s' if len(hurt) > 1 else ''} of damage: text may be missing.** "
                 f"{md(hurt[0].message)}" + (f" (p. {hurt[0].page})" if hurt[0].page else "") + more)


def display_name(path: str, sha: str) -> str:
    """An upload is stored as ``<sha256>.pdf``; the user knows it by the name it was uploaded under."""
    if Path(path).parent == uploads_dir():
        return _upload_names().get(sha, Path(path).name)
    return Path(path).name


@st.cache_resource(show_spinner=False)
def notes_store() -> NotesStore:
    return NotesStore()


# ---------------------------------------------------------------------------------------------
# Service profiles and statuses (the package decides; these wrappers only cache).


@st.cache_data(show_spinner=False)
def archetypes(family: str = "ofcom-osa") -> dict[str, ServiceProfile]:
    """The built-in archetypes that describe services of this code family (none for some codes)."""
    from analyser.service import load_archetypes

    loaded = load_archetypes(family=family)
    if isinstance(loaded, dict):
        return {k: (v if v.name else dataclasses.replace(v, name=k)) for k, v in loaded.items()}
    return {p.name: p for p in loaded}


def kind_choices(code: Code) -> dict[str, str]:
    """Service kinds to offer for this code, with their words: Ofcom's two, or the code's own."""
    from analyser.evaluate import code_kinds, code_vocabulary

    vocab = code_vocabulary(code)
    own = [k for k in code_kinds(code) if k not in ("u2u", "search")]
    keys = own or ["u2u", "search"]
    return {k: {"u2u": "user-to-user", "search": "search"}.get(k) or vocab.kind_label(k) for k in keys}


def _profile_key(profile: ServiceProfile) -> str:
    return json.dumps(dataclasses.asdict(profile), sort_keys=True)


@st.cache_data(show_spinner=False, max_entries=256)
def _statuses(sha: str, profile_json: str, _code: Code) -> dict[str, MeasureStatus]:
    from analyser.evaluate import evaluate

    profile = ServiceProfile(**json.loads(profile_json))
    return {s.measure: s for s in evaluate(_code, profile)}


def statuses(code: Code, profile: ServiceProfile) -> dict[str, MeasureStatus]:
    return _statuses(code.info.sha256, _profile_key(profile), code)


@st.cache_data(show_spinner=False, max_entries=16)
def _matrix(sha: str, _code: Code) -> dict[str, dict[str, MeasureStatus]]:
    from analyser.evaluate import matrix as full_matrix

    return {key: {s.measure: s for s in items} for key, items in full_matrix(_code, archetypes(_code.info.family)).items()}


def matrix(code: Code) -> dict[str, dict[str, MeasureStatus]]:
    """Archetype key -> measure ID -> status, for every built-in archetype."""
    return _matrix(code.info.sha256, code)


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


@st.cache_data(show_spinner=False, max_entries=64)
def _whatif(sha: str, a_json: str, b_json: str, _code: Code):
    from analyser.evaluate import whatif

    return whatif(_code, ServiceProfile(**json.loads(a_json)), ServiceProfile(**json.loads(b_json)))


@st.cache_data(show_spinner=False)
def archetype_titles() -> dict[str, str]:
    from analyser.service import archetype_titles as titles

    return titles()


@st.cache_data(show_spinner=False)
def vocabulary(services_json: str = "{}") -> tuple[dict[str, str], dict[str, str]]:
    """(harm key -> label, feature key -> label) for the profile form: the code's own vocabulary."""
    from analyser.conditions import vocabulary_for

    vocab = vocabulary_for(json.loads(services_json))
    return ({k: vocab.harm_label(k) for k in vocab.harms},
            {k: vocab.feature_label(k) for k in vocab.features})


# ---------------------------------------------------------------------------------------------
# Small helpers


@dataclass
class Ctx:
    """What every view needs: the document, its analysis, and (opened on first use) the notes."""

    doc: Doc
    code: Code
    sha: str

    @functools.cached_property
    def notes(self) -> NotesStore:
        # Opened lazily: a notes database that cannot be read breaks the notes, not every view.
        return notes_store()


def guarded(view, *args) -> None:
    """Run one view; turn any error into a short message with the details folded away."""
    try:
        view(*args)
    except AnalyserError as err:
        st.error(str(err))
    except Exception as err:  # noqa: BLE001 - the whole point: no traceback reaches the user
        st.error(f"Sorry, this view hit a problem it did not expect ({type(err).__name__}: {err}). "
                 "The other views still work.")
        with st.expander("Details (for a bug report)"):
            st.text(traceback.format_exc())


def measure_label(code: Code, mid: str) -> str:
    m = code.measure(mid)
    return f"{mid} — {m.title}" if m else mid


def measure_href(doc: Doc, mid: str) -> str:
    """A link (query parameters) that opens a measure of a document in the Measure view."""
    return f"?view=Measure&doc={quote(doc.key)}&measure={quote(mid)}"


def go_to_measure(mid: str) -> None:
    """Button callback: open a measure in the Measure view."""
    st.session_state["measure"] = mid
    st.session_state["view"] = "Measure"


@st.cache_resource(show_spinner=False, max_entries=8)
def _graph(sha: str, _code: Code):
    from analyser.graph import graph

    return graph(_code)


def dependents(code: Code, measure_id: str) -> list[str]:
    """Measures whose text refers to ``measure_id`` (from the package's code graph)."""
    from analyser.graph import dependents as graph_dependents

    return graph_dependents(code, measure_id, g=_graph(code.info.sha256, code))


def measure_for_target(code: Code, target: str) -> str | None:
    """A cross-reference target ("ICU C1" or paragraph "D2.4") -> the measure ID to open."""
    hit = code.resolve(target)
    return hit[0].id if hit else None


def pdf_url(doc: Doc, sha: str) -> str | None:
    """A URL that serves the PDF inline, so ``#page=N`` opens it at a page.

    Streamlit's static serving (``server.enableStaticServing``) serves ``static/`` beside this
    file; the PDF is linked (or copied) there under its sha256. Returns None if that folder
    cannot be written (a read-only install): the view then offers a download instead.
    """
    target = APP_DIR / "static" / "pdf" / f"{sha}.pdf"
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


def is_sample(doc: Doc, code: Code | None = None) -> bool:
    """A document is a sample if the catalogue or the document itself says so."""
    return doc.sample or bool(code and code.info.sample)


def sample_banner(doc: Doc, code: Code) -> None:
    if is_sample(doc, code):
        st.warning(f"**{SAMPLE_LABEL}.** This document was written for this project in the style "
                   "of an Ofcom code; never cite it as Ofcom's text.", icon=":material/science:")


def status_cell_style(value: str) -> str:
    for status, colour in STATUS_COLOURS.items():
        if isinstance(value, str) and value.endswith(status):
            return f"background-color: {colour}; color: #111"
    return ""


def status_legend() -> None:
    """What each status means, wherever statuses are shown (from analyser/statuses.py, so a new
    status appears here without touching this file)."""
    st.markdown('<div class="legend"><b>Statuses</b><br>' + "<br>".join(
        highlight.render(line, []) for line in legend_lines()) + "</div>", unsafe_allow_html=True)


def condition_words(measure: Measure) -> str:
    app = measure.applicability
    if not app or not app.condition:
        return ""
    try:
        from analyser.conditions import describe

        return describe(app.condition)
    except Exception:  # noqa: BLE001 - a description is a nicety; the wording is shown anyway
        return ""


# ---------------------------------------------------------------------------------------------
# Sidebar: navigation, document picker, upload and fetch


def _init_from_query_params() -> None:
    if st.session_state.get("_qp_read"):
        return
    st.session_state["_qp_read"] = True
    qp = st.query_params
    if qp.get("view") in VIEWS:
        st.session_state["view"] = qp["view"]
    if qp.get("doc"):
        st.session_state["doc"] = qp["doc"]
    if qp.get("measure"):
        st.session_state["measure"] = qp["measure"]


def _handle_upload(uploaded) -> None:
    """Save an uploaded PDF under its sha256 and analyse it; a bad file gets one clear line."""
    if uploaded is None or st.session_state.get("_upload_done") == uploaded.file_id:
        return
    st.session_state["_upload_done"] = uploaded.file_id
    import hashlib

    data = uploaded.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    target = uploads_dir() / f"{sha}.pdf"
    fresh = not target.exists()
    if fresh:
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    _remember_upload_name(sha, uploaded.name)  # first: the analysis and its citations use this name
    try:
        load(str(target))
    except AnalyserError as err:
        if fresh:
            target.unlink(missing_ok=True)
        st.session_state["_upload_error"] = f"{uploaded.name}: {err.cause}"
        return
    st.session_state["_upload_error"] = None
    st.session_state["doc"] = f"up:{sha}"


@st.cache_data(show_spinner=False, ttl=30)
def fetchable_entries() -> list:
    """Official documents in the catalogue that could be fetched and are not on disk yet."""
    from analyser.catalogue import is_present, load_catalogue

    return [e for e in load_catalogue() if e.fetchable and not is_present(e)]


def _fetch_panel() -> None:
    try:
        wanted = fetchable_entries()
    except AnalyserError as err:
        st.error(str(err))
        return
    if not wanted:
        st.caption("Every official code in the catalogue is on this machine.")
        return
    names = {e.name: e for e in wanted}
    choice = st.selectbox("Official code to fetch", list(names), key="fetch_choice",
                          format_func=lambda n: names[n].label + ("" if names[n].verified else " — unverified"))
    if not names[choice].verified:
        st.caption("No sha256 and size are recorded for this document: any PDF the address returns is kept.")
    if st.button("Fetch", key="fetch_go", help="Download it from the publisher (needs a network)"):
        from analyser.fetch import fetch

        bar = st.progress(0.0, text="Connecting …")

        def progress(done: int, total: int | None) -> None:
            frac = done / total if total else 0.0
            bar.progress(min(frac, 1.0), text=f"{done / 1e6:.1f} MB" + (f" of {total / 1e6:.1f} MB" if total else ""))

        try:
            fetch(names[choice], progress=progress)
        except AnalyserError as err:
            bar.empty()
            st.error(str(err))
        else:
            bar.empty()
            catalogued_documents.clear()
            fetchable_entries.clear()
            st.session_state["doc"] = f"cat:{choice}"
            st.rerun()


def sidebar() -> Doc | None:
    sb = st.sidebar
    sb.markdown("## Code of Practice Analyser")
    sb.radio("View", VIEWS, key="view")
    picker = sb.container()
    with sb.expander("Add a document", expanded=False):
        uploaded = st.file_uploader(
            f"Upload a code (PDF, up to {MAX_UPLOAD_MB} MB)", type=["pdf"], key="upload",
            help="Kept in your data folder under its sha256, so notes on it are never lost.")
        _handle_upload(uploaded)
        if st.session_state.get("_upload_error"):
            st.error(st.session_state["_upload_error"])
        st.divider()
        guarded(_fetch_panel)
    with sb.expander("Limits per document", expanded=False):
        _limits_panel()
    docs, problems = documents()
    with picker:
        for p in problems:
            st.error(p)
        if not docs:
            st.info("No document is available yet: upload a PDF below.")
            return None
        by_key = {d.key: d for d in docs}
        if st.session_state.get("doc") not in by_key:
            st.session_state["doc"] = docs[0].key
        st.selectbox("Document", list(by_key), key="doc", format_func=lambda k: by_key[k].label)
        doc = by_key[st.session_state["doc"]]
        if doc.sample:
            st.markdown(f"**{SAMPLE_LABEL}**")  # body text: a caption is grey at 0.6 opacity, under 4.5:1
    return doc


# ---------------------------------------------------------------------------------------------
# Views


def view_overview(ctx: Ctx) -> None:
    code = ctx.code
    info = code.info
    summary = overview.summarise(code)
    st.subheader("Overview")
    cols = st.columns(4)
    cols[0].metric("Measures", summary.measures)
    cols[1].metric("Paragraphs", summary.paragraphs)
    cols[2].metric("Qualifiers flagged", summary.qualifiers)
    cols[3].metric("High loophole risk", summary.high_risk)
    st.caption(f"{md(info.title)} · {md(info.short_name)} · {md(info.version or 'undated')} · {info.page_count} pages · "
               f"profile {info.profile} · sha256 {info.sha256[:12]}…")

    left, right = st.columns(2)
    with left:
        st.markdown("##### Measures by chapter")
        if summary.chapters:
            st.vega_lite_chart(charts.measures_by_chapter(summary), width="stretch")
    with right:
        st.markdown("##### Qualifiers by category and chapter")
        if summary.qualifier_counts:
            st.vega_lite_chart(charts.qualifiers_by_category(summary), width="stretch")
        else:
            st.info("No qualifiers were flagged in this document.")

    st.markdown("##### Measures with the most loophole risk")
    top = summary.ranking[:15]
    if top:
        rows = [(r.measure, r.title, r.loophole_risk, r.why, r.qualifiers) for r in top]
        st.markdown(highlight.table_html(["measure", "title", "loophole risk", "why", "qualifiers"], rows,
                                         href_for=lambda row: measure_href(ctx.doc, row[0])),
                    unsafe_allow_html=True)
        pick = st.selectbox("Open a measure", [r.measure for r in summary.ranking], key="ov_open",
                            format_func=lambda mid: measure_label(code, mid))
        st.button("Open in Measure view", key="ov_go", on_click=go_to_measure, args=(pick,))
    if code.reconciliation.missing_from_body or code.reconciliation.missing_from_index:
        st.warning("The code's index and its body disagree: "
                   f"in the index only: {md(', '.join(code.reconciliation.missing_from_body)) or 'none'}; "
                   f"in the body only: {md(', '.join(code.reconciliation.missing_from_index)) or 'none'}.")
    if code.warnings:
        with st.expander(f"Parser warnings ({len(code.warnings)})"):
            for w in code.warnings:  # damage first (ranked so by the extractor)
                st.markdown(f"- {'**damage:** ' if w.severity == 'damage' else ''}{md(w.message)}"
                            + (f" (p. {w.page})" if w.page else ""))


def view_matrix(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    st.subheader("Matrix: measures × service archetypes")
    types = archetypes(code.info.family)
    if not types:
        st.info(f"No built-in service archetypes describe codes of this family ({code.info.family}), so there is "
                "no matrix to show: Ofcom's archetypes would give meaningless statuses here. Describe a service "
                "in the Service profile view to see which measures apply to it.")
        return
    grid = matrix(code)
    titles = archetype_titles()
    chapters = sorted({m.chapter for m in code.measures if m.chapter})
    categories = sorted({q.category for m in code.measures for q in m.qualifiers})
    c1, c2, c3 = st.columns(3)
    f_ch = c1.multiselect("Chapter", chapters, key="mx_chapters")
    f_cat = c2.multiselect("Qualifier category", categories, key="mx_categories")
    f_st = c3.multiselect("Status (in any archetype)", list(STATUS_WORDS), key="mx_statuses")
    rows, ids = [], []
    for m in code.measures:
        if f_ch and m.chapter not in f_ch:
            continue
        if f_cat and not any(q.category in f_cat for q in m.qualifiers):
            continue
        cells = {key: grid[key].get(m.id) for key in types}
        if f_st and not any(c and c.status in f_st for c in cells.values()):
            continue
        row = {"measure": m.id, "title": m.title}
        for key, c in cells.items():
            row[titles.get(key, key)] = status_label(c.status) if c else "?"  # mark + word: not colour alone
        rows.append(row)
        ids.append(m.id)
    st.caption(f"{len(rows):,} of {len(code.measures):,} measures. Select a cell to see why.")
    status_legend()
    if not rows:
        st.info("No measure matches these filters.")
        return
    df = pd.DataFrame(rows)
    styled = df.style.map(status_cell_style, subset=[titles.get(k, k) for k in types])
    st.session_state["_mx_ids"] = ids
    config = {"measure": st.column_config.TextColumn(width="small", pinned=True),
              "title": st.column_config.TextColumn(width="medium")}
    config.update({titles.get(k, k): st.column_config.TextColumn(width="small") for k in types})
    st.dataframe(styled, hide_index=True, width="stretch", key="mx_grid", column_config=config,
                 on_select=_matrix_cell_picked, selection_mode="single-cell")
    st.subheader("Why this status?")
    a, b = st.columns(2)
    if st.session_state.get("mx_measure") not in ids:
        st.session_state["mx_measure"] = ids[0]
    mid = a.selectbox("Measure", ids, key="mx_measure", format_func=lambda i: measure_label(code, i))
    arch = b.selectbox("Archetype", list(types), key="mx_arch", format_func=lambda k: titles.get(k, k))
    explain_status(code, grid[arch].get(mid), titles.get(arch, arch))


def _matrix_cell_picked() -> None:
    """Dataframe callback: a selected cell drives the measure and archetype pickers below it."""
    event = st.session_state.get("mx_grid")
    cells = getattr(getattr(event, "selection", None), "cells", None) or []
    if not cells:
        return
    row, col = cells[0]
    ids = st.session_state.get("_mx_ids", [])
    by_title = {title: key for key, title in archetype_titles().items()}
    key = by_title.get(col, col)
    if 0 <= row < len(ids) and key in archetypes(st.session_state.get("_family", "ofcom-osa")):
        st.session_state["mx_measure"], st.session_state["mx_arch"] = ids[row], key


def explain_status(code: Code, status: MeasureStatus | None, service_name: str) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    if status is None:
        st.info("No status for this pair.")
        return
    m = code.measure(status.measure)
    words = status_words(status.status)
    st.markdown(f"**{md(status.measure)}: {md(status.status)}** — it "
                f"{words.phrase} {md(service_name)}. *{md(reason_words(status.status, status.reason))}*")
    if status.atoms:
        st.dataframe(pd.DataFrame([{"condition": atom_words(a.atom),
                                    "holds": "cannot be decided" if a.value is None else "yes" if a.value else "no",
                                    "because": a.explanation} for a in status.atoms]),
                     hide_index=True, width="stretch")
    if status.qualifiers:
        scopes = set(m.applicability.scope) if m and m.applicability else set()
        named = [f"content scope: {md(scope_words(q))}" if q in scopes or q.endswith("-content") else f"“{md(q)}”"
                 for q in status.qualifiers]
        st.markdown("What lets it out: " + ", ".join(named))
    for part in status.conditional:
        st.markdown(f"- Conditional part: {md(part)}")
    if m and m.application:
        st.caption(f"Application text ({citation(m.id, (m.application_paragraphs or [None])[0], m.page_start)}): "
                   f"{md(m.application)}")
    if m:
        st.button(f"Open {m.id}", key=f"explain_open_{m.id}", on_click=go_to_measure, args=(m.id,))


def _profile_from_state() -> ServiceProfile:
    ss = st.session_state
    risks: dict[str, str] = {}
    for level in reversed(LEVELS):  # highest level wins when a harm is listed twice
        for harm in ss.get(f"sp_risk_{level}", []):
            risks[harm] = level
    kind = ss.get("sp_kind", "u2u")
    return ServiceProfile(name=ss.get("sp_name") or "My service", kind=kind,
                          search_type=ss.get("sp_search_type") if kind == "search" else None,
                          users=int(ss.get("sp_users", 0) or 0), risks=risks,
                          features=list(ss.get("sp_features", [])))


def _profile_fields() -> list[str]:
    return ["sp_name", "sp_kind", "sp_search_type", "sp_users", *(f"sp_risk_{lv}" for lv in LEVELS), "sp_features"]


def _fill_from_archetype() -> None:
    key = st.session_state.get("sp_start")
    prof = archetypes(st.session_state.get("_family", "ofcom-osa")).get(key)
    if not prof:
        return
    ss = st.session_state
    before = {k: ss.get(k) for k in _profile_fields()}
    ss["sp_name"] = archetype_titles().get(key, prof.name)
    ss["sp_kind"] = prof.kind
    ss["sp_search_type"] = prof.search_type or "general"
    ss["sp_users"] = int(prof.users)
    harms, features = vocabulary(ss.get("_services", "{}"))
    for level in LEVELS:
        ss[f"sp_risk_{level}"] = [h for h, lv in prof.risks.items() if lv == level and h in harms]
    ss["sp_features"] = [f for f in prof.features if f in features]
    ss["_sp_fill"] = {"before": before, "values": {k: ss.get(k) for k in _profile_fields()}, "drawn": False}
    ss.pop("sp_lookup", None)  # "Explain one measure" follows the new service (its first qualified measure)


def _keep_archetype_fill() -> None:
    """Redo an archetype's fill that the browser undid before it ever showed it.

    Why: Streamlit sends every widget's browser-side value with each interaction. If the officer
    touches another widget before the page filled in by an archetype has arrived (a slow machine,
    a quick hand), the old values come back and silently replace the archetype's, while the picker
    still names the archetype. Old values back in two or more of the fields it changed, and no
    other value in them, can only be that race (one interaction changes one widget), so the fill is
    applied again; anything else is the officer's edit and is kept, and the guard ends.
    """
    ss = st.session_state
    fill = ss.get("_sp_fill")
    if not fill:
        return
    before, values = fill["before"], fill["values"]
    changed = [k for k in values if values[k] != before.get(k)]
    reverted = [k for k in changed if ss.get(k) == before.get(k)]
    edited = [k for k in changed if ss.get(k) not in (before.get(k), values[k])]
    if fill["drawn"] and len(reverted) >= 2 and not edited:
        for k in reverted:
            ss[k] = values[k]
    elif fill["drawn"]:
        ss["_sp_fill"] = None
    else:
        fill["drawn"] = True


WHATIFS = {
    "with end-to-end encryption": lambda p: dataclasses.replace(p, features=sorted(set(p.features) | {"e2ee"})),
    "without end-to-end encryption": lambda p: dataclasses.replace(p, features=[f for f in p.features if f != "e2ee"]),
    "with more than 7 million UK users (8,000,000)": lambda p: dataclasses.replace(p, users=8_000_000),
    "staying at 7 million UK users or fewer (7,000,000)": lambda p: dataclasses.replace(p, users=min(p.users, 7_000_000)),
    "with file-sharing": lambda p: dataclasses.replace(p, features=sorted(set(p.features) | {"file-sharing"})),
    "with every risk one level lower": lambda p: dataclasses.replace(
        p, risks={h: {"high": "medium", "medium": "low", "low": "negligible"}.get(v, v) for h, v in p.risks.items()}),
}


def view_profile(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    st.subheader("Service profile explorer")
    st.session_state["_family"] = code.info.family
    st.session_state["_services"] = json.dumps(code.info.services, sort_keys=True)
    harms, features = vocabulary(st.session_state["_services"])
    types = archetypes(code.info.family)
    if not types:
        st.info(f"No built-in service archetypes describe codes of this family ({code.info.family}): "
                "describe the service yourself below.")
    st.session_state.setdefault("sp_users", 100_000)
    _keep_archetype_fill()
    titles = archetype_titles()
    st.selectbox("Start from an archetype", ["(custom)", *types], key="sp_start", on_change=_fill_from_archetype,
                 format_func=lambda k: titles.get(k, k))
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.text_input("Service name", key="sp_name", placeholder="My service")
        kinds = kind_choices(code)
        if st.session_state.get("sp_kind") not in kinds:
            st.session_state["sp_kind"] = next(iter(kinds))
        c2.radio("Kind", list(kinds), key="sp_kind", horizontal=True, format_func=lambda k: kinds[k])
        if st.session_state.get("sp_kind") == "search":
            c3.radio("Search type", ["general", "vertical"], key="sp_search_type", horizontal=True)
        st.number_input("Monthly active UK users", min_value=0, step=100_000, key="sp_users",
                        help="Large = more than 7,000,000.")
        st.caption(f"{int(st.session_state.get('sp_users') or 0):,} monthly active UK users "
                   f"({'large' if int(st.session_state.get('sp_users') or 0) > 7_000_000 else 'not large'}).")
        r1, r2, r3 = st.columns(3)
        for col, level in zip((r1, r2, r3), LEVELS):
            col.multiselect(f"Harms at {level} risk", list(harms), key=f"sp_risk_{level}",
                            format_func=lambda h: harms[h])
        st.caption("Harms not listed are negligible. Multi-risk = medium or high risk for at least two kinds of harm.")
        st.multiselect("Features", list(features), key="sp_features", format_func=lambda f: features[f])
    profile, problems = validate(_profile_from_state(), code)
    if problems:
        for p in problems:
            st.error(p)
        return
    st.session_state["current_profile"] = dataclasses.asdict(profile)
    result = statuses(code, profile)
    by_status: dict[str, list[MeasureStatus]] = {k: [] for k in STATUS_WORDS}
    for m in code.measures:
        s = result.get(m.id)
        if s:
            by_status.setdefault(s.status, []).append(s)
    cols = st.columns(len(by_status))
    for col, (status, items) in zip(cols, by_status.items()):
        col.metric(status_label(status), f"{len(items):,}")
    status_legend()
    tabs = st.tabs([f"{status_label(s)} ({len(v):,})" for s, v in by_status.items()])
    for tab, (status, items) in zip(tabs, by_status.items()):
        with tab:
            if items:
                st.dataframe(pd.DataFrame([{"measure": s.measure, "title": code.measure(s.measure).title,
                                            "status": s.status, "reason": reason_words(s.status, s.reason)}
                                           for s in items]),
                             hide_index=True, width="stretch")
            else:
                st.caption("None.")

    ids = [m.id for m in code.measures if m.id in result]
    if ids:
        if st.session_state.get("sp_lookup") not in ids:
            st.session_state["sp_lookup"] = (by_status.get("qualified") or [result[ids[0]]])[0].measure
        mid = st.selectbox("Explain one measure for this service", ids, key="sp_lookup",
                           format_func=lambda i: measure_label(code, i))
        explain_status(code, result[mid], profile.name)

    st.subheader("What if …")
    on = st.toggle("Show what changes if the service changes", key="sp_whatif_on")
    if on:
        change = st.selectbox("Change", list(WHATIFS), key="sp_whatif")
        other, problems = validate(dataclasses.replace(WHATIFS[change](profile), name=f"{profile.name} {change}"), code)
        if problems:
            st.error("; ".join(problems))
            return
        wi = _whatif(code.info.sha256, _profile_key(profile), _profile_key(other), code)
        diff = [{"measure": c.measure, "title": c.title, "now": c.before.status, change: c.after.status,
                 "why": reason_words(c.after.status, c.after.reason),
                 "measures that depend on it": ", ".join(c.dependents)}
                for c in wi.changes]
        if diff:
            verb = "measure changes" if len(diff) == 1 else "measures change"
            st.write(f"**{len(diff):,} {verb} status {change}:**")
            st.dataframe(pd.DataFrame(diff), hide_index=True, width="stretch")
        else:
            st.success(f"No measure changes status {change}.")


def _when(t: float) -> str:
    import time as _time

    return _time.strftime("%d %b %Y %H:%M", _time.localtime(t)) if t else ""


def _save_note(ctx: Ctx, m: Measure) -> None:
    """Form callback: add a note, or save the edit of the one being edited (its old wording is
    kept as a version). Runs before the page is drawn again, so the list shows the result."""
    ss = st.session_state
    target = ss.get(f"note_target_{m.id}") or None
    position = ss.get(f"note_pos_{m.id}")
    position = None if position in (None, "(none)") else position
    text = ss.get(f"note_text_{m.id}", "")
    author = ss.get(f"note_author_{m.id}", "")
    ss["note_author"] = author  # remembered for the next note, in any measure
    editing = ss.get(f"note_edit_{m.id}")
    page = (m.paragraph(target).page if target and m.paragraph(target) else m.page_start)
    if not text.strip():
        ss["_note_saved"] = ("warning", "Nothing saved: the note is empty.")
        return
    if editing:
        ctx.notes.update(editing, text, position, author)
        ss["_note_saved"] = ("success", f"Saved your change to the note on {citation(m.id, target, page)}; "
                                        "the earlier wording is kept in its history.")
        ss[f"note_edit_{m.id}"] = None
    else:
        ctx.notes.add(ctx.sha, ctx.code.info.short_name, m.id, text, position, target,
                      source_file=ctx.code.info.source_file, author=author)
        ss["_note_saved"] = ("success", f"Saved note on {citation(m.id, target, page)}.")
    ss[f"note_text_{m.id}"] = ""  # ready for the next note; the saved one is listed above


def _start_edit(m: Measure, note_id: str, text: str, position: str | None, paragraph: str | None,
                author: str) -> None:
    """Button callback: the form shows the note's existing wording, to be changed."""
    ss = st.session_state
    ss[f"note_edit_{m.id}"] = note_id
    ss[f"note_text_{m.id}"] = text
    ss[f"note_pos_{m.id}"] = position or "(none)"
    ss[f"note_target_{m.id}"] = paragraph or ""
    ss[f"note_author_{m.id}"] = author


def _cancel_edit(m: Measure) -> None:
    st.session_state[f"note_edit_{m.id}"] = None
    st.session_state[f"note_text_{m.id}"] = ""


def _ask_delete(note_id: str | None) -> None:
    st.session_state["note_delete_pending"] = note_id


def _confirm_delete(ctx: Ctx, note_id: str) -> None:
    ctx.notes.delete(note_id)
    st.session_state["note_delete_pending"] = None
    st.session_state["_note_saved"] = ("success", "Note deleted.")


def _note_card(ctx: Ctx, m: Measure, n, where: str) -> None:
    """One note: its target, position, author and time, its text, its history, Edit and Delete."""
    with st.container(border=True):
        meta = [n.target, n.position or "no position"]
        if n.author:
            meta.append(f"by {n.author}")
        meta.append(f"{'edited' if n.updated - n.created > 1 else 'written'} {_when(n.updated)}")
        if not n.same_document:
            meta.append("made on another edition of this code")
        st.markdown(f'<div class="note-meta">{highlight.render(" · ".join(meta), [])}</div>'
                    f'<div class="para">{highlight.render(n.text, [])}</div>', unsafe_allow_html=True)
        if not n.same_document:
            return
        history = ctx.notes.history(n.id)
        if history:
            with st.expander(f"Earlier versions ({len(history)})"):
                for v in reversed(history):
                    st.markdown(f'<div class="note-meta">{highlight.render(_when(v.updated), [])} · '
                                f'{highlight.render(v.position or "no position", [])}</div>'
                                f'<div class="para">{highlight.render(v.text, [])}</div>', unsafe_allow_html=True)
        if st.session_state.get("note_delete_pending") == n.id:
            st.warning("Delete this note? It disappears from every view and export.")
            a, b = st.columns(2)
            a.button("Yes, delete it", key=f"note_del_yes_{where}_{n.id}", on_click=_confirm_delete,
                     args=(ctx, n.id), type="primary")
            b.button("No, keep it", key=f"note_del_no_{where}_{n.id}", on_click=_ask_delete, args=(None,))
            return
        a, b, _ = st.columns([1, 1, 4])
        a.button("Edit", key=f"note_edit_btn_{where}_{n.id}", on_click=_start_edit,
                 args=(m, n.id, n.text, n.position, n.paragraph, n.author))
        b.button("Delete", key=f"note_del_{where}_{n.id}", on_click=_ask_delete, args=(n.id,))


def _note_form(ctx: Ctx, m: Measure) -> None:
    ss = st.session_state
    targets = [""] + [p.number for p in m.paragraphs]
    if ss.get(f"note_target_{m.id}") not in targets:
        ss[f"note_target_{m.id}"] = ""
    ss.setdefault(f"note_author_{m.id}", ss.get("note_author", ""))
    editing = ss.get(f"note_edit_{m.id}")
    with st.form(key=f"note_form_{m.id}", clear_on_submit=False):
        st.markdown("**Edit the note**" if editing else "**Add a note**")
        c1, c2 = st.columns([2, 1])
        c1.selectbox("On", targets, key=f"note_target_{m.id}", disabled=bool(editing),
                     format_func=lambda t: f"paragraph {t}" if t else "the whole measure")
        c2.text_input("Your name (optional)", key=f"note_author_{m.id}")
        st.radio("Position", ["(none)", *POSITIONS], horizontal=True, key=f"note_pos_{m.id}")
        st.text_area("Note", key=f"note_text_{m.id}", height=100)
        st.form_submit_button("Save changes" if editing else "Save note", on_click=guarded,
                              args=(_save_note, ctx, m))
    if editing:
        st.button("Cancel the edit", key=f"note_cancel_{m.id}", on_click=_cancel_edit, args=(m,))
    saved = ss.pop("_note_saved", None)
    if saved:
        (st.success if saved[0] == "success" else st.warning)(saved[1])


def notes_panel(ctx: Ctx, m: Measure, where: str) -> None:
    """Every note on a measure (each paragraph may carry several), then the form to add or edit."""
    notes = ctx.notes.for_measure(ctx.sha, ctx.code.info.short_name, m.id)
    order = {p.number: i for i, p in enumerate(m.paragraphs)}
    notes.sort(key=lambda n: (n.paragraph is not None, order.get(n.paragraph or "", 0), n.created))
    if not notes:
        st.caption("No notes on this measure yet.")
    for n in notes:
        _note_card(ctx, m, n, where)
    _note_form(ctx, m)


def _service_choices() -> tuple[list[str], dict[str, str]]:
    titles = archetype_titles()
    keys = (["(current)"] if st.session_state.get("current_profile") else []) + list(archetypes())
    names = {"(current)": f"the service described in Service profile "
                          f"({(st.session_state.get('current_profile') or {}).get('name', '')})", **titles}
    return ["(none)", *keys], names


def measure_service_status(ctx: Ctx, m: Measure) -> None:
    """The measure's status for the service being examined, with its reason, above the text."""
    keys, names = _service_choices()
    if st.session_state.get("m_service") not in keys:
        st.session_state["m_service"] = "(current)" if "(current)" in keys else "(none)"
    key = st.selectbox("Status for", keys, key="m_service",
                       format_func=lambda k: "no service" if k == "(none)" else names.get(k, k))
    if key == "(none)":
        st.caption("Describe a service in Service profile, or pick an archetype here, to see this measure's "
                   "status for it.")
        return
    profile = ServiceProfile(**st.session_state["current_profile"]) if key == "(current)" else archetypes()[key]
    status = statuses(ctx.code, profile).get(m.id)
    if status is None:
        return
    name = profile.name if key == "(current)" else names.get(key, key)
    w = status_words(status.status)
    st.markdown(f'<div class="status-box" style="border-left:8px solid {w.colour}"><b>{highlight.render(status_label(status.status), [])}'
                f'</b> — it {highlight.render(w.phrase, [])} {highlight.render(name, [])}. '
                f'{highlight.render(reason_words(status.status, status.reason), [])}<br>'
                f'<span class="note-meta">{highlight.render(w.label, [])}: {highlight.render(w.definition, [])}</span></div>',
                unsafe_allow_html=True)


# In the Measure view the notes rerun on their own: saving a note redraws the notes, not the
# measure's text, highlights and statuses above them (a save went from about 1 s to a fraction).
notes_fragment = st.fragment(notes_panel)


def view_measure(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    if not code.measures:
        st.info("No measures were found in this document.")
        return
    ids = [m.id for m in code.measures]
    if st.session_state.get("measure") not in ids:
        st.session_state["measure"] = ids[0]
    pos = ids.index(st.session_state["measure"])
    c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="bottom")
    c1.selectbox("Measure", ids, key="measure", format_func=lambda i: measure_label(code, i))
    c2.button("◀ Previous", key="m_prev", disabled=pos == 0, on_click=go_to_measure, args=(ids[max(pos - 1, 0)],))
    c3.button("Next ▶", key="m_next", disabled=pos == len(ids) - 1, on_click=go_to_measure,
              args=(ids[min(pos + 1, len(ids) - 1)],))
    m = code.measure(st.session_state["measure"])
    assert m is not None
    st.subheader(f"{md(m.id)}: {md(m.title)}")
    pages = f"p. {m.page_start}" if m.page_start == m.page_end else f"pp. {m.page_start}–{m.page_end}"
    st.caption(f"Chapter {md(m.chapter or '–')} {md(m.chapter_title or '')} · {pages} · {md(code.info.short_name)}"
               + (f" · {SAMPLE_LABEL}" if is_sample(ctx.doc, code) else ""))
    url = pdf_url(ctx.doc, ctx.sha)
    if url:
        # A link that opens a new tab says so (WCAG 3.2.5 advice; screen readers read the text).
        st.markdown(f'<a href="{url}#page={m.page_start}" target="_blank" rel="noopener">Open the PDF at page '
                    f'{m.page_start} (opens in a new tab)</a>', unsafe_allow_html=True)
    else:
        with open(ctx.doc.path, "rb") as fh:
            st.download_button(f"Download the PDF (go to page {m.page_start})", fh.read(),
                               file_name=Path(ctx.doc.path).name, mime="application/pdf", key="m_pdf")

    measure_service_status(ctx, m)
    scopes = scope_qualifiers(m)
    s = m.qualifier_summary
    if s:
        colour = RISK_COLOURS.get(s.loophole_risk, "#e5e7eb")
        reasons = list(s.reasons)
        # A content scope lets services out as surely as a feasibility qualifier; the loophole box
        # names it with its citation (the qualifier pass does not count it).
        for q in scopes:
            if q.in_application:
                reasons.append(f"its content scope, “{q.phrase}” ({citation(m.id, q.paragraph, q.page)}), "
                               "leaves out every service whose content is not of that kind")
        text = highlight.render("; ".join(reasons), []) if reasons else ""
        st.markdown(f'<div class="risk" style="border-left:6px solid {colour};padding:.4rem .8rem;'
                    f'background:{colour}33"><b>Loophole risk: {highlight.render(s.loophole_risk, [])}</b>'
                    + (f" — {text}" if text else "") + "</div>", unsafe_allow_html=True)
    app = m.applicability
    if app:
        words = condition_words(m)
        # An HTML block (it starts with a tag), so Markdown syntax in the document's text shows as written.
        st.markdown(f'<div class="para"><b>Applies to:</b> {highlight.render(app.text, [])}'
                    + (f"<br><i>Read as:</i> {highlight.render(words, [])}" if words else "") + "</div>",
                    unsafe_allow_html=True)
        if app.index_applies_to:
            st.caption(f"The code's index says it applies to: {md(app.index_applies_to)}")
        if app.unparsed:
            st.warning("Wording not understood (kept, not dropped): " + "; ".join(f"“{md(u)}”" for u in app.unparsed))
        for w in app.warnings:
            st.warning(md(w))
    cats = sorted({q.category for q in m.qualifiers + scopes})
    if cats:
        st.markdown('<div class="para">Qualifiers: ' + highlight.legend_html(cats) + "</div>", unsafe_allow_html=True)

    def href_for(target: str) -> str | None:
        mid = measure_for_target(code, target)
        if not mid:
            return None
        return measure_href(ctx.doc, mid)

    for p in m.paragraphs:
        body = highlight.paragraph_html(p, m.qualifiers + scopes, cross_refs=m.cross_refs, href_for=href_for)
        refs = "".join(f"<sup>{highlight.render(n, [])}</sup>" for n in p.footnote_refs)
        strength = f" · {highlight.render(p.strength, [])}" if p.strength and p.strength != "none" else ""
        cite = highlight.render(citation(m.id, p.number, p.page), [])
        if url:  # each citation opens the PDF at its own page
            cite = (f'<a href="{url}#page={int(p.page)}" target="_blank" rel="noopener" '
                    f'title="Open the PDF here (new tab)" aria-label="{cite}, opens the PDF in a new tab">{cite}</a>')
        st.markdown(f'<div class="para"><span class="num">{highlight.render(p.number, [])}</span>{body}{refs}'
                    f'<span class="cite">[{cite}{strength}]</span></div>', unsafe_allow_html=True)
    if m.footnotes:
        st.markdown("**Footnotes**")
        for f in m.footnotes:
            st.markdown(f'<div class="para"><sup>{highlight.render(f.number, [])}</sup> {highlight.render(f.text, [])} '
                        f'<span class="cite">[p. {f.page}]</span></div>', unsafe_allow_html=True)
    targets = sorted({t for r in m.cross_refs if (t := measure_for_target(code, r.target)) and t != m.id})
    if targets:
        st.markdown("**Cross-references**")
        cols = st.columns(min(len(targets), 4))
        for i, t in enumerate(targets):
            cols[i % len(cols)].button(f"Go to {t}", key=f"xref_{m.id}_{t}", on_click=go_to_measure, args=(t,))
    users = [d for d in dependents(code, m.id) if d != m.id]
    if users:
        st.markdown("**Measures that refer to this one**")
        cols = st.columns(min(len(users), 4))
        for i, t in enumerate(users):
            cols[i % len(cols)].button(f"Go to {t}", key=f"dep_{m.id}_{t}", on_click=go_to_measure, args=(t,))
    if m.qualifiers or scopes:
        with st.expander(f"Qualifiers in this measure ({len(m.qualifiers) + len(scopes)})"):
            st.dataframe(pd.DataFrame([{"citation": citation(m.id, q.paragraph, q.page), "phrase": q.phrase,
                                        "category": q.category, "qualifies": q.qualifies or "",
                                        "negated": "yes" if q.negated else "no", "rule": rule_words(q.rule)}
                                       for q in m.qualifiers + scopes]),
                         hide_index=True, width="stretch")
    st.subheader("Notes")
    notes_fragment(ctx, m, "m")


def view_search(ctx: Ctx) -> None:
    code = ctx.code
    st.subheader("Search")
    query = st.text_input("Search all measures", key="search_q",
                          placeholder='e.g. "technically feasible" or encrypted messages')
    if not query.strip():
        st.caption('Words must all occur in one paragraph; put a phrase in double quotes.')
        return
    terms = parse_query(query)
    hits = search(code, query)
    st.write(f"**{len(hits)}** hit{'s' if len(hits) != 1 else ''} in "
             f"{len({h.measure for h in hits})} measure(s).")
    for i, h in enumerate(hits[:200]):
        m = code.measure(h.measure)
        text = h.text
        spans = highlight.search_spans(text, terms)
        if h.where == "paragraph" and m:
            para = m.paragraph(h.paragraph)
            if para:
                spans += highlight.qualifier_spans(text, [q for q in m.qualifiers if q.paragraph == para.number])
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(f'<div class="para"><b>{highlight.render(h.citation(), [])}</b> '
                    f'<span class="cite">{highlight.render(h.measure_title, [])} · {h.where}</span><br>'
                    f'{highlight.render(text, spans)}</div>', unsafe_allow_html=True)
        c2.button("Open", key=f"search_open_{i}", on_click=go_to_measure, args=(h.measure,))
    if len(hits) > 200:
        st.caption("Showing the first 200 hits; narrow the search to see the rest.")


def _import_notes(ctx: Ctx) -> None:
    """Button callback: merge an uploaded notes file; a newer note on this machine always stands."""
    uploaded = st.session_state.get("notes_import_file")
    if uploaded is None:
        st.session_state["_notes_import"] = ("warning", "Choose a notes file (JSON) first.")
        return
    try:
        result = ctx.notes.import_json(uploaded.getvalue())
    except ValueError as err:
        st.session_state["_notes_import"] = ("error", f"{uploaded.name}: {err}")
        return
    st.session_state["_notes_import"] = ("success", f"{uploaded.name}: {result.summary()}.")


def view_notes(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    code = ctx.code
    st.subheader("Notes")
    notes = ctx.notes.for_code(ctx.sha, code.info.short_name)
    positions = st.multiselect("Position", ["agree", "concern", "object", "(none)"], key="notes_filter")
    shown = [n for n in notes if not positions or (n.position or "(none)") in positions]
    if shown:
        st.dataframe(pd.DataFrame([{"on": n.target, "position": n.position or "", "note": n.text,
                                    "author": n.author, "updated": _when(n.updated),
                                    "versions": 1 + len(ctx.notes.history(n.id)) if n.same_document else 1,
                                    "document": "this one" if n.same_document else f"other edition ({n.source_file})"}
                                   for n in shown]), hide_index=True, width="stretch")
    else:
        st.info("No notes yet. Write one here or in the Measure view.")
    st.subheader("Notes on one measure")
    ids = [m.id for m in code.measures]
    if ids:
        mid = st.selectbox("Measure", ids, key="notes_measure", format_func=lambda i: measure_label(code, i))
        notes_panel(ctx, code.measure(mid), "n")
    st.subheader("Share notes with your team")
    st.caption("Download every note (with its history) as a JSON file; importing a colleague's file adds their "
               "notes and takes a note of yours only where theirs is a newer version of it.")
    c1, c2 = st.columns(2)
    c1.download_button("Download all notes (JSON)", ctx.notes.export_json().encode("utf-8"),
                       file_name="analyser-notes.json", mime="application/json", key="notes_export",
                       on_click="ignore")
    with c2:
        st.file_uploader("Notes file to import (JSON)", type=["json"], key="notes_import_file")
        st.button("Import notes", key="notes_import", on_click=guarded, args=(_import_notes, ctx))
    done = st.session_state.pop("_notes_import", None)
    if done:
        {"success": st.success, "warning": st.warning, "error": st.error}[done[0]](done[1])


def _export_profile(source: str) -> ServiceProfile | None:
    if source == "current service profile":
        return ServiceProfile(**st.session_state["current_profile"])
    return archetypes().get(source)


def view_export(ctx: Ctx) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    from analyser.export import file_stem

    code = ctx.code
    st.subheader("Export for a consultation response")
    types = archetypes(code.info.family)
    sources = ["(no service)"] + (["current service profile"] if st.session_state.get("current_profile") else []) + list(types)
    c1, c2 = st.columns(2)
    titles = archetype_titles()
    source = c1.selectbox("Statuses for", sources, key="ex_source", format_func=lambda k: titles.get(k, k))
    chapters = sorted({m.chapter for m in code.measures if m.chapter})
    f_ch = c2.multiselect("Chapters (all if empty)", chapters, key="ex_chapters")
    c3, c4, c5 = st.columns(3)
    f_status = c3.multiselect("Statuses (all if empty)", list(STATUS_WORDS), key="ex_statuses",
                              disabled=source == "(no service)")
    f_risk = c4.multiselect("Loophole risk (all if empty)", ["high", "medium", "low", "none"], key="ex_risk")
    only_notes = c5.checkbox("Only measures with notes", key="ex_only_notes")
    with_text = st.checkbox("Include each measure's text with citations (Markdown and Word)", key="ex_text")
    profile = _export_profile(source)
    result = statuses(code, profile) if profile else {}
    notes = ctx.notes.for_code(ctx.sha, code.info.short_name)
    noted = {n.measure_id for n in notes}
    chosen = []
    for m in code.measures:
        risk = m.qualifier_summary.loophole_risk if m.qualifier_summary else "none"
        if (f_ch and m.chapter not in f_ch) or (f_risk and risk not in f_risk) or (only_notes and m.id not in noted):
            continue
        if profile and f_status and (m.id not in result or result[m.id].status not in f_status):
            continue
        chosen.append(m.id)
    service_name = (titles.get(source, source) if source in types else profile.name) if profile else None
    filters = {"chapters": ", ".join(f_ch), "statuses": ", ".join(f_status) if profile else "",
               "loophole risk": ", ".join(f_risk), "only measures with notes": "yes" if only_notes else ""}
    sel = build_selection(code, chosen, result, service_name, notes, filters=filters, include_text=with_text)
    st.write(f"**{len(sel.measures):,}** measures, {sum(len(m.qualifiers) for m in sel.measures):,} qualifiers, "
             f"{len(sel.notes):,} notes selected.")
    if sel.measures:
        st.dataframe(pd.DataFrame([{"measure": m.id, "title": m.title,
                                    "status": sel.statuses[m.id].status if m.id in sel.statuses else ""}
                                   for m in sel.measures]), hide_index=True, width="stretch", height=240)
        if profile:
            status_legend()
    stem = file_stem(sel)
    st.caption(f"Every file carries the document, its version, source file and sha256, the service, these filters, "
               f"the analyser version and the time. File name: {md(stem)}.<format>")
    cols = st.columns(4)
    for col, (fmt, label) in zip(cols, (("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("md", "Markdown"),
                                        ("docx", "Word (DOCX)"))):
        col.download_button(f"{label}", WRITERS[fmt](sel), file_name=f"{stem}.{fmt}", mime=MIME[fmt],
                            key=f"dl_{fmt}", disabled=not sel.measures, width="stretch",
                            on_click="ignore")  # no rerun: the next download's file stays valid
    response_draft_panel(ctx, profile, service_name)


def response_draft_panel(ctx: Ctx, profile: ServiceProfile | None, service_name: str | None) -> None:
    """A response draft for the service chosen above: what it escapes, quoted and cited."""
    from analyser import response

    st.subheader("Response draft")
    if profile is None:
        st.info("Choose a service under “Statuses for” above to draft a response about it.")
        return
    code = ctx.code
    st.caption("For each measure this service escapes or is qualified for: the wording that lets it out, quoted "
               "with paragraph and page, what changes with and without end-to-end encryption, and your notes "
               "grouped as objections, concerns and agreements.")
    raw = st.text_area("The consultation's questions (optional, one per line; the draft follows their order)",
                       key="rd_questions", height=90)
    questions = []
    ids = [m.id for m in code.measures]
    for i, line in enumerate(q for q in raw.splitlines() if q.strip()):
        chosen = st.multiselect(f"Measures for: {line.strip()[:80]}", ids, key=f"rd_q_{i}",
                                format_func=lambda mid: measure_label(code, mid))
        questions.append(response.Question(line.strip(), list(chosen)))
    draft = response.build_draft(code, profile, ctx.notes.for_code(ctx.sha, code.info.short_name), questions,
                                 service_title=service_name)
    stem = response.file_stem(draft)
    c1, c2 = st.columns(2)
    c1.download_button("Response draft (Markdown)", response.to_markdown(draft), file_name=f"{stem}.md",
                       mime=MIME["md"], key="rd_md", width="stretch", on_click="ignore")
    c2.download_button("Response draft (Word)", response.to_docx(draft), file_name=f"{stem}.docx",
                       mime=MIME["docx"], key="rd_docx", width="stretch",
                       on_click="ignore")


@st.cache_data(show_spinner=False, max_entries=16)
def _comparison(old_sha: str, new_sha: str, _old: Code, _new: Code):
    from analyser.compare import compare

    return compare(_old, _new)


def view_compare(ctx: Ctx, docs: list[Doc]) -> None:
    import pandas as pd  # on demand: the first page (Overview) does without it
    from analyser import compare_render

    st.subheader("Compare versions")
    if len(docs) < 2:
        st.info("Only one document is available: upload another edition (sidebar, “Add a document”) "
                "to compare it with this one.")
    by_key = {d.key: d for d in docs}
    keys = list(by_key)
    c1, c2 = st.columns(2)
    if st.session_state.get("cmp_old") not in by_key:
        st.session_state["cmp_old"] = ctx.doc.key
    if st.session_state.get("cmp_new") not in by_key:
        st.session_state["cmp_new"] = next((k for k in keys if k != ctx.doc.key), keys[0])
    old_key = c1.selectbox("Older edition", keys, key="cmp_old", format_func=lambda k: by_key[k].label)
    new_key = c2.selectbox("Newer edition", keys, key="cmp_new", format_func=lambda k: by_key[k].label)
    old_doc, new_doc = by_key[old_key], by_key[new_key]
    old, new = load(old_doc.path), load(new_doc.path)
    cmp = _comparison(old.info.sha256, new.info.sha256, old, new)
    if is_sample(old_doc, old) or is_sample(new_doc, new):
        st.caption(f"**{SAMPLE_LABEL}**")
    if not cmp.comparable:
        st.warning(md(cmp.message))
        return
    if not cmp.has_changes:
        st.success("No changes: the two documents say the same thing.")
    counts = cmp.counts()
    cols = st.columns(5)
    for col, key in zip(cols, ("added", "removed", "renumbered", "changed", "applicability_changes")):
        col.metric(key.replace("_", " "), counts.get(key, 0))
    with st.expander("Summary in words", expanded=True):
        st.markdown("<ul style='margin:0'>" + "".join(f"<li>{highlight.render(line, [])}</li>"
                    for line in cmp.summary_lines()) + "</ul>", unsafe_allow_html=True)
    t_changed, t_moves, t_quals, t_apply = st.tabs(["Changed measures", "Added / removed / renumbered",
                                                    "Qualifier changes", "Applicability changes"])
    with t_changed:
        if not cmp.changed:
            st.caption("No measure was reworded.")
        for c in cmp.changed:
            label = c.new_id if not c.renumbered else f"{c.old_id} → {c.new_id}"
            with st.expander(f"{label} ({len(c.changed_paragraphs)} paragraph(s) changed)",
                             expanded=len(cmp.changed) <= 3):
                if c.title:
                    o, n = compare_render.paragraph_diff_html(c.title)
                    st.markdown(f'<div class="diffcell"><b>Title:</b> {o} → {n}</div>', unsafe_allow_html=True)
                if c.application:
                    o, n = compare_render.paragraph_diff_html(c.application)
                    st.markdown(f'<div class="diffcell"><b>Application:</b> {o}<br>→ {n}</div>', unsafe_allow_html=True)
                    if c.old_condition or c.new_condition:
                        st.caption(f"Read as: {md(c.old_condition or '–')} → {md(c.new_condition or '–')}")
                for p in c.changed_paragraphs:
                    o, n = compare_render.paragraph_diff_html(p)
                    left, right = st.columns(2)
                    head_o = f"{p.old_number or '—'}" + (f" (p. {p.old_page})" if p.old_page else "")
                    head_n = f"{p.new_number or '—'}" + (f" (p. {p.new_page})" if p.new_page else "")
                    note = f" · {p.status}" + (" (moved)" if p.moved and p.status != "moved" else "")
                    left.markdown(f'<div class="diffcell"><b>{highlight.render(head_o, [])}</b>{note}<br>{o}</div>',
                                  unsafe_allow_html=True)
                    right.markdown(f'<div class="diffcell"><b>{highlight.render(head_n, [])}</b><br>{n}</div>',
                                   unsafe_allow_html=True)
    with t_moves:
        if cmp.added:
            st.markdown("**Added**")
            st.dataframe(pd.DataFrame([{"measure": m.id, "title": m.title, "pages": f"{m.page_start}–{m.page_end}",
                                        "applies to": m.application} for m in cmp.added]), hide_index=True,
                         width="stretch")
        if cmp.removed:
            st.markdown("**Removed**")
            st.dataframe(pd.DataFrame([{"measure": m.id, "title": m.title, "applies to": m.application}
                                       for m in cmp.removed]), hide_index=True, width="stretch")
        if cmp.renumbered:
            st.markdown("**Renumbered**")
            st.dataframe(pd.DataFrame([{"old": r.old_id, "new": r.new_id, "title": r.new_title,
                                        "similarity": round(r.similarity, 2)} for r in cmp.renumbered]),
                         hide_index=True, width="stretch")
        if not (cmp.added or cmp.removed or cmp.renumbered):
            st.caption("No measure was added, removed or renumbered.")
    with t_quals:
        if cmp.qualifier_changes:
            st.dataframe(pd.DataFrame([{"measure": q.measure, "paragraph": q.paragraph, "change": q.change,
                                        "phrase": q.phrase, "category": q.category,
                                        "was": q.old_category or "", "summary": q.summary}
                                       for q in cmp.qualifier_changes]), hide_index=True, width="stretch")
        else:
            st.caption("No qualifier was gained or lost.")
    with t_apply:
        if cmp.applicability_changes:
            status_legend()
            names = archetype_titles()
            st.dataframe(pd.DataFrame([{"archetype": names.get(s.archetype, s.archetype), "measure": s.new_id,
                                        "was": s.old_status,
                                        "now": s.new_status, "why now": s.new_reason}
                                       for s in cmp.applicability_changes]), hide_index=True,
                         width="stretch")
        else:
            st.caption("No archetype's status changed.")
    st.subheader("Export the comparison")
    stem = f"compare-{old.info.short_name.lower()}"
    d1, d2, d3 = st.columns(3)
    d1.download_button("Markdown", compare_render.to_markdown(cmp).encode("utf-8"), file_name=f"{stem}.md",
                       mime="text/markdown", key="cmp_md", width="stretch")
    d2.download_button("HTML", compare_render.to_html(cmp).encode("utf-8"), file_name=f"{stem}.html",
                       mime="text/html", key="cmp_html", width="stretch")
    d3.download_button("Word (DOCX)", _comparison_docx(cmp), file_name=f"{stem}.docx",
                       mime=MIME["docx"], key="cmp_docx", width="stretch")


def _comparison_docx(cmp) -> bytes:
    from analyser import compare_render

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comparison.docx"
        compare_render.to_docx(cmp, path)
        return path.read_bytes()


# ---------------------------------------------------------------------------------------------
# Main


# Widget values that must outlive a visit to another view (Streamlit forgets the value of a
# widget that is not drawn in a run unless it is written back like this before any widget).
_KEPT = ("measure", "search_q", "cmp_old", "cmp_new", "m_service", "rd_questions")
_KEPT_PREFIXES = ("sp_", "mx_", "ex_", "notes_filter", "rd_q_")


def _keep_widget_values() -> None:
    ss = st.session_state
    for key in list(ss.keys()):
        if key in _KEPT or (key.startswith(_KEPT_PREFIXES) and key != "mx_grid"):
            ss[key] = ss[key]


def main() -> None:
    _keep_widget_values()
    st.markdown(_CSS, unsafe_allow_html=True)
    _init_from_query_params()
    st.session_state.setdefault("view", "Overview")
    doc = sidebar()
    if doc is None:
        st.title("Code of Practice Analyser")
        st.info("Upload a code of practice (PDF) in the sidebar to begin.")
        return
    try:
        code = load(doc.path)
    except AnalyserError as err:
        st.error(str(err))
        return
    sha = code.info.sha256 or sha_of(doc.path)
    ctx = Ctx(doc, code, sha)
    view = st.session_state.get("view", "Overview")
    st.query_params.update({"view": view, "doc": doc.key})
    if view == "Measure" and st.session_state.get("measure"):
        st.query_params["measure"] = st.session_state["measure"]
    elif "measure" in st.query_params:
        del st.query_params["measure"]
    st.markdown(f"<h4>{highlight.render(code.info.short_name, [])} · {highlight.render(code.info.title, [])}</h4>",
                unsafe_allow_html=True)
    sample_banner(doc, code)
    damage_banner(code)
    if code.info.sample and not doc.sample:
        st.sidebar.markdown(f"**{SAMPLE_LABEL}**")
    if view == "Compare versions":
        guarded(view_compare, ctx, documents()[0])
        return
    guarded({"Overview": view_overview, "Matrix": view_matrix, "Service profile": view_profile,
             "Measure": view_measure, "Search": view_search, "Notes": view_notes,
             "Export": view_export}.get(view, view_overview), ctx)


guarded(main)
