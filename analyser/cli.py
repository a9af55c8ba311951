"""``python -m analyser``: the command-line face over the package.

Every command is a thin wrapper: it resolves the document, calls one public function of the
package and renders the result. Bad input prints one line naming the file and the cause and
exits with status 2, so that scripts and batches can rely on it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

from . import __version__
from .errors import AnalyserError, LexiconError, OutputError
from .safe_output import csv_cell, markdown

EXIT_BAD_INPUT = 2


# --------------------------------------------------------------------------------------------
# helpers


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


def _load(args: argparse.Namespace, ref: str | None = None):
    from .pdfcheck import file_problem
    from .pipeline import load_code

    lexicon = getattr(args, "lexicon", None)
    if lexicon is not None:
        # checked before the pipeline hashes it for the cache key
        problem = "no file name given" if not lexicon.strip() else file_problem(Path(lexicon))
        if problem:
            raise LexiconError(lexicon or None, f"lexicon {problem}")
    code = load_code(
        _resolve_document(ref or args.code),
        profile=getattr(args, "profile", None),
        use_cache=not getattr(args, "no_cache", False),
        lexicon=lexicon,
        reader=getattr(args, "reader", None),
    )
    _warning_summary(code)
    return code


def _warning_summary(code) -> None:
    """One line on stderr when the analysis has warnings: signs of damage counted first."""
    from .damage import count

    if not code.warnings:
        return
    hurt = count(code.warnings)
    routine = len(code.warnings) - hurt
    line = f"warning: {code.info.source_file}: "
    if hurt:
        line += (f"{hurt} sign{'s' if hurt > 1 else ''} of damage, text may be missing "
                 f"(first: {code.warnings[0].message}); ")
    line += f"{routine} routine warning{'' if routine == 1 else 's'} (see the JSON's warnings)"
    print(line.replace("\n", " "), file=sys.stderr)


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
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def _md_table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return markdown(v)  # escapes "|" and line breaks too

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _sample_banner(code) -> str:
    return "> SAMPLE: this document was written for testing; it is not official text.\n\n" if code.info.sample else ""


# --------------------------------------------------------------------------------------------
# extract / flags


def cmd_extract(args: argparse.Namespace) -> None:
    code = _load(args)
    if args.format == "json":
        _write(args, _dumps(code.to_dict()))
        return
    from .outline import code_outline_markdown

    _write(args, code_outline_markdown(code))


def _flag_rows(code) -> list[dict[str, Any]]:
    return [
        {
            "measure": q.measure,
            "paragraph": q.paragraph,
            "item": q.item or "",
            "page": q.page,
            "category": q.category,
            "phrase": q.phrase,
            "start": q.start,
            "end": q.end,
            "qualifies": q.qualifies or "",
            "negated": q.negated,
            "rule": q.rule,
            "sentence": q.sentence,
        }
        for m in code.measures
        for q in m.qualifiers
    ]


def cmd_flags(args: argparse.Namespace) -> None:
    code = _load(args)
    rows = _flag_rows(code)
    if args.format == "json":
        summaries = {m.id: m.qualifier_summary for m in code.measures}
        import dataclasses

        _write(args, _dumps({"code": dataclasses.asdict(code.info), "qualifiers": rows,
                             "summaries": {k: dataclasses.asdict(v) if v else None for k, v in summaries.items()}}))
    elif args.format == "csv":
        _write(args, _csv(rows))
    else:
        head = f"# Qualifiers in {markdown(code.info.title)}\n\n{_sample_banner(code)}"
        table = _md_table(
            ["Measure", "Para", "Page", "Category", "Phrase", "Qualifies"],
            [[r["measure"], r["paragraph"] + r["item"], r["page"], r["category"], r["phrase"], r["qualifies"]] for r in rows],
        )
        _write(args, head + table)


def cmd_overview(args: argparse.Namespace) -> None:
    import dataclasses

    from .overview import summarise

    code = _load(args)
    summary = summarise(code)
    if args.format == "json":
        _write(args, _dumps({"code": dataclasses.asdict(code.info), **summary.to_dict()}))
        return
    head = (f"# Overview of {markdown(code.info.title)}\n\n{_sample_banner(code)}"
            f"{_count(summary.measures, 'measure')}, {_count(summary.paragraphs, 'paragraph')}, "
            f"{_count(summary.qualifiers, 'qualifier')} flagged, {_count(summary.high_risk, 'measure')} at high "
            f"loophole risk.\n\n## Measures by chapter\n\n")
    chapters = _md_table(["Chapter", "Title", "Measures"], [[c.chapter, c.title, c.measures] for c in summary.chapters])
    quals = _md_table(["Chapter", "Category", "Qualifiers"],
                      [[q.chapter, q.category, q.qualifiers] for q in summary.qualifier_counts])
    ranking = _md_table(["Measure", "Title", "Loophole risk", "Why", "Qualifiers"],
                        [[r.measure, r.title, r.loophole_risk, r.why, r.qualifiers] for r in summary.ranking[:args.top]])
    _write(args, head + chapters + "\n## Qualifiers by chapter and category\n\n" + quals
           + f"\n## The {_count(min(args.top, len(summary.ranking)), 'measure')} with the most loophole risk\n\n"
           + ranking)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# --------------------------------------------------------------------------------------------
# applicability


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


def _status_rows(code, statuses) -> list[dict[str, Any]]:
    titles = {m.id: m.title for m in code.measures}
    return [
        {"measure": s.measure, "title": titles.get(s.measure, ""), "status": s.status,
         "reason": s.reason + ("".join(f" Conditional part: {c}." for c in s.conditional) if s.conditional else ""),
         "qualifiers": "; ".join(s.qualifiers)}
        for s in statuses
    ]


def cmd_applies(args: argparse.Namespace) -> None:
    from .evaluate import evaluate

    code = _load(args)
    if args.service:
        (service,) = _load_services([args.service], code)
    else:
        service = _service_from_args(args, code)
    statuses = evaluate(code, service)
    if args.format == "json":
        import dataclasses

        _write(args, _dumps({"code": code.info.short_name, "sample": code.info.sample,
                             "service": dataclasses.asdict(service),
                             "statuses": [dataclasses.asdict(s) for s in statuses]}))
    else:
        rows = _status_rows(code, statuses)
        head = f"# {markdown(code.info.title)}: measures for {markdown(service.name)}\n\n{_sample_banner(code)}"
        _write(args, head + _md_table(["Measure", "Title", "Status", "Reason"],
                                      [[r["measure"], r["title"], r["status"], r["reason"]] for r in rows]))


def cmd_matrix(args: argparse.Namespace) -> None:
    from .evaluate import matrix
    from .service import load_archetypes

    code = _load(args)
    services = load_archetypes(family=code.info.family)
    if not services:
        raise AnalyserError(args.code, f"no built-in service archetypes describe {code.info.family} codes; "
                                      f"describe a service in a TOML file and use: applies CODE --service FILE")
    grid = matrix(code, services)
    names = [s.name for s in services]
    by_measure: dict[str, dict[str, str]] = {m.id: {} for m in code.measures}
    for name in names:
        for st in grid[name]:
            by_measure.setdefault(st.measure, {})[name] = st.status
    if args.format == "json":
        import dataclasses

        _write(args, _dumps({"code": code.info.short_name, "sample": code.info.sample, "archetypes": names,
                             "matrix": {n: [dataclasses.asdict(s) for s in grid[n]] for n in names}}))
    elif args.format == "csv":
        _write(args, _csv([{"measure": mid, **cells} for mid, cells in by_measure.items()]))
    else:
        head = f"# {markdown(code.info.title)}: measure x archetype\n\n{_sample_banner(code)}"
        _write(args, head + _md_table(["Measure", *names], [[mid, *(cells.get(n, "") for n in names)]
                                                            for mid, cells in by_measure.items()]))


def cmd_whatif(args: argparse.Namespace) -> None:
    from .evaluate import whatif

    if len(args.service) != 2:
        raise AnalyserError(None, "whatif needs exactly two --service options (files or archetype names)")
    code = _load(args)
    a, b = _load_services(args.service, code)
    diffs = whatif(code, a, b)
    import dataclasses

    if args.format == "json":
        _write(args, _dumps({"code": code.info.short_name, "a": a.name, "b": b.name,
                             "differences": [dataclasses.asdict(d) for d in diffs]}))
    else:
        head = f"# What changes from {markdown(a.name)} to {markdown(b.name)}\n\n{_sample_banner(code)}"
        rows = [[d.measure, d.status_a, d.status_b, d.reason_b] for d in diffs]
        _write(args, head + (_md_table(["Measure", a.name, b.name, "Why"], rows) if rows else "No measure changes status.\n"))


def cmd_graph(args: argparse.Namespace) -> None:
    from .graph import write_graphml

    code = _load(args)
    out = args.output or f"{Path(args.code).stem}.graphml"
    write_graphml(code, out)
    print(out)


# --------------------------------------------------------------------------------------------
# versions, documents, profiles


def cmd_compare(args: argparse.Namespace) -> None:
    from . import compare_render
    from .compare import compare

    cmp = compare(_load(args, args.old), _load(args, args.new))
    if args.format == "docx":
        out = args.output or "comparison.docx"
        compare_render.to_docx(cmp, out)
        print(out)
        return
    render: dict[str, Callable[[Any], str]] = {
        "json": lambda c: _dumps(c.to_dict()),
        "md": compare_render.to_markdown,
        "html": compare_render.to_html,
    }
    _write(args, render[args.format](cmp))


def cmd_fetch(args: argparse.Namespace) -> None:
    from .catalogue import find_entry, load_catalogue
    from .fetch import fetch

    entries = load_catalogue()
    if args.list or (not args.name and not args.all):
        from .catalogue import local_path

        rows = [[e.name, e.title, e.version_date or "", "yes" if (local_path(e) and Path(local_path(e)).exists()) else "no",
                 "sample" if e.sample else ("sha256 and size" if e.verified else "UNVERIFIED (no sha256/size recorded)"),
                 e.url or ""] for e in entries]
        _write(args, _md_table(["Name", "Title", "Version", "On this machine", "Checked by", "URL"], rows))
        return
    targets = [e for e in entries if e.url] if args.all else [find_entry(args.name)]
    if targets == [None]:
        raise AnalyserError(args.name, "no catalogued code of that name")
    for entry in targets:
        def progress(done: int, total: int | None, _name=entry.name) -> None:
            pct = f"{100 * done / total:5.1f}%" if total else f"{done // 1024} KiB"
            print(f"\r{_name}: {pct}", end="", file=sys.stderr, flush=True)

        path = fetch(entry, progress=progress)
        print(file=sys.stderr)
        print(path)


def cmd_profiles(args: argparse.Namespace) -> None:
    from .profiles import list_profiles, load_profile

    profiles = [load_profile(name) for name in list_profiles()]
    rows = [[p.name, p.short_name, p.family, p.kind, p.source] for p in profiles]
    _write(args, _md_table(["Profile", "Short name", "Family", "Kind", "File"], rows))


def cmd_archetypes(args: argparse.Namespace) -> None:
    from .service import load_archetypes

    rows = [[a.name, a.kind + (f"/{a.search_type}" if a.search_type else ""), f"{a.users:,}",
             ", ".join(f"{k}={v}" for k, v in a.risks.items()), ", ".join(a.features)] for a in load_archetypes()]
    _write(args, _md_table(["Archetype", "Kind", "Monthly UK users", "Risks", "Features"], rows))


# --------------------------------------------------------------------------------------------
# parser


def budget_options(p: argparse.ArgumentParser) -> None:
    """``--max-*``: the limits on what one document may cost (defaults in ``budgets.Budget``)."""
    from .budgets import Budget

    d = Budget()
    g = p.add_argument_group("limits per document (a hostile or broken PDF stops with one line)")
    g.add_argument("--max-pages", type=_positive(int), default=d.max_pages, metavar="N",
                   help=f"pages (default {d.max_pages:,})")
    g.add_argument("--max-chars", type=_positive(int), default=d.max_chars, metavar="N",
                   help=f"characters of text (default {d.max_chars:,})")
    g.add_argument("--max-page-chars", type=_positive(int), default=d.max_page_chars, metavar="N",
                   help=f"characters on one page (default {d.max_page_chars:,})")
    g.add_argument("--max-seconds", type=_positive(float), default=d.max_seconds, metavar="S",
                   help=f"seconds to read it (default {d.max_seconds:g})")


def _positive(kind: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a positive finite number: {text!r}")
        return value

    parse.__name__ = kind.__name__
    return parse


class _OneLineParser(argparse.ArgumentParser):
    """A usage error is one line too (and exit 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        _error(f"{self.prog.split()[-1]}: {message} (see --help)")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="python -m analyser", description=(
        "Read regulatory codes of practice critically: measures, qualifiers, applicability, versions."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def doc(p: argparse.ArgumentParser, *formats: str) -> None:
        p.add_argument("code", help="PDF file, or the name of a fetched catalogue entry")
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("--profile", help="force a code profile (name or TOML path); default: detect")
        p.add_argument("--no-cache", action="store_true", help="analyse again, ignoring the cache")
        p.add_argument("--lexicon", help="TOML lexicon that extends or overrides the built-in one")
        p.add_argument("--reader", choices=["pdfium", "pdfplumber"],
                       help="where characters come from (default pdfium; pdfplumber is the reference reader)")
        p.add_argument("-o", "--output", help="write to this file instead of standard output")
        budget_options(p)

    p = sub.add_parser("extract", help="measures, paragraphs, footnotes, index, qualifiers, applicability")
    doc(p, "json", "md")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("flags", help="every qualifying phrase, by measure and paragraph")
    doc(p, "json", "md", "csv")
    p.set_defaults(func=cmd_flags)

    p = sub.add_parser("overview", help="counts by chapter and category, and the measures ranked by loophole risk")
    doc(p, "json", "md")
    p.add_argument("--top", type=int, default=15, help="how many ranked measures the md table lists")
    p.set_defaults(func=cmd_overview)

    p = sub.add_parser("applies", help="status of every measure for one service profile")
    doc(p, "json", "md")
    p.add_argument("--service", help="service profile TOML file or archetype name")
    p.add_argument("--kind", choices=["u2u", "search"], default="u2u")
    p.add_argument("--search-type", choices=["general", "vertical"])
    p.add_argument("--users", type=int, default=0, help="monthly active UK users")
    p.add_argument("--risk", action="append", metavar="HARM=LEVEL", help="e.g. csam-image=high (repeatable)")
    p.add_argument("--feature", action="append", metavar="FEATURE", help="e.g. e2ee (repeatable)")
    p.set_defaults(func=cmd_applies)

    p = sub.add_parser("matrix", help="every measure x built-in service archetype")
    doc(p, "json", "csv", "md")
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("whatif", help="measures whose status differs between two service profiles")
    doc(p, "json", "md")
    p.add_argument("--service", action="append", required=True, help="TOML file or archetype name (twice)")
    p.set_defaults(func=cmd_whatif)

    p = sub.add_parser("graph", help="export the code graph as GraphML")
    doc(p, "graphml")
    p.set_defaults(func=cmd_graph)

    p = sub.add_parser("compare", help="what changed between two editions of a code")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--format", choices=["json", "md", "html", "docx"], default="json")
    p.add_argument("--profile")
    p.add_argument("--no-cache", action="store_true")
    p.add_argument("-o", "--output")
    budget_options(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("fetch", help="download official codes listed in the catalogue, verified by sha256")
    p.add_argument("name", nargs="?")
    p.add_argument("--all", action="store_true")
    p.add_argument("--list", action="store_true")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("profiles", help="list the code profiles")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser("archetypes", help="list the built-in service archetypes")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_archetypes)

    from .cli_workspace import register  # export, response, notes: the officer's workspace

    register(sub, doc)

    from .batch import add_parser as add_batch

    add_batch(sub)
    return parser


def _budget(args: argparse.Namespace):
    from .budgets import Budget

    if not hasattr(args, "max_pages"):
        return Budget()
    return Budget(max_pages=args.max_pages, max_chars=args.max_chars, max_page_chars=args.max_page_chars,
                  max_seconds=args.max_seconds)


def _subject(args: argparse.Namespace) -> str:
    """The file a failure is about, for the one error line: the output, else the input."""
    for key in ("code", "old", "name"):
        value = getattr(args, key, None)
        if value:
            return Path(value).name or value
    return "input"


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input ends in one line on stderr naming the file and the cause, exit 2."""
    from . import budgets

    args = build_parser().parse_args(argv)
    try:
        with budgets.use(_budget(args)):
            status = args.func(args)
    except AnalyserError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except OSError as err:  # the data or cache folder is a file, a disk is full, ...
        where = Path(err.filename).name if isinstance(err.filename, str) and err.filename else _subject(args)
        _error(f"{where}: {_os_cause(err)}")
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # a bug must not print a traceback at the user; ANALYSER_DEBUG=1 shows it
        import os

        if os.environ.get("ANALYSER_DEBUG"):
            raise
        _error(f"{_subject(args)}: internal error ({type(err).__name__}: {err}); please report it")
        return EXIT_BAD_INPUT
    return status if isinstance(status, int) else 0  # batch: 2 when a document failed


def _error(message: str) -> None:
    """The one line: control characters from hostile file names or document text cannot split it."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)  # "\x00", not a blank
    print("error: " + shown, file=sys.stderr)
