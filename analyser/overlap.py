"""The CLI's cold analysis on two cores: the PDF is read in a forked process while this one loads spaCy.

Why: a one-shot ``python -m analyser extract`` pays about 2 s of CPU before it can flag a single
qualifier (importing spaCy, then loading the trained pipeline), the same for a 10-page code as for a
1,000-page one, and reading the PDF (characters, lines, structure, index table) costs as much again
on a small code. The two do not depend on each other, so on a machine with a free core they can
run at once. A thread cannot do it: both are Python code holding the GIL (tried, and no gain could
be measured; see bench/RESULTS.md). A forked child can: it runs ``extract_code`` and then
``resolve_applicability`` (no spaCy in either; the child has the code's profile and the condition
parser loaded already, so it is also where they cost least), and sends the ``Code`` back by pickle
(about a millisecond for the sample), while the parent imports spaCy and loads the model. The parent
then flags qualifiers. The result is the same, field for field, as the serial path's, because the
qualifier pass and the applicability pass read and write disjoint parts of the ``Code``
(tests/test_overlap.py checks that the order of the two does not matter).

When it is used (``worthwhile``): only where the caller asks (the CLI; not the app, whose server
runs threads, nor the batch workers, which load the model once for many documents), on Linux
(``os.fork``; macOS has it too, but its system libraries are not fork-safe), with at least two
cores available to this process, while the process has one
thread (forking a threaded process can deadlock the child) and the trained pipeline is not loaded
yet. ``ANALYSER_OVERLAP=0`` turns it off (to time the serial path, or to rule it out).

A bad input is reported exactly as before: ``check_input`` runs before the fork, and an
``AnalyserError`` raised in the child is pickled back and raised here. Anything else going wrong in
the child (a bug, a crash in a PDF library, an interrupted read) sends nothing back; the parent then
reads the PDF itself, so the error and its traceback appear as on the serial path.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from pathlib import Path

from .errors import AnalyserError
from .extraction.checked_input import CheckedInput
from .models import Code

__all__ = ["analyse_beside_model", "worthwhile"]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what this process may use, not what the machine has
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worthwhile() -> bool:
    """True when reading the PDF in a child while spaCy loads here can save time, and is safe."""
    if os.environ.get("ANALYSER_OVERLAP", "1").strip() == "0":
        return False
    if not (hasattr(os, "fork") and sys.platform.startswith("linux")):
        return False  # macOS has fork, but its system libraries are not safe in a forked child
    if _cores() < 2 or threading.active_count() != 1:
        return False
    nlp = sys.modules.get("analyser.nlp")  # looked up, not imported: importing it imports spaCy
    return nlp is None or not getattr(nlp, "_LOADED", {}).get(True)


def analyse_beside_model(checked: CheckedInput, profile: str | Path | None, reader: str | None) -> Code:
    """``extract_code`` and ``resolve_applicability`` run in a forked child while this process loads the
    spaCy pipeline that ``flag_qualifiers`` will use. Raises what ``extract_code`` raises."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, checked, profile, reader)
    os.close(write_end)
    payload = b""
    try:
        _import_spacy_without_its_cli()
        from .nlp import load_pipeline

        load_pipeline(trained=True)  # spaCy's import and its model, on the other core
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    except BaseException:
        _stop(pid)  # interrupted (Ctrl-C) or failed here: the child must not outlive this process
        raise
    os.waitpid(pid, 0)
    outcome = _decode(payload)
    if outcome is None:  # the child failed in a way it could not report: do its work here
        return _analyse(checked, profile, reader)
    if isinstance(outcome, AnalyserError):
        raise outcome
    return outcome


def _child(write_end: int, checked: CheckedInput, profile: str | Path | None, reader: str | None) -> None:
    status = 1
    try:
        try:
            result: Code | AnalyserError = _analyse(checked, profile, reader)
        except AnalyserError as err:
            result = err
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # nothing is written: the parent reads the PDF itself and shows the error
        pass
    finally:
        # _exit: no atexit handlers, no second flush of output buffered before the fork
        os._exit(status)


def _import_spacy_without_its_cli() -> None:
    """spaCy imported the light way (``analyser.spacy_light``), here after the fork: importing that
    module imports spaCy, so it is imported only now, never at this module's import."""
    from .spacy_light import import_spacy_light

    import_spacy_light()


def _analyse(checked: CheckedInput, profile: str | Path | None, reader: str | None) -> Code:
    """The spaCy-free part of ``pipeline.load_code``: what the child does."""
    from .applicability import resolve_applicability
    from .extract import extract_code

    code = extract_code(checked, profile=profile, reader=reader)
    resolve_applicability(code, profile=profile)
    return code


def _decode(payload: bytes) -> Code | AnalyserError | None:
    if not payload:
        return None
    try:
        outcome = pickle.loads(payload)  # our own child's bytes, read from a pipe only it could write
    except Exception:
        return None
    return outcome if isinstance(outcome, (Code, AnalyserError)) else None


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
