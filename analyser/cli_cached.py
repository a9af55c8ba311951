"""The cached ``extract PDF [--format json] [-o FILE]``, answered before the command line's parser is built.

Why: issue 13 asks for a cached open within 1.2x a bare ``import analyser``. The full command line
pays for argparse and its help formatter, pathlib, the pipeline and cache modules, ``sqlite3``'s
``datetime``, ``hashlib``'s OpenSSL and a platformdirs look-up before it reads one row; together about
twice the import. This module recognises the one invocation that is a plain cache read, does only
that with the smallest imports (``_sqlite3``, ``_sha256``, ``zlib``, ``_json``), and
returns ``None`` for everything else: any other command or option, a repeated or abbreviated option,
a catalogue name instead of a file, a cache miss, a cache it cannot read as the pipeline would, an
output it cannot open. ``None`` means the full command line runs, unchanged, from the start; nothing
has been printed by then.

What a hit prints is byte for byte what the full command line prints: the cache key from the same
functions (``rules_key``), the file name set by the C decoder and encoder ``plain.renamed`` goes
through (``renamed`` here), the warning line by ``warning_summary``, which the full command line uses
too; ``tests/test_cli_cached.py`` compares the two paths' output on real PDFs.
"""

from __future__ import annotations

import os
import sys


def run(argv: list[str]) -> int | None:
    """The exit status of a cached ``extract``, or ``None``: let the full command line handle ``argv``."""
    request = _request(argv) if os.name == "posix" else None  # bytes written as text mode would on POSIX
    if request is None:
        return None
    code, output = request
    data = _hit(code)
    if data is None:
        return None
    name = os.path.basename(code)  # Path(code).name for every path that is a regular file
    pieces = renamed(data, name)
    if pieces is None:  # not in the stored layout: the pipeline reads it the slow way or analyses again
        return None
    return _write(pieces, name, output, data)


def _request(argv: list[str]) -> tuple[str, str | None] | None:
    """(document, output file or None) for ``extract DOC [--format json] [-o FILE]`` in any order,
    each option once and spelled in full; ``None`` for anything else (argparse decides those)."""
    if not argv or argv[0] != "extract":
        return None
    code = output = None
    seen: set[str] = set()
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg in ("--format", "-o", "--output") and i + 1 < len(rest):
            option, value, i = arg, rest[i + 1], i + 2
        elif arg.startswith(("--format=", "--output=")):
            (option, value), i = arg.split("=", 1), i + 1
        elif not arg.startswith("-") and arg.strip() and code is None:
            code, i = arg, i + 1
            continue
        else:
            return None
        option = "-o" if option == "--output" else option
        if option in seen or not value or value.startswith("-") or (option == "--format" and value != "json"):
            return None
        seen.add(option)
        output = value if option == "-o" else output
    return (code, output) if code is not None else None


def _hit(code: str) -> bytes | None:
    """The stored analysis of ``code`` under the default options, or ``None`` (not a readable regular
    file, no cache yet, a miss, or any trouble: the full path then finds, reports or repairs it)."""
    import stat

    try:
        st = os.stat(code)
        if not stat.S_ISREG(st.st_mode) or not os.access(code, os.R_OK):
            return None
        folder = _cache_dir()
        if folder is None:
            return None
        db = os.path.join(folder, "analysis.sqlite")  # cache.FILENAME
        if not os.path.isfile(db):
            return None
        from . import __version__, rules_key
        from .readers import default_reader

        extra = rules_key.key_extra("auto", "default", rules_key.remembered_fingerprint(folder), default_reader())
        return _row(db, _sha256_of(code, st.st_size), __version__, extra)
    except (OSError, ValueError):
        return None


def _cache_dir() -> str | None:
    """``paths.cache_dir()`` without importing platformdirs (about 30 ms, more than the whole budget):
    ``ANALYSER_CACHE_DIR``, or on Linux the XDG cache folder as platformdirs gives it; ``None`` for any
    other case (another platform, a home folder that is not an absolute path), which the full path serves."""
    given = os.environ.get("ANALYSER_CACHE_DIR")
    if given:
        return given
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base.startswith("/"):
        if not os.environ.get("HOME", "").startswith("/"):
            return None
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "cop-analyser")  # paths.APP_NAME


