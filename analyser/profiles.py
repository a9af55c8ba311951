"""Code profiles: how one family of codes numbers its measures, as data.

A profile is a TOML file under ``codes/profiles/`` (the keys are documented at the top of
``codes/profiles/icu.toml``). The extractor knows layout (fonts, positions); everything that
differs between regulators (measure ID pattern, paragraph numbering, chapter headings,
application wording, the index table) comes from here, so that a new regulator's code is
supported by writing a profile, not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import safe_regex
from .errors import ProfileError
from .paths import CODES_DIR

PROFILES_DIR = CODES_DIR / "profiles"

DEFAULT_ITEM_LABELS = [r"^\((?P<label>[a-z]{1,2})\)", r"^\((?P<label>[ivxlc]{1,6})\)", r"^(?P<label>\d{1,2})\.",
                       r"^(?P<label>[a-z])\.", r"^(?P<label>[ivxlc]{1,6})\."]
DEFAULT_CAPTION = r"^(?:Figure|Table|Box|Chart)\s+\d+[.:]"


@dataclass
class CrossRefRule:
    regex: re.Pattern
    kind: str  # "measure" or "paragraph"
    target: str  # template over the match's named groups
    # one further item of a list or range after a match ("ICU C1 and C2", "A2.3 to A2.5"): its
    # groups fill the same template, a group it leaves empty keeps the first match's value
    list_item: re.Pattern | None = None


@dataclass
class Profile:
    name: str
    family: str
    short_name: str
    kind: str
    publisher: str | None
    title: str
    source: str  # file the profile came from
    detect_phrases: list[str] = field(default_factory=list)
    detect_id: re.Pattern | None = None
    measure_heading: re.Pattern = re.compile(r"^$")
    measure_id: str = "{number}"
    chapter_heading: re.Pattern | None = None
    # [chapters]: titles only for a code that prints none; titles a document prints are read from it
    chapters: dict[str, str] = field(default_factory=dict)
    paragraph_number: re.Pattern | None = None  # None: unnumbered paragraphs
    item_labels: list[re.Pattern] = field(default_factory=list)
    application_phrase: re.Pattern | None = None
    application_heading: re.Pattern | None = None
    index_title: re.Pattern | None = None
    index_columns: dict[str, re.Pattern] = field(default_factory=dict)
    index_id: re.Pattern | None = None
    crossrefs: list[CrossRefRule] = field(default_factory=list)
    end_headings: list[re.Pattern] = field(default_factory=list)
    caption: re.Pattern | None = None
    sample_phrase: re.Pattern | None = None
    version: re.Pattern | None = None
    services: dict[str, Any] = field(default_factory=dict)  # [services]: scope, kinds, features, harms, counting
    application_intros: tuple[Any, ...] = ()  # [application] intros: this code's own sentence openings
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def measure_id_pattern(self) -> re.Pattern | None:
        """How this code writes a measure ID in running text (its first measure cross-reference rule)."""
        return next((r.regex for r in self.crossrefs if r.kind == "measure"), None)

    @property
    def numbered_paragraphs(self) -> bool:
        return self.paragraph_number is not None

    def make_id(self, groups: dict[str, str | None]) -> str:
        return _fill(self.measure_id, groups)


def _fill(template: str, groups: dict[str, str | None]) -> str:
    values = {k: (v or "") for k, v in groups.items()}
    values.setdefault("short_name", "")
    try:
        return re.sub(r"\s+", " ", template.format(**values)).strip()
    except KeyError as err:
        raise ProfileError(None, f"template {template!r} uses unknown group {err}") from None


def _compile(path: Path, where: str, pattern: str | None, flags: int = 0) -> re.Pattern | None:
    if not pattern:
        return None
    if not isinstance(pattern, str):
        raise ProfileError(path, f"{where} must be a regular expression in a string, not {type(pattern).__name__}")
    safe_regex.check(pattern, path, where, ProfileError)  # no pattern that can hang on a line
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise ProfileError(path, f"bad regular expression in {where}: {err}") from None


def _check_template(path: Path, where: str, template: Any, groups: set[str]) -> str:
    """A template such as "ICU {number}" may only name the pattern's groups (and short_name)."""
    import string

    if not isinstance(template, str):
        raise ProfileError(path, f"{where} must be a string such as \"ICU {{number}}\"")
    try:
        fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f is not None]
    except ValueError as err:
        raise ProfileError(path, f"{where} {template!r} is not a valid template ({err})") from None
    for f in fields:
        if not f.isidentifier():
            raise ProfileError(path, f"{where} {template!r}: write placeholders as {{group}} with a group name, not {{{f}}}")
        if f not in groups and f != "short_name":
            raise ProfileError(path, f"{where} {template!r} uses {{{f}}}, which the pattern does not capture "
                                     f"(its groups: {', '.join(sorted(groups)) or 'none'})")
    return template


def _services(path: Path, data: dict[str, Any], kind: str) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """Check the [services] table and [application] intros; one line naming the key when wrong."""
    from .conditions import compile_intros, is_understood, parse_application, vocabulary_for

    services = data.get("services", {})
    if not isinstance(services, dict):
        raise ProfileError(path, "[services] must be a table")
    app = data.get("application", {})
    intros_raw = app.get("intros", []) if isinstance(app, dict) else []
    if not isinstance(intros_raw, list):
        raise ProfileError(path, "[application] intros must be a list of tables ([[application.intros]])")
    try:
        vocab = vocabulary_for(services)
        intros = compile_intros(intros_raw, "[application]")
    except ValueError as err:
        raise ProfileError(path, str(err)) from None
    scopes = [("[services] scope", vocab.scope)] if vocab.scope.strip() else []
    scopes += [(f"[[services.parts]] '{part.label}' scope", part.scope) for part in vocab.parts]
    for where, words in scopes:
        parsed = parse_application(words, "any", vocab)
        if not is_understood(parsed.condition):
            raise ProfileError(path, f"{where} '{words}' was not understood "
                                     f"(not understood: {'; '.join(parsed.unparsed) or words}); "
                                     f"declare its features under [services.features]")
    return services, intros


