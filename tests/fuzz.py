"""A seeded mutation fuzzer for the analyser's inputs: PDFs, lexicon files and command-line options.

Shared by the short run in the suite (tests/test_fuzz.py) and the long run (bench/fuzz_long.py).
Every input goes through ``analyser.cli.main`` in this process, as a user's command would, with
stdout and stderr captured, and is judged by the promise in the README:

* exit 0 or 2, never an exception out of ``main`` (a traceback), and never "internal error";
* on exit 2, exactly one line on stderr: ``error: <file>: <cause>``;
* never longer than the time budget the run was given (``--max-seconds``), plus a margin for
  the parts after reading (qualifiers);
* a damaged PDF that still exits 0 but whose measures, paragraphs or paragraph text differ from
  the undamaged document's carries a warning of severity "damage" (a routine warning, such as
  "text outside any numbered paragraph", does not tell the reader the text is damaged).

Mutations are seeded (``random.Random(seed)``), so a failure is reproduced by its seed alone.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

STREAM_RE = re.compile(rb"stream\r?\n")


@dataclass
class Outcome:
    argv: list[str]
    code: int | None  # exit status; None when an exception escaped main()
    out: str
    err: str
    seconds: float
    crash: str = ""  # the traceback, when main() raised

    def problems(self, time_limit: float) -> list[str]:
        """What breaks the promise, in words (empty when the run kept it)."""
        found = []
        if self.crash:
            found.append("traceback: " + self.crash.strip().splitlines()[-1])
        elif self.code not in (0, 2):
            found.append(f"exit {self.code}")
        if "Traceback" in self.err:
            found.append("traceback on stderr")
        if "internal error" in self.err:
            found.append("internal error: " + self.err.strip()[:200])
        if self.code == 2:
            lines = self.err.splitlines()
            if len(lines) != 1 or not re.match(r"^error: [^:]*\S.*: \S", lines[0]):
                found.append(f"not one clear error line: {self.err[:300]!r}")
        if self.seconds > time_limit:
            found.append(f"took {self.seconds:.1f} s, over {time_limit:g} s")
        return found


def run_cli(argv: list[str]) -> Outcome:
    """``python -m analyser ARGV`` in this process: exit code, stdout, stderr, time."""
    from analyser.cli import main

    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    crash = ""
    code: int | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse: --help, or a usage error
            code = stop.code if isinstance(stop.code, int) else 2
        except BaseException:  # noqa: BLE001 - anything else is what the fuzzer looks for
            crash = traceback.format_exc()
    return Outcome(argv, code, out.getvalue(), err.getvalue(), time.monotonic() - started, crash)


# ---------------------------------------------------------------------------------------------
# PDFs


def _streams(data: bytes) -> list[tuple[int, int]]:
    spans = []
    for m in STREAM_RE.finditer(data):
        end = data.find(b"endstream", m.end())
        if end > m.end():
            spans.append((m.end(), end))
    return spans


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One damaged copy of ``data`` and the name of what was done to it."""
    b = bytearray(data)
    kind = rng.choice(["flip", "flip", "stream", "stream", "zero", "truncate", "splice", "dictionary", "digits"])
    if kind == "flip":  # a few random bytes anywhere
        for _ in range(rng.randint(1, 12)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == "stream":  # garbage inside one compressed stream: a decode error
        spans = _streams(data)
        if spans:
            start, end = rng.choice(spans)
            at = rng.randrange(start, max(start + 1, end))
            n = rng.randint(1, 64)
            b[at:at + n] = bytes(rng.randrange(256) for _ in range(n))
    elif kind == "zero":  # a run of zero bytes (a bad sector)
        at = rng.randrange(len(b))
        n = rng.randint(16, 4096)
        b[at:at + n] = bytes(min(n, len(b) - at))
    elif kind == "truncate":  # cut short, end marker kept so the cheap check does not catch it
        cut = rng.randrange(len(b) // 10, len(b))
        b = b[:cut] + b"\n%%EOF\n"
    elif kind == "splice":  # a piece of the file copied over another place
        a, c = rng.randrange(len(b)), rng.randrange(len(b))
        n = rng.randint(8, 2048)
        b[c:c + n] = data[a:a + n]
    elif kind == "dictionary":  # a PDF keyword or number changed
        words = [m.start() for m in re.finditer(rb"/(?:Length|Filter|Font|Type|Kids|Count|Contents|MediaBox|Size)\b",
                                                data)]
        if words:
            at = rng.choice(words)
            b[at + 1] = rng.choice(b"XYZ0!")
    else:  # "digits": an offset or length made wrong
        spots = [m.start() for m in re.finditer(rb"\d{2,}", data)]
        if spots:
            at = rng.choice(spots)
            b[at] = rng.choice(b"0123456789")
    return bytes(b), kind


def structure(extract_json: str) -> list[tuple[str, tuple[str, ...]]]:
    """The measures and their paragraph numbers, from ``extract --format json``."""
    data = json.loads(extract_json)
    return [(m["id"], tuple(p["number"] for p in m["paragraphs"])) for m in data["measures"]]


# the six PDFs the long run (bench/fuzz_long.py) mutates, in its order: mutant i is made from the
# (i mod 6)th, so a seed and a mutant number name one file
_ROOT = Path(__file__).resolve().parent.parent
LONG_RUN_SOURCES = [_ROOT / "tests/fixtures/layouts/producers_mupdf_weasyprint/holdout4_ics_weasyprint.pdf",
                    _ROOT / "tests/fixtures/pcu_sample.pdf",
                    _ROOT / "tests/fixtures/layouts/word_sections_and_list_numbering/holdout6_ics_docx.pdf",
                    _ROOT / "tests/fixtures/layouts/drafts_bullets_and_bands/holdout2_icu_draft_docx.pdf",
                    _ROOT / "tests/fixtures/ics_sample.pdf", _ROOT / "codes/sample/icu-sample.pdf"]


def replay(seed: int, mutant: int, workdir: Path) -> tuple[Path, str, Path]:
    """The long run's mutant ``mutant`` of ``seed``, rebuilt: (its file, its kind, the undamaged source)."""
    rng = random.Random(seed)
    for i in range(mutant + 1):
        data, kind = mutate_pdf(LONG_RUN_SOURCES[i % len(LONG_RUN_SOURCES)].read_bytes(), rng)
    path = workdir / f"mutant-{seed}-{mutant}.pdf"
    path.write_bytes(data)
    return path, kind, LONG_RUN_SOURCES[mutant % len(LONG_RUN_SOURCES)]


_ORIGINALS: dict[Path, tuple[list, dict]] = {}


@dataclass
class PdfReport:
    mutants: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    damaged_ok: int = 0  # exit 0 with a structure different from the original's
    damaged_ok_warned: int = 0
    text_changed_unwarned: int = 0  # exit 0, same structure, some text different, no damage warning
    # the structure changed and warnings were given, but none of severity "damage": the reader is told
    # only routine things, so this is silent damage in all but name
    damaged_ok_routine_only: int = 0
    silent: list[str] = field(default_factory=list)  # seed, mutant, kind, source of each silent text change
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def fuzz_pdfs(sources: list[Path], count: int, seed: int, workdir: Path, time_limit: float = 60.0,
              report: PdfReport | None = None) -> PdfReport:
    """``count`` mutants spread over ``sources``, each run as ``extract --format json --no-cache``."""
    report = report or PdfReport()
    originals = {}
    for src in sources:
        if src not in _ORIGINALS:  # each undamaged document is read once per process
            base = run_cli(["extract", str(src), "--format", "json", "--no-cache"])
            assert base.code == 0, base.err
            _ORIGINALS[src] = (structure(base.out), json.loads(base.out))
        originals[src] = _ORIGINALS[src]
    rng = random.Random(seed)
    for i in range(count):
        src = sources[i % len(sources)]
        data, kind = mutate_pdf(src.read_bytes(), rng)
        path = workdir / f"mutant-{seed}-{i}.pdf"
        path.write_bytes(data)
        outcome = run_cli(["extract", str(path), "--format", "json", "--no-cache",
                           "--max-seconds", str(time_limit)])
        report.mutants += 1
        report.kinds[kind] = report.kinds.get(kind, 0) + 1
        report.exits[outcome.code if outcome.code is not None else -1] = \
            report.exits.get(outcome.code if outcome.code is not None else -1, 0) + 1
        report.seconds.append(outcome.seconds)
        problems = outcome.problems(time_limit + 30)
        if outcome.code == 0 and not problems:
            shape, whole = originals[src]
            got = json.loads(outcome.out)
            if structure(outcome.out) != shape:
                report.damaged_ok += 1
                if got["warnings"]:
                    report.damaged_ok_warned += 1
                    if not any(w.get("severity") == "damage" for w in got["warnings"]):
                        report.damaged_ok_routine_only += 1
                        report.silent.append(f"seed {seed} mutant {i} ({kind}, from {src.name}): "
                                             "measures or paragraphs differ, routine warnings only")
                else:
                    problems.append("measures or paragraphs differ from the original's, with no warning")
            elif not any(w.get("severity") == "damage" for w in got["warnings"]) and _texts(got) != _texts(whole):
                # a routine warning does not tell the reader the text is damaged: one source
                # (holdout6_ics_docx.pdf) carries a routine warning undamaged, so "no warning at all"
                # never counted its mutants' text changes
                report.text_changed_unwarned += 1
                routine = " (routine warnings only)" if got["warnings"] else ""
                report.silent.append(f"seed {seed} mutant {i} ({kind}, from {src.name}): paragraph text changed, "
                                     f"no damage warning{routine}")
        kept = bool(report.silent) and report.silent[-1].startswith(f"seed {seed} mutant {i} ")
        if problems:
            report.failures.append(f"seed {seed} mutant {i} ({kind}, from {src.name}): {'; '.join(problems)}")
        elif not kept:
            path.unlink()  # a failing or silently changed mutant is kept for the reader
    return report


def _texts(data: dict) -> list[str]:
    return [p["text"] for m in data["measures"] for p in m["paragraphs"]]


# ---------------------------------------------------------------------------------------------
# command-line options

_COMMANDS = {
    "extract": ["json", "md"], "flags": ["json", "md", "csv"], "overview": ["json", "md"],
    "applies": ["json", "md"], "matrix": ["json", "csv", "md"], "whatif": ["json", "md"], "graph": ["graphml"],
}
_ODD_VALUES = ["", " ", "-1", "0", "1e30", "inf", "nan", "abc", "9" * 40, "\x00", "../../etc/passwd", "/dev/zero",
               "/dev/full", "/", "x" * 300, "--", "-", "ICU", "icu", "🙂", "=1+1", "<script>", "%s%n", "a\nb"]
_OPTIONS = {
    "--format": ["json", "md", "csv", "xml", ""],
    "--profile": ["icu", "ics", "eu-gpai", "nope", "/dev/null", "/", "x.toml"],
    "--lexicon": ["/dev/null", "/", "missing.toml"],
    "--users": ["0", "8000000", "-5", "1e30", "abc"],
    "--risk": ["csam-image=high", "fraud=medium", "x=y", "=", "fraud", "fraud=HIGH"],
    "--feature": ["e2ee", "nope", ""],
    "--kind": ["u2u", "search", "x"],
    "--search-type": ["general", "vertical", "x"],
    "--service": ["large-social-network", "small-low-risk-forum", "nope", "/", "/dev/null"],
    "--top": ["3", "0", "-1", "x"],
    "--max-pages": ["1", "0", "-1", "100", "x", "inf"],
    "--max-chars": ["10", "1000000", "0", "nan"],
    "--max-page-chars": ["10", "200000", "-3"],
    "--max-seconds": ["0.0001", "60", "0", "inf", "nan"],
    "-o": ["/dev/full", "/", "missing-dir/x", "out.txt"],
}


def random_argv(rng: random.Random, pdf: Path, workdir: Path) -> list[str]:
    """A command line mixing sensible and hostile options and values."""
    if rng.random() < 0.1:
        # never a real download: "fetch" only lists, or names an entry that does not exist
        return [rng.choice(["fetch", "profiles", "archetypes", "bogus", "--version", ""]),
                *rng.sample(["--list", "nope", "-o", str(workdir / "list.md")], rng.randint(0, 2))]
    command = rng.choice(list(_COMMANDS))
    doc = rng.choice([str(pdf), str(pdf), "icu-sample", rng.choice(_ODD_VALUES)])
    argv = [command, doc]
    for _ in range(rng.randint(0, 4)):
        option = rng.choice(list(_OPTIONS))
        value = rng.choice(_OPTIONS[option] + [rng.choice(_ODD_VALUES)])
        if option == "-o" and value == "out.txt":
            value = str(workdir / "out.txt")
        argv += [option, value]
    if command == "whatif" and rng.random() < 0.7:
        argv += ["--service", "large-social-network", "--service", "large-e2ee-messaging"]
    return argv


def fuzz_options(pdf: Path, count: int, seed: int, workdir: Path, time_limit: float = 120.0) -> tuple[int, dict, list]:
    """(inputs, exits, failures) of ``count`` random command lines over one real PDF."""
    rng = random.Random(seed)
    exits: dict[int, int] = {}
    failures = []
    for i in range(count):
        argv = random_argv(rng, pdf, workdir)
        with contextlib.chdir(workdir):  # "graph" without -o writes beside the current folder
            outcome = run_cli(argv)
        exits[outcome.code if outcome.code is not None else -1] = exits.get(outcome.code if outcome.code is not None else -1, 0) + 1
        problems = outcome.problems(time_limit)
        if problems:
            failures.append(f"seed {seed} argv {i} {argv!r}: {'; '.join(problems)}")
    return count, exits, failures


# ---------------------------------------------------------------------------------------------
# TOML


def toml_value(value) -> str:
    """A Python value as TOML (the subset the strategies make: tables, arrays, scalars)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(text, text)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_document(tables: dict[str, list[dict]], top: dict | None = None) -> str:
    """Top-level keys, then ``[[name]]`` arrays of tables."""
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in (top or {}).items()]
    for name, items in tables.items():
        for item in items:
            lines.append(f"[[{name}]]")
            lines += [f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


def random_value(rng: random.Random, depth: int = 0):
    """A seeded random TOML value: mostly plausible, often hostile (huge, negative, nested, wrong type)."""
    pick = rng.random()
    if depth < 3 and pick < 0.15:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and pick < 0.25:
        return {rng.choice(["LOWER", "TEXT", "REGEX", "x", "name", "IN"]): random_value(rng, depth + 1)
                for _ in range(rng.randint(0, 3))}
    return rng.choice([True, False, 0, -1, 7_000_001, 10**30, float("inf"), float("nan"), 1e30, -0.5, "", " ",
                       "high", "medium", "u2u", "search", "e2ee", "timing", "(a+)+$", "(\\w+\\s?)+x$", "x" * 500,
                       "\x01", "{0}", "{number}", "{0.__class__}", "ICU {number}", "=1+1", "<script>", "é"])


_SERVICE_KEYS = ["name", "kind", "users", "features", "risks", "search_type", "description", "zzz"]
_PROFILE_KEYS = ["name", "family", "short_name", "kind", "title", "publisher"]
_PROFILE_TABLES = {"measure": ["heading", "id"], "detect": ["phrases", "id_regex"], "paragraph": ["number"],
                   "items": ["labels"], "application": ["phrase", "heading"], "index": ["title", "id_regex"]}


def random_toml(kind: str, rng: random.Random, base: str = "") -> str:
    """A malformed TOML file of ``kind`` ("lexicon", "service", "profile", "catalogue"): a valid
    ``base`` with some keys replaced, or a random structure, or plain noise."""
    roll = rng.random()
    if roll < 0.1:
        return "".join(rng.choice(string_noise) for _ in range(rng.randint(0, 200)))
    if kind == "lexicon":
        entries = [{rng.choice(["id", "category", "pattern", "patterns", "phrases", "priority", "level", "disabled",
                                "dep_patterns", "bogus"]): random_value(rng) for _ in range(rng.randint(0, 6))}
                   for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.6:  # a nearly valid entry with one hostile part
            entries.append({"id": "fuzz", "category": "timing",
                            "pattern": [{"LOWER": {"REGEX": random_value(rng)}}] if rng.random() < 0.5
                            else [{"LOWER": random_value(rng)}]})
        return toml_document({"entry": entries})
    if kind == "catalogue":
        return toml_document({"document": [{rng.choice(["name", "code", "title", "filename", "urls", "sha256", "size",
                                                         "sample", "path"]): random_value(rng)
                                             for _ in range(rng.randint(0, 8))} for _ in range(rng.randint(0, 3))]})
    if kind == "service":
        top = {"name": "Fuzz", "kind": "u2u", "users": 1000}
        for _ in range(rng.randint(1, 4)):
            top[rng.choice(_SERVICE_KEYS)] = random_value(rng)
        return toml_document({}, top)
    # profile: a shipped profile with some values swapped for hostile ones
    lines = base.splitlines()
    for _ in range(rng.randint(1, 3)):
        table = rng.choice(list(_PROFILE_TABLES))
        key = rng.choice(_PROFILE_TABLES[table])
        lines.append(f"[{table}]" if rng.random() < 0.2 else "")
        lines.insert(0, f"{rng.choice(_PROFILE_KEYS)} = {toml_value(random_value(rng))}")
        lines = [ln if not ln.startswith(f"{key} =") else f"{key} = {toml_value(random_value(rng))}" for ln in lines]
    return "\n".join(lines) + "\n"


string_noise = list("[]{}=\"'\n #.,abcxyz019-_\\") + ["\x00", "é", "\ufffd", "[[entry]]\n"]


def fuzz_toml(kind: str, count: int, seed: int, workdir: Path, pdf: Path) -> tuple[int, dict, list]:
    """(inputs, exits, failures) of ``count`` malformed files of ``kind`` given to the command that reads them."""
    rng = random.Random(seed)
    base = (Path(__file__).resolve().parent.parent / "codes" / "profiles" / "icu.toml").read_text()
    exits: dict[int, int] = {}
    failures = []
    for i in range(count):
        path = workdir / f"{kind}-{seed}-{i}.toml"
        try:
            path.write_text(random_toml(kind, rng, base), encoding="utf-8")
        except (TypeError, ValueError):
            continue
        argv = {"lexicon": ["flags", str(pdf), "--lexicon", str(path), "--format", "json"],
                "service": ["applies", str(pdf), "--service", str(path), "--format", "json"],
                "profile": ["extract", str(pdf), "--profile", str(path), "--format", "json", "--max-seconds", "60"],
                "catalogue": ["fetch", "--list"]}[kind]
        if kind == "catalogue":
            import analyser.catalogue as cat

            saved = cat.DEFAULT_CATALOGUE
            cat.DEFAULT_CATALOGUE = path
            try:
                outcome = run_cli(argv)
            finally:
                cat.DEFAULT_CATALOGUE = saved
        else:
            outcome = run_cli(argv)
        exits[outcome.code if outcome.code is not None else -1] = exits.get(outcome.code if outcome.code is not None else -1, 0) + 1
        problems = outcome.problems(120)
        if problems:
            failures.append(f"{kind} seed {seed} #{i} ({path.name}): {'; '.join(problems)}")
    return count, exits, failures
