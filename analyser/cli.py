"""``python -m analyser``: the command-line face over the package, and its parser.

Every command is a thin wrapper: it resolves the document, calls one public function of the
package and renders the result. Bad input prints one line naming the file and the cause and
exits with status 2, so that scripts and batches can rely on it.

This module owns the parser (commands, options, limits per document), ``main`` and the one error
line. The commands live in ``cli_commands`` (analysis, applicability, versions, documents),
``cli_workspace`` (export, response, notes) and ``batch``; what they share in ``cli_common``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

from . import __version__
from .cli_commands import (
    cmd_applies,
    cmd_archetypes,
    cmd_compare,
    cmd_extract,
    cmd_fetch,
    cmd_flags,
    cmd_graph,
    cmd_matrix,
    cmd_overview,
    cmd_profiles,
    cmd_whatif,
)
from .cli_common import _load, _load_services, _os_cause  # noqa: F401  (_load*: importable from here as before)
from .errors import AnalyserError

EXIT_BAD_INPUT = 2


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


# the commands this module defines (the workspace's and batch's are registered by their modules)
COMMANDS = ("extract", "flags", "overview", "applies", "matrix", "whatif", "graph", "compare", "fetch",
            "profiles", "archetypes")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; or, when ``command`` is one of ``COMMANDS``, a parser with that subcommand only,
    made exactly as in the whole one (what a run of that command parses: its arguments, help, errors).

    Why: building every other subparser (the workspace's and batch's modules imported to do it) was
    a fifth of a cached open. Any other first argument (an option, another command, a typo) gets the
    whole parser."""
    only = command if command in COMMANDS else None
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

    if only in (None, "extract"):
        p = sub.add_parser("extract", help="measures, paragraphs, footnotes, index, qualifiers, applicability")
        doc(p, "json", "md")
        p.set_defaults(func=cmd_extract)

    if only in (None, "flags"):
        p = sub.add_parser("flags", help="every qualifying phrase, by measure and paragraph")
        doc(p, "json", "md", "csv")
        p.set_defaults(func=cmd_flags)

    if only in (None, "overview"):
        p = sub.add_parser("overview", help="counts by chapter and category, and the measures ranked by loophole risk")
        doc(p, "json", "md")
        p.add_argument("--top", type=int, default=15, help="how many ranked measures the md table lists")
        p.set_defaults(func=cmd_overview)

    if only in (None, "applies"):
        p = sub.add_parser("applies", help="status of every measure for one service profile")
        doc(p, "json", "md")
        p.add_argument("--service", help="service profile TOML file or archetype name")
        p.add_argument("--kind", choices=["u2u", "search"], default="u2u")
        p.add_argument("--search-type", choices=["general", "vertical"])
        p.add_argument("--users", type=int, default=0, help="monthly active UK users")
        p.add_argument("--risk", action="append", metavar="HARM=LEVEL", help="e.g. csam-image=high (repeatable)")
        p.add_argument("--feature", action="append", metavar="FEATURE", help="e.g. e2ee (repeatable)")
        p.set_defaults(func=cmd_applies)

    if only in (None, "matrix"):
        p = sub.add_parser("matrix", help="every measure x built-in service archetype")
        doc(p, "json", "csv", "md")
        p.set_defaults(func=cmd_matrix)

    if only in (None, "whatif"):
        p = sub.add_parser("whatif", help="measures whose status differs between two service profiles")
        doc(p, "json", "md")
        p.add_argument("--service", action="append", required=True, help="TOML file or archetype name (twice)")
        p.set_defaults(func=cmd_whatif)

    if only in (None, "graph"):
        p = sub.add_parser("graph", help="export the code graph as GraphML")
        doc(p, "graphml")
        p.set_defaults(func=cmd_graph)

    if only in (None, "compare"):
        p = sub.add_parser("compare", help="what changed between two editions of a code")
        p.add_argument("old")
        p.add_argument("new")
        p.add_argument("--format", choices=["json", "md", "html", "docx"], default="json")
        p.add_argument("--profile")
        p.add_argument("--no-cache", action="store_true")
        p.add_argument("-o", "--output")
        budget_options(p)
        p.set_defaults(func=cmd_compare)

    if only in (None, "fetch"):
        p = sub.add_parser("fetch", help="download official codes listed in the catalogue, verified by sha256")
        p.add_argument("name", nargs="?")
        p.add_argument("--all", action="store_true")
        p.add_argument("--list", action="store_true")
        p.add_argument("-o", "--output")
        p.set_defaults(func=cmd_fetch)

    if only in (None, "profiles"):
        p = sub.add_parser("profiles", help="list the code profiles")
        p.add_argument("-o", "--output")
        p.set_defaults(func=cmd_profiles)

    if only in (None, "archetypes"):
        p = sub.add_parser("archetypes", help="list the built-in service archetypes")
        p.add_argument("-o", "--output")
        p.set_defaults(func=cmd_archetypes)

    if only is None:
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

    given = sys.argv[1:] if argv is None else argv
    args = build_parser(given[0] if given else None).parse_args(given)
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
