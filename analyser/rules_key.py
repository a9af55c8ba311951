"""The rules part of the analysis cache's key: which files decide an analysis besides the PDF, their
digest, and a remembered digest that a cached open can trust without reading them.

Owns the list (``rules_walk``), the digest (``content_fingerprint``), the text of the key
(``key_extra``) and the memo (``remembered_fingerprint``). Only ``os`` at import time (hashing is
imported on use): the cached ``extract --format json`` (``cli_cached``) runs before argparse and must
stay within a few milliseconds of a bare ``import analyser``; ``pipeline`` uses the same functions, so
the two cannot disagree about the key.

Why a memo: the digest reads and hashes about 90 files (0.8 MB), 4-7 ms of a cached open that is
meant to cost about 8 ms more than the import. The memo keeps, per install, the digest with the
modification time and size of every file and folder it covered; while none of them changed, the
digest is the remembered one. That is the test the interpreter itself applies before it runs a
module's cached bytecode (source mtime and size), so it trusts nothing the code being run does not.
"""

from __future__ import annotations

import os
import time

# Modules that only present an analysis (charts, highlights, exports, the response draft): outside the cache
# key, so that editing one does not make every document be analysed again. tests/test_cache_key.py checks
# that the analysis imports none of them and that pipeline.py cannot reach them through its imports.
PRESENTATION_MODULES = frozenset({"charts.py", "highlight.py", "export.py", "response.py", "palette.py",
                                  "compare_render.py", "compare_render_docx.py"})

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
# as paths.CODES_DIR and paths.PACKAGE_DATA (resolved), without importing pathlib
_PROFILES = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "codes", "profiles")
_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")

_MEMO_FORMAT = "rules-memo 1"
_RACY_NS = 2_000_000_000  # a file changed this recently may change again within its mtime's tick


def rules_walk() -> tuple[list[str], list[str]]:
    """Every file whose content decides an analysis besides the PDF (profiles, package data, the
    analyser's modules, each sorted as ``pathlib`` sorts paths), and every folder looked into to find
    them (a file added to or removed from one changes its modification time).

    Not the web app (``analyser/app/``): it only shows an analysis. Found with ``os.scandir`` and
    ``os.walk``, not ``Path.glob``: sorting ``Path`` objects was most of the fingerprint's cost."""

    def flat(folder: str, suffix: str) -> list[str]:
        try:
            with os.scandir(folder) as entries:
                names = [e.path for e in entries if e.name.endswith(suffix)]
        except OSError:
            return []
        return sorted(names)

    app = os.path.join(_PACKAGE, "app")
    modules: list[str] = []
    folders = [_PROFILES, _DATA]
    for folder, dirs, files in os.walk(_PACKAGE):
        if folder == app:
            dirs[:] = []
            continue
        folders.append(folder)
        modules += [os.path.join(folder, f) for f in files if f.endswith(".py")
                    and not (folder == _PACKAGE and f in PRESENTATION_MODULES)]
    modules.sort(key=lambda name: name.split(os.sep))
    return flat(_PROFILES, ".toml") + flat(_DATA, ".toml") + modules, folders


def content_fingerprint(names: list[str]) -> str:
    """A digest of the files' names and contents (16 hex digits): part of the cache key, so that
    editing a profile or the lexicon, or installing a newer parser, re-analyses a code instead of
    returning an answer made under the old rules (the package version is not bumped for every fix)."""
    import hashlib

    digest = hashlib.sha256()
    for name in names:
        with open(name, "rb") as f:
            digest.update(os.path.basename(name).encode() + b"\0" + f.read())
    return digest.hexdigest()[:16]


def key_extra(profile: str, lexicon: str, fingerprint: str, reader: str) -> str:
    """What besides the PDF and the version decides the analysis: the cache key's third part."""
    return f"profile={profile};lexicon={lexicon};rules={fingerprint};reader={reader}"


def remembered_fingerprint(cache_dir: str) -> str:
    """``content_fingerprint(rules_walk()[0])``, from the memo in ``cache_dir`` while no file or folder
    it covered has changed; else computed and remembered. Never fails for the memo's sake: a memo that
    cannot be read or written only costs the computation."""
    memo = _memo_path(cache_dir)
    try:
        with open(memo, encoding="utf-8", errors="surrogateescape") as f:
            fields = f.read().split("\0")
    except OSError:
        fields = []
    if len(fields) > 3 and len(fields) % 3 == 0 and fields[0] == _MEMO_FORMAT and fields[1] == _PACKAGE:
        if all(_stamp(fields[i]) == (fields[i + 1], fields[i + 2]) for i in range(3, len(fields), 3)):
            return fields[2]
    names, folders = rules_walk()
    digest = content_fingerprint(names)
    _remember(memo, digest, folders + names)
    return digest


def _memo_path(cache_dir: str) -> str:
    """One memo per install (a worktree, a virtual environment), all in the user's cache folder."""
    import zlib

    return os.path.join(cache_dir, f"rules-{zlib.crc32(_PACKAGE.encode('utf-8', 'surrogateescape')):08x}.memo")


def _stamp(path: str) -> tuple[str, str]:
    """What must not change for the memo to hold: modification time (ns) and size; a missing path
    is remembered as missing (a profiles folder that appears later must be seen)."""
    try:
        st = os.stat(path)
    except OSError:
        return "-", "-"
    return str(st.st_mtime_ns), str(st.st_size)


def _remember(memo: str, digest: str, paths: list[str]) -> None:
    """Write the memo atomically (several processes may race), unless a file is so recently changed
    that a second change within the same mtime tick could go unseen (git's "racy" case)."""
    stamps = [(p, *_stamp(p)) for p in paths]
    now = time.time_ns()
    if any(m != "-" and now - int(m) < _RACY_NS for _, m, _ in stamps):
        return
    fields = [_MEMO_FORMAT, _PACKAGE, digest] + [x for stamp in stamps for x in stamp]
    temp = f"{memo}.{os.getpid()}.tmp"
    try:
        with open(temp, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("\0".join(fields))
        os.replace(temp, memo)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
