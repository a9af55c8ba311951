"""Service profiles: load, build from CLI options, validate, and derive the facts codes use.

Why a separate module: the same profile comes from three places (a TOML file, CLI flags, the
app's form) and from the built-in archetypes, and each must be checked the same way before it
is evaluated; a typo such as ``--risk csam=high`` must fail loudly, naming the valid keys,
rather than silently count as "negligible".
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import tomllib
from pathlib import Path
from typing import Any, Callable, Iterable

from .conditions import LARGE_THRESHOLD, Vocabulary, load_vocabulary
from .errors import ServiceProfileError
from .models import ServiceProfile
from .paths import CODES_DIR

KINDS = ("u2u", "search")
SEARCH_TYPES = ("general", "vertical")
ARCHETYPES_FILE = CODES_DIR / "archetypes.toml"
_KIND_ALIASES = {"user-to-user": "u2u", "u2u": "u2u", "search": "search"}
_PROFILE_FIELDS = {"name", "title", "description", "kind", "search_type", "users", "risks", "features", "default_risk", "families"}


# ---------------------------------------------------------------------------- derived facts


def risk_level(service: ServiceProfile, harm: str) -> str:
    """The profile's level for ``harm``; harms not listed are negligible."""
    return service.risks.get(harm, "negligible")


def at_or_above(level: str, minimum: str, vocab: Vocabulary | None = None) -> bool:
    levels = (vocab or load_vocabulary()).levels
    return levels.index(level) >= levels.index(minimum)


def harms_at(service: ServiceProfile, minimum: str = "medium", group: str | None = None,
             vocab: Vocabulary | None = None) -> list[str]:
    """Harm keys at ``minimum`` or above, optionally only those of one harm group."""
    vocab = vocab or load_vocabulary()
    return [
        h for h, lvl in service.risks.items()
        if at_or_above(lvl, minimum, vocab) and (group is None or vocab.harms.get(h, {}).get("group") == group)
    ]


def risk_kinds(service: ServiceProfile, vocab: Vocabulary | None = None, group: str | None = None) -> list[str]:
    """The kinds of harm at medium or high risk, as a code counts them for "multi-risk".

    Harms that the code counts once (ICU para 5.6: image-based CSAM, CSAM URLs and grooming are
    sub-kinds of CSEA, which counts as one kind) come back as that one kind ("csea").
    """
    vocab = vocab or load_vocabulary()
    group = group if group is not None else vocab.risk_group
    kinds: list[str] = []
    for h in harms_at(service, "medium", group, vocab):
        unit = vocab.count_unit(h)
        if unit not in kinds:
            kinds.append(unit)
    return kinds


def risk_count(service: ServiceProfile, group: str | None = None, vocab: Vocabulary | None = None) -> int:
    """Number of kinds of harm at medium or high risk (the count behind "multi-risk")."""
    return len(risk_kinds(service, vocab, group))


def is_large(service: ServiceProfile, vocab: Vocabulary | None = None) -> bool:
    """Large = more than the code's threshold of users (Ofcom: 7,000,000 monthly active UK users)."""
    return service.users > (vocab.large_users if vocab else LARGE_THRESHOLD)


def is_multi_risk(service: ServiceProfile, group: str | None = None, vocab: Vocabulary | None = None) -> bool:
    """Multi-risk = medium or high risk for at least two kinds of harm, counted as the code counts."""
    return risk_count(service, group, vocab) >= 2


def is_low_risk(service: ServiceProfile, group: str | None = None, vocab: Vocabulary | None = None) -> bool:
    """Low risk = low or negligible for every kind of harm."""
    return not harms_at(service, "medium", group if group is not None else (vocab.risk_group if vocab else None), vocab)


# ---------------------------------------------------------------------------- validation


