"""The officer's workspace on the command line: ``export``, ``response`` and ``notes export|import``.

Kept apart from ``cli.py`` (which registers these with one call) so that the commands that carry
an officer's work sit together, and edits to them stay out of the shared parser module.
Binary formats (XLSX, DOCX) are never written to a terminal: without ``-o`` they go to a file
whose name says what was selected, and that name is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import AnalyserError


def _service(ref: str, code):
    """(profile, title): a TOML file or a built-in archetype, titled as the app titles it; a file is
    checked against the code's own vocabulary."""
    from .cli_common import _load_services
    from .service import archetype_titles

    (profile,) = _load_services([ref], code)
    return profile, archetype_titles().get(ref, profile.name)


def _emit(args: argparse.Namespace, data: bytes, stem: str, fmt: str, binary: bool) -> None:
    out = args.output
    if not out and binary:
        out = f"{stem}.{fmt}"
    if out:
        Path(out).write_bytes(data)
        print(out, file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8-sig"))


def _notes_for(code):
    from .notes import NotesStore

    return NotesStore().for_code(code.info.sha256, code.info.short_name)


def cmd_export(args: argparse.Namespace) -> None:
    from .cli_common import _load
    from .evaluate import evaluate
    from .export import WRITERS, build_selection, file_stem

    code = _load(args)
    statuses, title = None, None
    filters: dict[str, str] = {}
    if args.service:
        profile, title = _service(args.service, code)
        statuses = evaluate(code, profile)
    wanted = None
    if args.chapter:
        filters["chapters"] = ", ".join(args.chapter)
        wanted = [m.id for m in code.measures if m.chapter in args.chapter]
    if args.status:
        if not statuses:
            raise AnalyserError("--status", "needs --service (statuses are for a service profile)")
        filters["statuses"] = ", ".join(args.status)
        keep = {s.measure for s in statuses if s.status in args.status}
        wanted = [i for i in (wanted if wanted is not None else [m.id for m in code.measures]) if i in keep]
    sel = build_selection(code, wanted, statuses, title, _notes_for(code), filters=filters,
                          include_text=args.text)
    _emit(args, WRITERS[args.format](sel), file_stem(sel), args.format, args.format in ("xlsx", "docx"))


def cmd_response(args: argparse.Namespace) -> None:
    from .cli_common import _load
    from .response import WRITERS, Question, build_draft, file_stem

    code = _load(args)
    profile, title = _service(args.service, code)
    questions = []
    if args.questions:
        # One question per line; "ICU C9, ICU C2 :: question" files measures under it.
        for line in Path(args.questions).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            ids, sep, text = line.partition("::")
            if sep:
                questions.append(Question(text.strip(), [i.strip() for i in ids.split(",") if i.strip()]))
            else:
                questions.append(Question(line.strip()))
    draft = build_draft(code, profile, _notes_for(code), questions, service_title=title)
    _emit(args, WRITERS[args.format](draft), file_stem(draft), args.format, args.format == "docx")


def cmd_notes(args: argparse.Namespace) -> None:
    from .notes import NotesStore

    store = NotesStore()
    if args.action == "export":
        store.export_json(args.file)
        print(f"{args.file}: notes written", file=sys.stderr)
        return
    if not Path(args.file).exists():
        raise AnalyserError(args.file, "no such file")
    try:
        result = store.import_json(Path(args.file))
    except ValueError as err:
        raise AnalyserError(args.file, str(err)) from err
    print(f"{args.file}: {result.summary()}")
    for problem in result.skipped:
        print(f"{args.file}: skipped {problem}", file=sys.stderr)


def register(sub, doc) -> None:
    """Add the workspace commands to the parser (``doc`` adds the usual document options)."""
    p = sub.add_parser("export", help="the selection with statuses, notes, citations and its provenance")
    doc(p, "csv", "xlsx", "md", "docx")
    p.add_argument("--service", help="service profile TOML file or archetype name (adds statuses)")
    p.add_argument("--chapter", action="append", help="only this chapter (repeatable)")
    p.add_argument("--status", action="append", help="only measures with this status for the service (repeatable)")
    p.add_argument("--text", action="store_true", help="md/docx: include each measure's text with citations")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("response", help="a consultation response draft for one service profile")
    doc(p, "md", "docx")
    p.add_argument("--service", required=True, help="service profile TOML file or archetype name")
    p.add_argument("--questions", help="text file: one consultation question per line, "
                                       "optionally 'ICU C9, ICU C2 :: question' to file measures under it")
    p.set_defaults(func=cmd_response)

    p = sub.add_parser("notes", help="move notes between machines: notes export FILE, notes import FILE")
    p.add_argument("action", choices=["export", "import"])
    p.add_argument("file")
    p.set_defaults(func=cmd_notes)
