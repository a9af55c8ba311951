"""spaCy imported without what the analyser never calls: its command line and ``langcodes``.

Why a module of its own: every module here that imports spaCy imports this one first (``from . import
spacy_light``, before its ``from spacy...`` lines), so that whichever of them is imported first, by
the CLI's serial path, the forked overlap, the app or a batch worker, spaCy is imported the light way
(about 0.2 s of CPU less per process than a plain ``import spacy``: 0.79-0.93 s against 0.59-0.65 s,
bench/RESULTS.md, issue 13). A process that imported spaCy before (a user's own script) keeps its spaCy
as it is.
"""

from __future__ import annotations

import sys
import types

__all__ = ["import_spacy_light"]


def import_spacy_light() -> None:
    """``import spacy`` without importing spaCy's command line, which nothing here uses.

    Why: spaCy's ``__init__`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and that pulls
    in the whole command line (typer, click, weasel, requests, the project commands): about 0.3 s of
    the 1.4 s ``import spacy`` costs, and that import is on the critical path of the CLI's cold run.
    For the length of the import, ``spacy.cli`` and ``spacy.cli.info`` are empty stand-ins; then they
    are taken out again, so that a later ``import spacy.cli`` imports the real package, and
    ``spacy.info`` imports the real function the first time it is called. ``langcodes`` is put off
    the same way (``_LazyModule``). The model, its components and everything the analysis calls are
    spaCy's own, unchanged (tests/test_spacy_import.py: the whole corpus, light and plain import).
    """
    if "spacy" in sys.modules:
        return

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that spacy.cli.info can be imported from it
    cli_info = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli_info.info = info  # type: ignore[attr-defined]
    cli.info = cli_info  # type: ignore[attr-defined]
    stand_ins: dict[str, types.ModuleType] = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    if "langcodes" not in sys.modules:
        stand_ins["langcodes"] = _LazyModule("langcodes")
    sys.modules.update(stand_ins)
    _select_entry_points_once()
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        del spacy.cli  # the package attribute too: ``spacy.cli`` is bound again by its real import


def _select_entry_points_once() -> None:
    """catalogue's installed entry points, each group selected once per process (``_EntryPointGroups``)."""
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(available, "select") and not isinstance(available, _EntryPointGroups):
        catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointGroups(available)


class _EntryPointGroups:
    """``catalogue.AVAILABLE_ENTRY_POINTS`` with ``select(group=...)`` answered once per group.

    Why: catalogue reads the installed packages' entry points once, at its import ("only ever call
    this once for performance reasons"), but every registry lookup then asks ``select(group=...)``,
    and ``importlib.metadata`` answers that by flattening every group and testing every entry point
    again: spaCy's import and model load asked 110 times, 0.04-0.06 s per process on this machine's
    installation (9 times and 0.004-0.010 s with this stand-in; bench/RESULTS.md, issue 13). The first answer for a group is kept (an
    ``EntryPoints`` is an immutable tuple) and given again; any other question goes to the original.
    The entry points themselves are catalogue's, read when catalogue was imported, as before.
    """

    __slots__ = ("_available", "_groups")

    def __init__(self, available) -> None:
        self._available = available
        self._groups: dict[str, object] = {}

    def select(self, **params):
        if len(params) != 1 or "group" not in params:
            return self._available.select(**params)
        group = params["group"]
        found = self._groups.get(group)
        if found is None:
            found = self._groups[group] = self._available.select(group=group)
        return found

    def __getattr__(self, name: str):
        return getattr(self._available, name)


class _LazyModule(types.ModuleType):
    """A module imported the first time one of its attributes is read.

    Why: ``spacy.util`` imports ``langcodes`` at its top (0.04-0.08 s of CPU, most of it loading the
    language-name tables of ``langcodes.data_dicts``) but calls it only when a language code
    is not one of spaCy's own modules (``get_lang_class``'s fallback, ``find_matching_language``),
    which "en" never is. Nothing else imports ``langcodes``. The stand-in is in ``sys.modules`` only
    for the length of ``import spacy``; the first attribute read then imports the real package
    (``sys.modules`` holds the real one from then on) and answers from it, so a language code that
    needs ``langcodes`` gets spaCy's own behaviour, only later.
    """

    def __getattr__(self, name: str):
        import importlib

        real = importlib.import_module(self.__name__)
        if real is self:  # read while spaCy's import was still running: never expected
            raise AttributeError(name)
        return getattr(real, name)


# importing this module imports spaCy, the light way: each module here that uses spaCy imports this
# one before its own ``from spacy ...`` lines
import_spacy_light()
