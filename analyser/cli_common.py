"""What every command of ``python -m analyser`` shares: finding and loading the document, and writing
what it prints.

Owns resolving a document reference (a path, or a catalogued code on this machine), loading it with
the command's options and the one-line warning summary, loading service profiles (a TOML file or a
built-in archetype), and the writers: the output file or stdout, JSON, CSV and Markdown tables (every
cell through ``safe_output``, since document text is untrusted), the SAMPLE banner.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli_cached import json_warnings
from .cli_cached import warning_summary as _warning_summary  # one warning line for both paths
from .errors import AnalyserError, LexiconError, OutputError

# csv and safe_output (html, its entity table) are imported by the writers that use them: a cached
# extract --format json writes stored text and needs neither


def _resolve_document(ref: str) -> Path:
    """A path on disk, or the name of a catalogued document that is available locally."""
    from .pdfcheck import file_problem

    if not ref.strip():
        raise AnalyserError(None, "no file name given")
    path = Path(ref)
    problem = file_problem(path)
    if problem is None:
        return path
    if problem != "file not found":  # there, but a directory, a pipe, a device or a name too long
        raise AnalyserError(path, problem)
    from .catalogue import find_entry, local_path

    entry = find_entry(ref)
    if entry is None:
        raise AnalyserError(ref, "no such file, and no catalogued code of that name (see `python -m analyser fetch --list`)")
    local = local_path(entry)
    if local is None or not Path(local).exists():
        raise AnalyserError(ref, f"catalogued code not on this machine yet: run `python -m analyser fetch {ref}`")
    return Path(local)


def _load_options(args: argparse.Namespace, ref: str | None = None) -> tuple[Path, dict[str, Any]]:
    """The document and the keyword arguments of ``pipeline.load_code`` for this command."""
    from .pdfcheck import file_problem

    lexicon = getattr(args, "lexicon", None)
    if lexicon is not None:
        # checked before the pipeline hashes it for the cache key
        problem = "no file name given" if not lexicon.strip() else file_problem(Path(lexicon))
        if problem:
            raise LexiconError(lexicon or None, f"lexicon {problem}")
    return _resolve_document(ref or args.code), {
        "profile": getattr(args, "profile", None),
        "use_cache": not getattr(args, "no_cache", False),
        "lexicon": lexicon,
        "reader": getattr(args, "reader", None),
        "overlap": True,  # a one-shot run: read the PDF on a second core while spaCy loads (analyser.overlap)
    }


def _load(args: argparse.Namespace, ref: str | None = None):
    from .pipeline import load_code

    path, options = _load_options(args, ref)
    code = load_code(path, **options)
    _warning_summary(code.info.source_file, [(w.message, w.severity) for w in code.warnings])
    return code


def _load_json(args: argparse.Namespace) -> str:
    """``_dumps(_load(args).to_dict())``, a cache hit written as stored (``extract --format json``)."""
    from .pipeline import load_code_json

    path, options = _load_options(args)
    text = load_code_json(path, **options)
    _warning_summary(path.name, json_warnings(text))
    return text


def _write(args: argparse.Namespace, text: str) -> None:
    out = getattr(args, "output", None)
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as err:
            raise OutputError(out, f"cannot write the output: {_os_cause(err)}") from None
        except ValueError:  # a NUL in the name
            raise OutputError(out, "cannot write the output: the file name is not usable") from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at interpreter exit


def _os_cause(err: OSError) -> str:
    """An OSError in words, without the path (the error line names the file already)."""
    return (err.strerror or type(err).__name__).lower()


def _dumps(data: Any) -> str:
    from .plain import dumps_readable  # indent=2 forced json's pure-Python encoder (0.5 s at 874 pages)

    return dumps_readable(data)


def _csv(rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    from .safe_output import csv_cell

    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def _md_table(headers: list[str], rows: list[list[Any]]) -> str:
    from .safe_output import markdown

    def cell(v: Any) -> str:
        return markdown(v)  # escapes "|" and line breaks too

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _sample_banner(code) -> str:
    return "> SAMPLE: this document was written for testing; it is not official text.\n\n" if code.info.sample else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# --------------------------------------------------------------------------------------------
# service profiles


def _service_from_args(args: argparse.Namespace, code):
    from .evaluate import code_vocabulary
    from .service import service_from_options

    return service_from_options(
        kind=args.kind,
        users=args.users,
        risks=args.risk or [],
        features=args.feature or [],
        search_type=args.search_type,
        vocab=code_vocabulary(code),
    )


def _load_services(refs: list[str], code):
    """Each reference is a TOML file or the key of a built-in archetype; checked against the code's
    vocabulary, so a service for the ICO code may have the features that code declares."""
    from .evaluate import code_vocabulary
    from .service import load_archetypes, load_service

    from .pdfcheck import file_problem

    archetypes = {a.name: a for a in load_archetypes()}
    out = []
    for ref in refs:
        problem = file_problem(Path(ref)) if ref.strip() else "no file name given"
        if problem is None:
            out.append(load_service(ref, code_vocabulary(code)))
        elif problem != "file not found" and ref not in archetypes:
            raise AnalyserError(ref or None, f"service profile {problem}")
        elif ref in archetypes:
            out.append(archetypes[ref])
        else:
            raise AnalyserError(ref, "not a service profile file nor a built-in archetype ("
                                + ", ".join(sorted(archetypes)) + ")")
    return out
