"""``load_code``: the whole analysis of one PDF, cached by its sha256.

Extraction, qualifier flagging and applicability resolution always run together here, so
every face (CLI, app, tests) gets the same complete ``Code`` and the cache holds one thing.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, rules_key
from .extraction.digest import sha256_of

if TYPE_CHECKING:  # a cached open imports neither the model classes nor the extraction
    from .models import Code

__all__ = ["load_code", "load_code_json", "rules_files", "sha256_of"]


# the rules part of the cache key lives in rules_key (shared with the cached open before argparse,
# cli_cached); PRESENTATION_MODULES stays importable from here, where the cache key tests look for it
PRESENTATION_MODULES = rules_key.PRESENTATION_MODULES


def rules_files() -> list[Path]:
    """Every file whose content decides an analysis, besides the PDF itself (the analyser's modules
    in its sub-packages too: the text layer and the extraction stages are parser code). Not the
    web app (``analyser/app/``): it only shows an analysis, and a change to a view must not make
    the app's first page wait for every document to be analysed again."""
    return [Path(name) for name in _rules_names()]


def _rules_names() -> list[str]:
    """``rules_files`` as strings, in the same order: profiles, package data, modules (``rules_key``)."""
    return rules_key.rules_walk()[0]


@functools.lru_cache(maxsize=1)
def _rules_fingerprint() -> str:
    """A digest of the data files the analysis reads (profiles, lexicon, harm vocabulary) and of the
    analyser's own modules (``rules_key.content_fingerprint``), read in full once per process.

    Part of the cache key, so that editing a profile or the lexicon, or installing a newer parser,
    re-analyses a code instead of returning an answer made under the old rules. (The package
    version alone is not bumped for every parser fix.)
    """
    return rules_key.content_fingerprint(_rules_names())


def _cache_key(profile: str | Path | None, lexicon: str | Path | None, reader: str | None) -> tuple[str, str]:
    """The reader to use, and what besides the PDF and the version decides the analysis (the cache key)."""
    from .readers import default_reader

    forced = sha256_of(profile) if profile and Path(profile).is_file() else profile or "auto"
    reader = reader or default_reader()
    return reader, rules_key.key_extra(str(forced), sha256_of(lexicon) if lexicon else "default",
                                       _rules_fingerprint(), reader)


def load_code_json(
    path: str | Path,
    profile: str | Path | None = None,
    *,
    use_cache: bool = True,
    lexicon: str | Path | None = None,
    reader: str | None = None,
    overlap: bool = False,
) -> str:
    """``plain.dumps_readable(load_code(...).to_dict())``, what ``extract --format json`` prints; on a
    cache hit, the stored text with only the file name changed, no ``Code`` rebuilt and no JSON parsed
    but the ``code`` head (a cached open of an 879-page code: 0.46 -> about 0.15 s of CPU)."""
    from . import cache
    from .plain import dumps_readable, renamed

    path = Path(path)
    if use_cache and path.is_file():
        _, key_extra = _cache_key(profile, lexicon, reader)
        hit = cache.get_text(sha256_of(path), __version__, key_extra)
        text = renamed(hit, path.name) if hit is not None else None  # named as load_code names a hit
        if text is not None:
            return text
        # not in the layout put writes (a row of an older release, or a damaged one): load_code reads
        # it the slow way, or drops it and analyses
    code, text = _load_code(path, profile, use_cache=use_cache, lexicon=lexicon, reader=reader, overlap=overlap)
    return text if text is not None else dumps_readable(code.to_dict())


def load_code(
    path: str | Path,
    profile: str | Path | None = None,
    *,
    use_cache: bool = True,
    lexicon: str | Path | None = None,
    progress=None,
    reader: str | None = None,
    overlap: bool = False,
) -> Code:
    """Analyse ``path`` (extract, flag qualifiers, resolve applicability) or return the cached result.

    ``reader`` picks where characters come from ("pdfium" or "pdfplumber"; default
    ``pdftext.default_reader()``); it is part of the cache key, since the two may differ.

    ``progress`` is an optional callable ``(fraction: float, message: str)`` used by the app.
    ``overlap``: on a cache miss, read the PDF in a forked process while this one loads spaCy, where
    ``overlap.worthwhile()`` says it is safe and can help (the CLI asks for it; same result).
    Raises an ``AnalyserError`` subclass for bad input.
    """
    return _load_code(path, profile, use_cache=use_cache, lexicon=lexicon, progress=progress, reader=reader,
                      overlap=overlap)[0]


def _load_code(
    path: str | Path,
    profile: str | Path | None,
    *,
    use_cache: bool,
    lexicon: str | Path | None,
    reader: str | None,
    overlap: bool,
    progress=None,
) -> tuple[Code, str | None]:
    """``load_code``, and on a miss that was stored, the JSON text stored (``dumps_readable`` of
    ``code.to_dict()``, what ``extract --format json`` prints): made once, for the cache and the output."""
    from . import cache

    path = Path(path)
    reader, key_extra = _cache_key(profile, lexicon, reader)
    digest = None
    if use_cache and path.is_file():
        # a cached file was checked when it was first analysed; the check only runs on a miss
        digest = sha256_of(path)
        hit = cache.get(digest, __version__, key_extra)
        if hit is not None:
            # The analysis belongs to the content (sha256); the name is that of the file opened now.
            hit.info.source_file = path.name
            return hit, None
    # checked before spaCy is imported: a bomb or a broken file is refused in a fraction of a second;
    # the checked input (digest included) is handed on, so the extractor checks and hashes nothing again
    from .extraction.checked_input import check_input

    checked = check_input(path, sha256=digest)
    from . import overlap as two_cores

    resolved = overlap and progress is None and two_cores.worthwhile()
    if resolved:  # extracted and applicability resolved in a child while spaCy loaded here
        code = two_cores.analyse_beside_model(checked, profile, reader)
    else:
        from .extract import extract_code

        code = extract_code(checked, profile=profile, progress=progress, reader=reader)
    # imported only on a miss, and after the fork above: spaCy alone costs seconds, and a cached open
    # must stay instant
    from .qualifiers import flag_qualifiers

    if progress:
        progress(0.85, "Flagging qualifiers")
    flag_qualifiers(code, lexicon=lexicon)
    if not resolved:
        # after the qualifiers, as ever; the two passes touch disjoint fields, so the child above may
        # run this one first (tests/test_overlap.py holds them to that)
        from .applicability import resolve_applicability

        if progress:
            progress(0.95, "Resolving applicability")
        resolve_applicability(code, profile=profile)
    text = None
    if use_cache:
        from .plain import dumps_readable

        text = dumps_readable(code.to_dict())
        cache.put(checked.sha256, __version__, key_extra, code, text=text)
    if progress:
        progress(1.0, "Done")
    return code, text