def _from_toml(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ProfileError(path, f"cannot read profile: {err}") from None
    for key in ("family", "short_name"):
        if key not in data:
            raise ProfileError(path, f"profile lacks the key {key!r}")
    measure = data.get("measure", {})
    if "heading" not in measure:
        raise ProfileError(path, "profile lacks [measure] heading")
    short = data["short_name"]
    if not isinstance(short, str) or not isinstance(data["family"], str):
        raise ProfileError(path, "family and short_name must be strings")
    if not isinstance(measure, dict):
        raise ProfileError(path, "[measure] must be a table with heading and id")
    detect = data.get("detect", {})
    para = data.get("paragraph", {})
    items = data.get("items", {})
    app = data.get("application", {})
    index = data.get("index", {})
    chapter = data.get("chapter", {})
    c = lambda where, pat, flags=0: _compile(path, where, pat, flags)  # noqa: E731
    rules = []
    for i, rule in enumerate(data.get("crossrefs", [])):
        if "regex" not in rule or rule.get("kind") not in ("measure", "paragraph"):
            raise ProfileError(path, f"crossrefs[{i}] needs regex and kind 'measure' or 'paragraph'")
        rules.append(
            CrossRefRule(
                c(f"crossrefs[{i}]", rule["regex"]),
                rule["kind"],
                rule.get("target", "{target}"),
                c(f"crossrefs[{i}].list_item", rule.get("list_item")),
            )
        )
    heading = c("measure.heading", measure["heading"])
    if "number" not in heading.groupindex:
        raise ProfileError(path, f"[measure] heading {measure['heading']!r} needs a named group (?P<number>...) "
                                 f"for the measure's number")
    measure_id = _check_template(path, "[measure] id", measure.get("id", short + " {number}"), set(heading.groupindex))
    services, intros = _services(path, data, data.get("kind", "any"))
    return Profile(
        name=data.get("name", path.stem),
        family=data["family"],
        short_name=short,
        kind=data.get("kind", "any"),
        publisher=data.get("publisher"),
        title=data.get("title", ""),
        source=str(path),
        detect_phrases=[p.lower() for p in detect.get("phrases", [])],
        detect_id=c("detect.id_regex", detect.get("id_regex")),
        measure_heading=heading,
        measure_id=measure_id,
        chapter_heading=c("chapter.heading", chapter.get("heading")),
        chapters=dict(data.get("chapters", {})),
        paragraph_number=c("paragraph.number", para.get("number")),
        item_labels=[c("items.labels", p) for p in items.get("labels", DEFAULT_ITEM_LABELS)],
        application_phrase=c("application.phrase", app.get("phrase"), re.I),
        application_heading=c("application.heading", app.get("heading"), re.I),
        index_title=c("index.title", index.get("title"), re.I),
        index_columns={k: c(f"index.columns.{k}", v, re.I) for k, v in index.get("columns", {}).items()},
        index_id=c("index.id_regex", index.get("id_regex")),
        crossrefs=rules,
        end_headings=[c("end.headings", p, re.I) for p in data.get("end", {}).get("headings", [])],
        caption=c("caption", data.get("caption", DEFAULT_CAPTION)),
        sample_phrase=c("sample_phrase", data.get("sample_phrase", r"\bsample\b|not (?:the )?official text"), re.I),
        version=c("version", data.get("version")),
        services=services,
        application_intros=intros,
        raw=data,
    )


def list_profiles() -> list[str]:
    """Names of the shipped profiles."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml") if not p.stem.startswith("_"))


_CACHE: dict[str, Profile] = {}


def load_profile(name_or_path: str | Path) -> Profile:
    """A shipped profile by name ("icu") or any profile file by path."""
    path = Path(str(name_or_path))
    if not (path.suffix == ".toml" and path.exists()):
        path = PROFILES_DIR / f"{str(name_or_path).lower()}.toml"
        if not path.exists():
            raise ProfileError(
                name_or_path, f"no such profile (known: {', '.join(list_profiles())}; or give a .toml path)"
            )
    # keyed by file and modification time: an edited profile is read again
    key = f"{path.resolve()}:{path.stat().st_mtime_ns}"
    if key not in _CACHE:
        _CACHE[key] = _from_toml(path)
    return _CACHE[key]


def score_profile(profile: Profile, text: str, head: str | None = None) -> int:
    """How well ``text`` fits ``profile``: title phrases near the front weigh most, then ID hits."""
    head = (head if head is not None else text[:6000]).lower()
    score = 0
    for phrase in profile.detect_phrases:
        if phrase in head:
            score += 25
    if profile.detect_id is not None:
        score += min(len(profile.detect_id.findall(text)), 500)
    return score


def detect_profile(text: str, head: str | None = None) -> Profile | None:
    """The shipped profile that best fits the document text, or None when none fits.

    A profile must see at least three of its measure IDs, or one of its title phrases and one ID,
    so that unrelated prose never gets a profile by accident.
    """
    best: tuple[int, Profile] | None = None
    for name in list_profiles():
        profile = load_profile(name)
        hits = len(profile.detect_id.findall(text)) if profile.detect_id else 0
        score = score_profile(profile, text, head)
        phrase_hit = score - min(hits, 500) > 0
        if hits < 3 and not (phrase_hit and hits >= 1):
            continue
        if best is None or score > best[0]:
            best = (score, profile)
    return best[1] if best else None
