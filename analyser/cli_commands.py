"""The commands of ``python -m analyser`` that read one document (or two) and print an answer.

Owns ``extract``, ``flags``, ``overview`` (the analysis), ``applies``, ``matrix``, ``whatif``, ``graph``
(applicability), ``compare``, ``fetch``, ``profiles`` and ``archetypes``. Each is a thin wrapper: it
loads the document (``cli_common``), calls one public function of the package and renders the result.
The parser that routes to them is in ``cli.py``; the officer's workspace commands are in
``cli_workspace.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from .cli_common import (
    _count,
    _csv,
    _dumps,
    _load,
    _load_json,
    _load_services,
    _md_table,
    _sample_banner,
    _service_from_args,
    _write,
)
from .errors import AnalyserError


def markdown(text: Any) -> str:
    """``safe_output.markdown``, imported by the Markdown writers only (a cached extract --format json
    writes stored text and needs no escaping)."""
    from .safe_output import markdown as escape

    return escape(text)


# --------------------------------------------------------------------------------------------
# extract / flags


def cmd_extract(args: argparse.Namespace) -> None:
    if args.format == "json":  # on a cache hit, the stored analysis as it is: no Code rebuilt
        _write(args, _load_json(args))
        return
    code = _load(args)
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


# --------------------------------------------------------------------------------------------
# applicability


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
