"""Fuzzing as a test: a short seeded run of the mutation fuzzer (tests/fuzz.py), and Hypothesis
over malformed lexicon and catalogue TOML.

The long run (bench/fuzz_long.py, figures in bench/RESULTS.md) uses the same code with more
seeds; here a few dozen inputs keep the suite quick while still crossing every mutation kind and
every command. A failing input is named by its seed, so it can be replayed alone.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyser.errors import AnalyserError
from conftest import FIXTURES
from fuzz import fuzz_options, fuzz_pdfs, toml_document

SMALL = [FIXTURES / "layouts" / "producers_mupdf_weasyprint" / "holdout4_ics_weasyprint.pdf",
         FIXTURES / "pcu_sample.pdf"]


def test_mutated_pdfs_end_in_exit_0_or_one_line_and_damage_is_never_silent(tmp_path):
    report = fuzz_pdfs(SMALL, count=12, seed=12, workdir=tmp_path, time_limit=60)
    assert report.failures == []
    assert report.mutants == 12 and set(report.exits) <= {0, 2}
    assert len(report.kinds) >= 5  # most kinds of damage were tried


def test_random_command_lines_keep_the_one_line_promise(tmp_path):
    inputs, exits, failures = fuzz_options(SMALL[1], count=40, seed=12, workdir=tmp_path)
    assert failures == []
    assert set(exits) <= {0, 2} and exits.get(0) and exits.get(2)  # both outcomes were reached


# --------------------------------------------------------------------------------------------
# Hypothesis: malformed TOML

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                     st.text(max_size=20), st.sampled_from(["timing", "feasibility", "strength", "(a+)+$", ""]))
_VALUES = st.recursive(_SCALARS.filter(lambda v: v is not None),
                       lambda inner: st.one_of(st.lists(inner, max_size=3),
                                               st.dictionaries(st.sampled_from(["LOWER", "TEXT", "REGEX", "OP", "IN",
                                                                                "RIGHT_ID", "x"]), inner, max_size=3)),
                       max_leaves=8)
_ENTRY_KEYS = ["id", "category", "pattern", "patterns", "phrases", "notes", "level", "priority", "disabled",
               "trained_only", "dep_patterns", "bogus"]
_ENTRIES = st.lists(st.dictionaries(st.sampled_from(_ENTRY_KEYS), _VALUES, max_size=6), max_size=3)
_RAW = st.text(alphabet=string.printable + "[]=\"'{}\x00é", max_size=200)


@pytest.fixture(scope="module")
def small_code():
    from analyser.extract import extract_code

    return extract_code(SMALL[1])


def _one_line_or_loaded(call) -> None:
    """The library half of the CLI's promise: it works, or raises an AnalyserError of one line."""
    try:
        call()
    except AnalyserError as err:
        assert "\n" not in str(err) and str(err).split(": ", 1)[0], str(err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_ENTRIES, raw=_RAW, use_raw=st.booleans())
def test_malformed_lexicons_are_read_or_refused_in_one_line(tmp_path_factory, small_code, entries, raw, use_raw):
    import copy

    from analyser.qualifiers import flag_qualifiers

    path = tmp_path_factory.mktemp("lex") / "lexicon.toml"
    try:
        text = raw if use_raw else toml_document({"entry": entries})
    except TypeError:
        return
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _one_line_or_loaded(lambda: flag_qualifiers(copy.deepcopy(small_code), lexicon=path))


_DOC_KEYS = ["name", "code", "title", "filename", "urls", "sha256", "size", "sample", "path", "external",
             "version_date", "note", "zzz"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.dictionaries(st.sampled_from(_DOC_KEYS), _VALUES, max_size=8), max_size=3), raw=_RAW,
       use_raw=st.booleans())
def test_malformed_catalogues_are_read_or_refused_in_one_line(tmp_path_factory, docs, raw, use_raw):
    from analyser.catalogue import load_catalogue, local_path

    path = tmp_path_factory.mktemp("cat") / "catalogue.toml"
    path.write_text(raw if use_raw else toml_document({"document": docs}), encoding="utf-8", errors="surrogatepass")

    def load() -> None:
        for entry in load_catalogue(path):
            local_path(entry).exists()  # every path the app builds from an entry must be usable

    _one_line_or_loaded(load)
