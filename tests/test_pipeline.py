"""``load_code``: the cache is reused when nothing changed, and not when the rules did."""

from __future__ import annotations

import shutil

from analyser.paths import CODES_DIR
from analyser.pipeline import load_code


def _analysed(pdf, **kwargs) -> bool:
    """True when load_code really analysed (the progress callback only runs on a cache miss)."""
    calls = []
    load_code(pdf, progress=lambda fraction, message: calls.append(message), **kwargs)
    return bool(calls)


def test_second_open_comes_from_the_cache(sample_icu_pdf):
    load_code(sample_icu_pdf)
    assert not _analysed(sample_icu_pdf)
    assert _analysed(sample_icu_pdf, use_cache=False)


def test_editing_a_forced_profile_file_reanalyses(tmp_path, sample_icu_pdf):
    mine = tmp_path / "mine.toml"
    shutil.copyfile(CODES_DIR / "profiles" / "icu.toml", mine)
    assert _analysed(sample_icu_pdf, profile=mine)
    assert not _analysed(sample_icu_pdf, profile=mine)
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# an officer's edit\n", encoding="utf-8")
    assert _analysed(sample_icu_pdf, profile=mine)


def test_a_user_lexicon_is_part_of_the_key(tmp_path, sample_icu_pdf):
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[[entry]]\nid = "officer-extra"\ncategory = "discretion"\nphrases = ["as it sees fit"]\n',
                       encoding="utf-8")
    load_code(sample_icu_pdf)
    assert _analysed(sample_icu_pdf, lexicon=lexicon)
    assert not _analysed(sample_icu_pdf, lexicon=lexicon)


def test_a_cached_analysis_names_the_file_opened_now(tmp_path, sample_icu_pdf):
    """The cache is keyed by content; citations must name the file the user opened, not the first."""
    load_code(sample_icu_pdf)
    renamed = tmp_path / "ICU December 2024 (my copy).pdf"
    shutil.copyfile(sample_icu_pdf, renamed)
    assert not _analysed(renamed)
    assert load_code(renamed).info.source_file == renamed.name
    assert load_code(sample_icu_pdf).info.source_file == sample_icu_pdf.name


def test_the_cache_key_covers_the_rules_and_the_parser_itself():
    """A newer parser or lexicon must re-analyse, not serve an answer made under the old one."""
    from analyser.pipeline import rules_files

    names = {f.name for f in rules_files()}
    assert {"pdftext.py", "extract.py", "qualifiers.py", "conditions.py", "lexicon.toml", "icu.toml"} <= names


def test_the_cache_key_leaves_out_the_web_app():
    """The app only shows an analysis: editing a view must not re-analyse every document (with
    spaCy, seconds each) before the app's first page can show."""
    from pathlib import Path

    import analyser
    from analyser.pipeline import rules_files

    app = Path(analyser.__file__).parent / "app"
    assert (app / "main.py").is_file()
    assert [f for f in rules_files() if app in f.parents] == []
    assert any(f.name == "pipeline.py" for f in rules_files())


def test_the_input_is_checked_once_and_what_the_check_found_is_reported(tmp_path, monkeypatch):
    """load_code checks the file before the costly imports and hands the checked input on: the
    extractor neither checks nor hashes it again, and the damage only the check can see (a page tree
    that lost a page) still reaches the warnings."""
    import hashlib

    from analyser import pdfcheck
    from test_damage import _replay

    path, _ = _replay(4175, 3, tmp_path)  # "/Type" of a page misspelt: the page tree skips it
    checks = []
    real = pdfcheck._open_check  # the costly part of check_pdf, looked up at each call however it was imported
    monkeypatch.setattr(pdfcheck, "_open_check", lambda p: checks.append(p) or real(p))
    code = load_code(path, use_cache=False)
    assert len(checks) == 1
    assert code.info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    first = code.warnings[0]
    assert first.severity == "damage" and "declares 6 pages but only 5" in first.message