def _did_you_mean(value: str, valid: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(valid), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


MAX_USERS = 10_000_000_000  # more users than people on Earth is a typo, not a service


def validate_service(profile: ServiceProfile, source: str | Path | None = None,
                     vocab: Vocabulary | None = None) -> ServiceProfile:
    """Check every field against the vocabulary; raise ``ServiceProfileError`` naming the bad value.

    ``vocab`` is the code's (``evaluate.code_vocabulary``): a service described for the ICO code may
    have the features that code declares ("parental-controls"), and a kind it declares.
    Returns the profile (normalised: kind aliases, lower-case keys, sorted unique features) so
    callers can chain it.
    """
    vocab = vocab or load_vocabulary()

    def fail(cause: str) -> None:
        raise ServiceProfileError(source, f"service profile '{profile.name}': {cause}")

    if not isinstance(profile.name, str):
        fail("name must be text")
    kinds = {**{k: k for k in vocab.kinds}, **_KIND_ALIASES}
    raw_kind = str(profile.kind).strip().lower() if isinstance(profile.kind, str) else None
    kind = kinds.get(raw_kind) if raw_kind is not None else None
    if kind is None:
        fail(f"unknown kind '{profile.kind}'{_did_you_mean(str(raw_kind), kinds) if raw_kind else ''}; "
             f"valid kinds: {', '.join(dict.fromkeys(kinds.values()))}")
    profile.kind = kind
    if isinstance(profile.users, bool) or not isinstance(profile.users, int):
        try:
            if isinstance(profile.users, bool) or isinstance(profile.users, str):
                raise ValueError
            as_float = float(profile.users)
            if as_float != as_float or as_float in (float("inf"), float("-inf")) or as_float != int(as_float):
                raise ValueError
            profile.users = int(as_float)
        except (TypeError, ValueError, OverflowError):
            fail(f"users must be a whole number of monthly active UK users, not '{profile.users}'")
    if profile.users < 0:
        fail(f"users cannot be negative ({profile.users:,}); give the number of monthly active UK users")
    if profile.users > MAX_USERS:
        fail(f"users = {profile.users:,} is more than there are people; give the number of monthly active UK users")
    if profile.kind == "search":
        if profile.search_type is None:
            fail(f"a search service needs a search_type: {' or '.join(SEARCH_TYPES)}")
        st = str(profile.search_type).strip().lower()
        if st not in SEARCH_TYPES:
            fail(f"unknown search_type '{profile.search_type}'; valid search types: {', '.join(SEARCH_TYPES)}")
        profile.search_type = st
    elif profile.search_type not in (None, ""):
        fail(f"search_type '{profile.search_type}' is only for search services, but kind is '{profile.kind}'")
    else:
        profile.search_type = None
    if not isinstance(profile.risks or {}, dict):
        fail("risks must be a table of harm = level")
    if not isinstance(profile.features or [], (list, tuple)):
        fail("features must be a list of feature names, e.g. [\"e2ee\", \"direct-messaging\"]")
    risks: dict[str, str] = {}
    for harm, level in (profile.risks or {}).items():
        key = str(harm).strip().lower().replace("_", "-")
        if key not in vocab.harms:
            fail(f"unknown harm '{harm}'{_did_you_mean(key, vocab.harms)}; valid harms: {', '.join(vocab.harms)}")
        lvl = str(level).strip().lower()
        if lvl not in vocab.levels:
            fail(f"unknown risk level '{level}' for harm '{key}'; valid levels: {', '.join(vocab.levels)}")
        risks[key] = lvl
    profile.risks = risks
    features: list[str] = []
    for feat in profile.features or []:
        if not isinstance(feat, str):
            fail(f"features must be names (text), not {feat!r}")
        key = str(feat).strip().lower().replace("_", "-")
        if key not in vocab.features:
            fail(
                f"unknown feature '{feat}'{_did_you_mean(key, vocab.features)}; "
                f"valid features: {', '.join(vocab.features)}"
            )
        if key not in features:
            features.append(key)
    profile.features = features
    return profile


# ---------------------------------------------------------------------------- construction


def profile_from_mapping(data: dict[str, Any], name: str | None = None, source: str | Path | None = None,
                         vocab: Vocabulary | None = None) -> ServiceProfile:
    """A validated profile from a TOML-shaped mapping (``default_risk`` fills unlisted harms)."""
    unknown = set(data) - _PROFILE_FIELDS
    if unknown:
        raise ServiceProfileError(
            source, f"unknown field(s) {', '.join(sorted(unknown))}; valid fields: {', '.join(sorted(_PROFILE_FIELDS))}"
        )
    risks = data.get("risks", {}) or {}
    if not isinstance(risks, dict):
        raise ServiceProfileError(source, "risks must be a table of harm = level")
    default = data.get("default_risk")
    if default is not None:
        vocab = vocab or load_vocabulary()
        if str(default).lower() not in vocab.levels:
            raise ServiceProfileError(
                source, f"unknown default_risk '{default}'; valid levels: {', '.join(vocab.levels)}"
            )
        risks = {**{h: str(default).lower() for h in vocab.harms}, **risks}
    features = data.get("features", []) or []
    if isinstance(features, str):
        features = [features]
    if not isinstance(features, list):
        raise ServiceProfileError(source, "features must be a list of feature names, e.g. [\"e2ee\", \"direct-messaging\"]")
    for key in ("name", "description", "search_type"):
        if data.get(key) is not None and not isinstance(data.get(key), str):
            raise ServiceProfileError(source, f"{key} must be text, not {type(data[key]).__name__}")
    profile = ServiceProfile(
        name=str(data.get("name") or name or (Path(source).stem if source else "service")),
        kind=data.get("kind", "u2u"),
        search_type=data.get("search_type"),
        users=data.get("users", 0),
        risks=dict(risks),
        features=list(features),
        description=str(data.get("description", "")),
    )
    return validate_service(profile, source, vocab)


MAX_SERVICE_FILE = 1 << 20  # a service profile is a few lines; a megabyte is not one


def load_service(path: str | Path, vocab: Vocabulary | None = None) -> ServiceProfile:
    """Read a service profile from a TOML file (fields as in ``codes/archetypes.toml``)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ServiceProfileError(path, "is a folder, not a service profile file")
        if path.is_file() and path.stat().st_size > MAX_SERVICE_FILE:
            raise ServiceProfileError(path, f"is {path.stat().st_size:,} bytes; a service profile is a small TOML file")
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ServiceProfileError(path, "service profile file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise ServiceProfileError(path, f"not valid TOML ({err})") from None
    except (UnicodeDecodeError, RecursionError):
        raise ServiceProfileError(path, "not valid TOML (not UTF-8 text, or nested too deeply)") from None
    except OSError as err:
        raise ServiceProfileError(path, f"cannot be read ({err.strerror or err})") from None
    if "service" in data and isinstance(data["service"], dict):
        data = data["service"]
    return profile_from_mapping(data, source=path, vocab=vocab)


def service_from_options(
    kind: str = "u2u",
    users: int = 0,
    risks: Iterable[str] = (),
    features: Iterable[str] = (),
    search_type: str | None = None,
    name: str = "service",
    vocab: Vocabulary | None = None,
) -> ServiceProfile:
    """A profile from CLI-style options: ``risks`` as "harm=level" strings ("csam-image=high").

    ``kind`` may also be "search/general" or "search/vertical".
    """
    if kind and "/" in kind:
        kind, _, st = kind.partition("/")
        search_type = search_type or st
    parsed: dict[str, str] = {}
    for item in risks:
        harm, sep, level = str(item).partition("=")
        if not sep or not harm.strip() or not level.strip():
            raise ServiceProfileError(None, f"risk '{item}' must be written harm=level, e.g. csam-image=high")
        parsed[harm.strip()] = level.strip()
    profile = ServiceProfile(
        name=name, kind=kind, search_type=search_type, users=users, risks=parsed, features=list(features)
    )
    return validate_service(profile, vocab=vocab)


OFCOM_FAMILY = "ofcom-osa"


@functools.lru_cache(maxsize=4)
def _archetypes_cached(path: str) -> tuple[tuple[str, str, tuple[str, ...], ServiceProfile], ...]:
    from .conditions import vocabulary_for

    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for key, entry in (data.get("archetypes") or {}).items():
        entry = dict(entry)
        title = str(entry.pop("name", key))
        entry.pop("title", None)
        # which code families the archetype describes (Ofcom's when unsaid: the file began with them)
        families = tuple(entry.pop("families", [OFCOM_FAMILY]))
        vocab = vocabulary_for(_family_services(families[0])) if families else None
        profile = profile_from_mapping(entry, name=key, source=path, vocab=vocab)
        profile.name = key
        out.append((key, title, families, profile))
    return tuple(out)


def _family_services(family: str) -> dict[str, Any]:
    """The [services] table of the first shipped profile of ``family`` (its features and kinds)."""
    from .profiles import list_profiles, load_profile

    for name in list_profiles():
        prof = load_profile(name)
        if prof.family == family:
            return prof.services
    return {}


def load_archetypes(path: str | Path | None = None, family: str | None = None) -> list[ServiceProfile]:
    """The built-in archetypes (``codes/archetypes.toml``) in file order; ``name`` is the contract key.

    ``family`` keeps those that describe services of that code family ("ofcom-osa", "eu-gpai"); a
    family with none gives an empty list, and the app says so rather than show Ofcom's services
    against a code they do not fit. Profiles are copies so that a caller editing one (a what-if)
    never changes the cached set.
    """
    import copy

    return [copy.deepcopy(p) for _key, _title, fams, p in _archetypes_cached(str(path or ARCHETYPES_FILE))
            if family is None or family in fams]


def archetypes_by_name(path: str | Path | None = None, family: str | None = None) -> dict[str, ServiceProfile]:
    """The archetypes keyed by name ("large-social-network")."""
    return {p.name: p for p in load_archetypes(path, family)}


def archetype_titles(path: str | Path | None = None) -> dict[str, str]:
    """Human titles of the archetypes ("Large social network"), for column headings."""
    return {key: title for key, title, _f, _p in _archetypes_cached(str(path or ARCHETYPES_FILE))}


def with_changes(
    profile: ServiceProfile,
    *,
    add_features: Iterable[str] = (),
    remove_features: Iterable[str] = (),
    users: int | None = None,
    risks: dict[str, str] | None = None,
    name: str | None = None,
    vocab: Vocabulary | None = None,
) -> ServiceProfile:
    """A validated copy of ``profile`` with some facts changed: the "B" side of a what-if."""
    import copy

    new = copy.deepcopy(profile)
    new.features = [f for f in new.features if f not in set(remove_features)] + [
        f for f in add_features if f not in new.features
    ]
    if users is not None:
        new.users = users
    if risks:
        new.risks.update(risks)
    new.name = name or f"{profile.name} (changed)"
    return validate_service(new, vocab=vocab)


# ---------------------------------------------------------------------------- what-if changes

def _lower_risks(p: ServiceProfile) -> ServiceProfile:
    lower = {"high": "medium", "medium": "low", "low": "negligible"}
    return dataclasses.replace(p, risks={h: lower.get(v, v) for h, v in p.risks.items()})


# The changes the app's what-if offers, in the words it shows: each turns a profile into the
# "B" side (validated by the caller against the code's vocabulary). Kept here, beside the other
# facts about services, so that the app only picks one and never decides what a change means.
WHATIF_CHANGES: dict[str, Callable[[ServiceProfile], ServiceProfile]] = {
    "with end-to-end encryption": lambda p: dataclasses.replace(p, features=sorted(set(p.features) | {"e2ee"})),
    "without end-to-end encryption": lambda p: dataclasses.replace(p, features=[f for f in p.features if f != "e2ee"]),
    "with more than 7 million UK users (8,000,000)": lambda p: dataclasses.replace(p, users=8_000_000),
    "staying at 7 million UK users or fewer (7,000,000)": lambda p: dataclasses.replace(p, users=min(p.users, 7_000_000)),
    "with file-sharing": lambda p: dataclasses.replace(p, features=sorted(set(p.features) | {"file-sharing"})),
    "with every risk one level lower": _lower_risks,
}