def _sha256_of(path: str, size: int) -> str:
    """``extraction.digest.sha256_of``: ``_sha256`` for a small file (importing ``hashlib`` loads
    OpenSSL, about 5 ms), OpenSSL's faster hashing past a few megabytes."""
    try:
        if size > 4 << 20:
            raise ImportError
        from _sha256 import sha256
    except ImportError:
        from hashlib import sha256
    digest = sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _row(db: str, sha256: str, version: str, extra: str) -> bytes | None:
    """``cache.get_text``'s row for a cache in the current schema, read-only, as UTF-8 bytes (decoding
    and encoding 6 MB again would cost more than the rest); ``None`` for a miss and for anything
    ``cache._connect`` would repair first (another schema, a damaged file or row, text that is not UTF-8)."""
    import zlib

    try:
        import _sqlite3 as sqlite  # what sqlite3.connect is, without dbapi2's datetime (a few ms)
    except ImportError:
        import sqlite3 as sqlite
    try:
        conn = sqlite.connect(db, timeout=5.0)  # cache._BUSY_TIMEOUT
        try:
            # one statement, the schema's version with the row (cache.SCHEMA_VERSION): a second cost 0.3 ms
            row = conn.execute("SELECT data FROM analysis, pragma_user_version WHERE user_version = 1"
                               " AND sha256 = ? AND version = ? AND extra = ?", (sha256, version, extra)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        data = zlib.decompress(row[0])
        if not data.isascii():
            data.decode("utf-8")  # get_text's check (ValueError), without keeping the text
        return data
    except (sqlite.Error, zlib.error, ValueError, TypeError):
        return None


def _write(pieces: list[bytes], name: str, output: str | None, data: bytes) -> int | None:
    """``cli_common._write`` after the warning line, as the full command line does, the bytes it would
    write (UTF-8; its newline added on stdout); ``None`` when the output cannot be opened or standard
    output does not take UTF-8 (nothing printed yet: the full path writes or reports it)."""
    if output is not None:
        try:
            out = open(output, "wb")
        except (OSError, ValueError):
            return None
    elif not _stdout_is_utf8():
        return None  # the full path writes the text through that encoding, and reports what cannot be
    warning_summary(name, json_warnings(data))
    try:
        if output is not None:
            with out:
                out.writelines(pieces)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.writelines([*pieces, b"\n"])  # the text ends with "}": _write adds "\n"
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        return 0  # as cli.main
    except OSError as err:  # a full disk: the full path's one line (cli.main, cli_common._write), exit 2
        return _write_failed(err, name, output)
    return 0


def _stdout_is_utf8() -> bool:
    """Whether bytes written under ``sys.stdout`` are what writing the text to it gives: UTF-8, strict
    or surrogate-escaping (no surrogate is stored); POSIX writes no other newline."""
    import codecs

    stream = sys.stdout
    try:
        return (hasattr(stream, "buffer") and codecs.lookup(stream.encoding).name == "utf-8"
                and stream.errors in ("strict", "surrogateescape"))
    except (LookupError, TypeError, AttributeError):
        return False


def renamed(data: bytes, source_file: str) -> list[bytes] | None:
    """``plain.renamed(data.decode(), source_file).encode()`` in pieces to write, the same steps without
    importing ``json`` (a third of the budget) or copying the stored text: the ``code`` head decoded by
    the C scanner ``json`` decodes with, its ``source_file`` set, encoded again by the C encoder
    ``plain._COMPACT`` encodes with (``_encoder``); ``None`` where ``plain.renamed`` gives ``None``."""
    if not (data.startswith(b"{\n  ") and data.endswith(b"\n}") and b'\n  "measures": ' in data):
        return None  # plain.stored_head's layout check
    at = data.find(b'\n  "code": ')  # top_level_span: a top-level key opens its own line
    if at < 0:
        return None
    start = at + len(b'\n  "code": ')
    try:
        text = data[start:].decode("utf-8")  # the head's line and the closing "\n}"
        head, end = _scanner()(text, 0)
        if not isinstance(head, dict):
            return None
        head["source_file"] = source_file
        return [data[:start], "".join(_encoder()(head, 0)).encode("utf-8"), text[end:].encode("utf-8")]
    except (StopIteration, ValueError, TypeError):  # not JSON; a name that is not text (surrogates)
        return None


class _Decoding:
    """What ``_json.make_scanner`` reads from its context: ``json.JSONDecoder()``'s defaults."""

    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


def _scanner():
    import _json

    return _json.make_scanner(_Decoding())


def _encoder():
    """``plain._COMPACT``'s C encoder, made as ``json.JSONEncoder.iterencode`` makes it for
    ``JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=str)``: circular check on,
    no indent, keys unsorted, none skipped, NaN allowed (tests/test_cli_cached.py holds the two equal)."""
    import _json

    return _json.make_encoder({}, str, _json.encode_basestring, None, ": ", ", ", False, False, True)


def _write_failed(err: OSError, name: str, output: str | None) -> int:
    """The line ``cli.main`` prints when writing fails after the output was opened, from its functions."""
    from pathlib import Path

    from .cli import EXIT_BAD_INPUT, _error
    from .cli_common import _os_cause
    from .errors import OutputError

    if output is not None:
        _error(str(OutputError(output, f"cannot write the output: {_os_cause(err)}")))
    else:
        where = Path(err.filename).name if isinstance(err.filename, str) and err.filename else name
        _error(f"{where}: {_os_cause(err)}")
    return EXIT_BAD_INPUT


def json_warnings(data: str | bytes) -> list[tuple[str, str]]:
    """(message, severity) of each warning of a stored analysis, read from its ``warnings`` line only."""
    if isinstance(data, bytes):
        if b'\n  "warnings": [],\n' in data:  # the usual case, without decoding anything
            return []
        data = data.decode("utf-8")
    elif '\n  "warnings": [],\n' in data:
        return []
    from .plain import top_level_span

    found = top_level_span(data, "warnings")
    return [(w["message"], w["severity"]) for w in (found[0] if found else [])]


def warning_summary(source_file: str, warnings: list[tuple[str, str]]) -> None:
    """One line on stderr when the analysis has warnings (message, severity): signs of damage counted
    first (they are listed first)."""
    if not warnings:
        return
    hurt = sum(1 for _, severity in warnings if severity == "damage")  # damage.DAMAGE, without its imports
    routine = len(warnings) - hurt
    line = f"warning: {source_file}: "
    if hurt:
        line += (f"{hurt} sign{'s' if hurt > 1 else ''} of damage, text may be missing "
                 f"(first: {warnings[0][0]}); ")
    line += f"{routine} routine warning{'' if routine == 1 else 's'} (see the JSON's warnings)"
    print(line.replace("\n", " "), file=sys.stderr)