def test_the_stored_text_of_a_cached_open_is_the_analysis_as_json(tmp_path, sample_icu_pdf):
    """``extract --format json`` writes a cache hit's stored text without rebuilding the Code: it must be
    exactly ``dumps_readable(load_code(...).to_dict())``, the file opened now named in it, on a hit and
    on a miss."""
    from analyser.pipeline import load_code_json
    from analyser.plain import dumps_readable

    expected = dumps_readable(load_code(sample_icu_pdf).to_dict())
    assert load_code_json(sample_icu_pdf) == expected  # a hit
    renamed = tmp_path / "renamed \"copy\" \u00e9.pdf"  # a name JSON must escape
    shutil.copyfile(sample_icu_pdf, renamed)
    hit = load_code_json(renamed)
    assert f'"source_file": "renamed \\"copy\\" \u00e9.pdf"' in hit
    assert hit == dumps_readable(load_code(renamed).to_dict())
    assert load_code_json(sample_icu_pdf, use_cache=False) == expected  # a miss analyses


def test_a_cached_open_prints_what_the_cold_analysis_printed(tmp_path, sample_icu_pdf):
    """The command line, as a user runs it: the JSON and the warning line of a cached open are the cold
    run's, byte for byte."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = dict(os.environ, ANALYSER_CACHE_DIR=str(tmp_path / "cache"))
    run = lambda: subprocess.run([sys.executable, "-m", "analyser", "extract", str(sample_icu_pdf), "--format", "json"],  # noqa: E731
                                 cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    cold, cached = run(), run()
    assert cold.returncode == cached.returncode == 0, cold.stderr
    assert cached.stdout == cold.stdout and cached.stderr == cold.stderr


def test_a_stored_text_that_is_not_a_whole_analysis_is_analysed_again(tmp_path, monkeypatch, sample_icu_pdf):
    """A cached open writes the stored text without parsing it, but not blindly: a row whose text is
    damaged after the ``code`` head, or is the layout's head with no measures, or is not an analysis at
    all, is dropped and the code analysed again (before, the first raised JSONDecodeError out of the
    CLI and the second was printed as the analysis). A row of the compact JSON an older release stored
    is read the slow way and gives the same text."""
    import json
    import sqlite3
    import zlib

    from analyser import cache
    from analyser.pipeline import load_code_json

    from analyser.plain import dumps_readable

    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(tmp_path / "cache"))
    expected = load_code_json(sample_icu_pdf)  # a miss: analysed, encoded once, stored and returned
    assert expected == dumps_readable(load_code(sample_icu_pdf, use_cache=False).to_dict())
    older = json.dumps(json.loads(expected), ensure_ascii=False)
    damaged = [
        '{\n  "code": {"source_file": oops',
        '{\n  "code": {"source_file": "x.pdf"}\n}',
        expected[: len(expected) // 2],
        "[1, 2]",
    ]
    for text in [older, *damaged]:
        with sqlite3.connect(cache.db_path()) as conn:
            conn.execute("UPDATE analysis SET data = ?", (zlib.compress(text.encode("utf-8")),))
        assert load_code_json(sample_icu_pdf) == expected, text[:40]
        stored = [zlib.decompress(row[0]).decode() for row in
                  sqlite3.connect(cache.db_path()).execute("SELECT data FROM analysis")]
        assert stored == ([older] if text is older else [expected])  # a damaged row was replaced


def test_the_rules_fingerprint_reads_the_files_pathlib_would_list_in_its_order():
    """``rules_files`` walks the tree with ``os`` calls (sorting ``Path`` objects was most of the
    fingerprint's cost on every cached open): same files, same order, same digest as the ``pathlib``
    listing it replaced, so no cache made before it is invalidated."""
    import hashlib
    from pathlib import Path

    from analyser import pipeline
    from analyser.paths import CODES_DIR, PACKAGE_DATA

    package = Path(pipeline.__file__).parent
    app = package / "app"
    listed = (sorted((CODES_DIR / "profiles").glob("*.toml")) + sorted(PACKAGE_DATA.glob("*.toml"))
              + sorted(p for p in package.rglob("*.py") if app not in p.parents
                       and not (p.parent == package and p.name in pipeline.PRESENTATION_MODULES)))
    assert pipeline.rules_files() == listed
    assert any(p.parent.name == "extraction" for p in listed) and not any(app in p.parents for p in listed)
    digest = hashlib.sha256()
    for file in listed:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    assert pipeline._rules_fingerprint.__wrapped__() == digest.hexdigest()[:16]
