"""The analysis cache: what goes in comes back equal, keys that differ miss, damage never crashes.

``make_code`` builds a Code by hand with every nested shape the model has (sub-items inside
sub-items, footnotes, cross-references, qualifiers, a condition tree), so that a round trip
that lost or flattened anything would show as inequality. test_schema.py reuses it.
"""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from analyser import cache
from analyser.models import (
    Applicability,
    Code,
    CodeInfo,
    Condition,
    CrossRef,
    Footnote,
    IndexRow,
    Measure,
    Paragraph,
    ParseWarning,
    Qualifier,
    QualifierSummary,
    Reconciliation,
    SubItem,
)

SHA = "ab" * 32


def make_code() -> Code:
    """A small ICU-like code with the nesting real extraction produces."""
    c9_text = (
        "The provider should use hash matching technology to detect image-based CSAM, where "
        "technically feasible, and should swiftly take down: (a) content that matches; "
        "(b) content that is (i) communicated publicly; or (ii) shared in a public group."
    )
    a = c9_text.index("(a)")
    b = c9_text.index("(b)")
    i = c9_text.index("(i)")
    ii = c9_text.index("(ii)")
    condition = Condition(
        op="or",
        args=[
            Condition(
                op="and",
                args=[
                    Condition(op="atom", atom="large"),
                    Condition(op="atom", atom="risk", params={"harm": "csam-image", "min": "medium"}),
                ],
            ),
            Condition(
                op="and",
                args=[
                    Condition(op="atom", atom="risk", params={"harm": "csam-image", "min": "high"}),
                    Condition(
                        op="or",
                        args=[
                            Condition(op="atom", atom="users_over", params={"n": 700000}),
                            Condition(op="atom", atom="feature", params={"name": "file-sharing"}),
                        ],
                    ),
                ],
            ),
        ],
    )
    c9 = Measure(
        id="ICU C9",
        number="C9",
        title="Hash matching for image-based CSAM",
        chapter="C",
        chapter_title="Content moderation",
        page_start=14,
        page_end=15,
        paragraphs=[
            Paragraph(
                number="C9.1",
                text="This measure applies to providers of large services at medium or high risk of image-based CSAM.",
                page=14,
                is_application=True,
            ),
            Paragraph(
                number="C9.2",
                text=c9_text,
                page=14,
                page_end=15,
                items=[
                    SubItem(label="(a)", text="content that matches;", start=a, end=b - 1),
                    SubItem(
                        label="(b)",
                        text="content that is (i) communicated publicly; or (ii) shared in a public group.",
                        start=b,
                        end=len(c9_text),
                        items=[
                            SubItem(label="(i)", text="communicated publicly; or", start=i, end=ii - 1),
                            SubItem(label="(ii)", text="shared in a public group.", start=ii, end=len(c9_text)),
                        ],
                    ),
                ],
                footnote_refs=["12"],
                strength="should",
            ),
        ],
        application="This measure applies to providers of large services at medium or high risk of image-based CSAM.",
        application_paragraphs=["C9.1"],
        footnotes=[Footnote(number="12", text="See the Guidance on content communicated publicly.", page=14, paragraph="C9.2")],
        cross_refs=[
            CrossRef(source_paragraph="C9.2", target="ICU C1", kind="measure", text="in accordance with ICU C1"),
            CrossRef(source_paragraph="C9.2", target="D2.4", kind="paragraph", text="see paragraph D2.4"),
        ],
        qualifiers=[
            Qualifier(
                measure="ICU C9",
                paragraph="C9.2",
                page=14,
                phrase="where technically feasible",
                start=c9_text.index("where technically"),
                end=c9_text.index("where technically") + len("where technically feasible"),
                sentence=c9_text,
                category="feasibility",
                rule="feasibility:where-technically-feasible",
                qualifies="use hash matching technology",
                in_core_obligation=True,
            ),
            Qualifier(
                measure="ICU C9",
                paragraph="C9.2",
                page=15,
                phrase="swiftly",
                start=c9_text.index("swiftly"),
                end=c9_text.index("swiftly") + 7,
                sentence=c9_text,
                category="timing",
                rule="timing:swiftly",
                item=None,
                qualifies=None,
            ),
        ],
        qualifier_summary=QualifierSummary(
            counts={"feasibility": 1, "timing": 1},
            loophole_risk="high",
            reasons=["core obligation qualified by 'where technically feasible'"],
        ),
        applicability=Applicability(
            text="large services at medium or high risk of image-based CSAM",
            condition=condition,
            confidence=0.95,
            unparsed=[],
            scope=["public-content"],
            index_applies_to="Large services at medium or high risk of image-based CSAM",
        ),
        warnings=["footnote 13 marker not found"],
    )
    a1 = Measure(
        id="ICU A1",
        number="A1",
        title="Individual accountable for illegal content safety duties",
        chapter="A",
        chapter_title="Governance and accountability",
        page_start=5,
        page_end=5,
        paragraphs=[Paragraph(number="A1.1", text="This measure applies to all services.", page=5, is_application=True)],
        application="This measure applies to all services.",
        application_paragraphs=["A1.1"],
        applicability=Applicability(text="all services", condition=Condition(op="atom", atom="all"), confidence=1.0),
    )
    return Code(
        info=CodeInfo(
            title="Sample ICU-style code (not official text)",
            publisher=None,
            family="ofcom-osa",
            short_name="ICU",
            kind="u2u",
            version="December 2024",
            source_file="icu_sample.pdf",
            sha256=SHA,
            page_count=22,
            profile="ofcom-icu",
            sample=True,
            analyser_version="0.1.0",
        ),
        measures=[a1, c9],
        index=[
            IndexRow(id_text="ICU A1", ids=["ICU A1"], title="Individual accountable", applies_to="", page=3),
            IndexRow(
                id_text="ICU D11-D13",
                ids=["ICU D11", "ICU D12", "ICU D13"],
                title="Complaints",
                applies_to="Large or multi-risk services",
                page=4,
            ),
        ],
        reconciliation=Reconciliation(missing_from_body=["ICU D11", "ICU D12", "ICU D13"], missing_from_index=["ICU C9"]),
        warnings=[ParseWarning(message="index row spans pages 3-4", page=3), ParseWarning(message="x", measure="ICU C9")],
    )


def test_round_trip_returns_an_equal_code():
    code = make_code()
    cache.put(SHA, "0.1.0", "profile=auto", code)
    hit = cache.get(SHA, "0.1.0", "profile=auto")
    assert hit is not None and hit is not code
    assert hit == code
    # Nested objects come back as dataclasses, not dicts, so callers can use their methods.
    c9 = hit.measure("ICU C9")
    assert c9.paragraph("C9.2").items[1].items[0].label == "(i)"
    assert c9.applicability.condition.args[1].args[1].args[0].params == {"n": 700000}
    assert isinstance(hit.warnings[0], ParseWarning)


def test_other_version_or_key_misses():
    code = make_code()
    cache.put(SHA, "0.1.0", "profile=auto", code)
    assert cache.get(SHA, "0.2.0", "profile=auto") is None
    assert cache.get(SHA, "0.1.0", "profile=ofcom-ics") is None
    assert cache.get("cd" * 32, "0.1.0", "profile=auto") is None


def test_new_version_replaces_rows_of_old_versions():
    code = make_code()
    cache.put(SHA, "0.1.0", "k", code)
    cache.put(SHA, "0.2.0", "k", code)
    assert cache.get(SHA, "0.1.0", "k") is None
    assert cache.get(SHA, "0.2.0", "k") == code


def test_clear_removes_everything():
    cache.put(SHA, "0.1.0", "k", make_code())
    assert cache.clear() >= 1
    assert cache.get(SHA, "0.1.0", "k") is None


def test_store_is_compressed_and_in_wal_mode():
    cache.clear()
    code = make_code()
    cache.put(SHA, "0.1.0", "k", code)
    with sqlite3.connect(cache.db_path()) as conn:
        (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
        (blob,) = conn.execute("SELECT data FROM analysis WHERE sha256 = ?", (SHA,)).fetchone()
    assert mode == "wal"
    import zlib

    from analyser.plain import dumps_readable

    raw = dumps_readable(code.to_dict()).encode()  # what extract --format json prints: a hit is written as is
    assert zlib.decompress(blob) == raw
    assert cache.get_text(SHA, "0.1.0", "k") == raw.decode()
    assert len(blob) < len(raw)


def test_the_stored_text_is_read_and_edited_at_its_top_level_only():
    """A cached open reads the warnings and rewrites the file name in the stored text without parsing
    the rest: text that looks like the layout's own lines inside a paragraph must not fool it."""
    import json

    from analyser.plain import dumps_readable, replace_top_level, top_level_span

    code = make_code()
    trap = '\n  "warnings": [], "code": {"source_file": "evil.pdf"}\n    '
    code.measures[0].paragraphs[0].text += trap
    text = dumps_readable(code.to_dict())
    warnings, _, _ = top_level_span(text, "warnings")
    assert warnings == code.to_dict()["warnings"] and warnings
    head, _, _ = top_level_span(text, "code")
    head["source_file"] = "opened now.pdf"
    edited = replace_top_level(text, "code", head)
    expected = code.to_dict()
    expected["code"]["source_file"] = "opened now.pdf"
    assert edited == dumps_readable(expected)
    assert json.loads(edited)["measures"][0]["paragraphs"][0]["text"].endswith(trap)
    assert top_level_span(text, "nothing") is None


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(tmp_path))
    return tmp_path / cache.FILENAME


def test_garbage_file_is_recreated(private_cache):
    private_cache.write_bytes(b"this is not a database, just bytes " * 200)
    assert cache.get(SHA, "0.1.0", "k") is None  # no exception
    cache.put(SHA, "0.1.0", "k", make_code())
    assert cache.get(SHA, "0.1.0", "k") == make_code()


def test_truncated_database_is_recreated(private_cache):
    for n in range(40):
        cache.put(f"{n:064x}", "0.1.0", "k", make_code())
    with sqlite3.connect(private_cache) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = private_cache.read_bytes()
    assert len(data) > 8192
    private_cache.write_bytes(data[:100] + b"\x00" * 50 + data[150 : len(data) // 2])
    for suffix in ("-wal", "-shm"):
        private_cache.with_name(private_cache.name + suffix).unlink(missing_ok=True)
    # Whatever SQLite makes of the damage, the cache answers (a miss or the stored code) and
    # afterwards works normally.
    got = cache.get(f"{1:064x}", "0.1.0", "k")
    assert got is None or got == make_code()
    cache.put(SHA, "0.1.0", "k", make_code())
    assert cache.get(SHA, "0.1.0", "k") == make_code()


def test_damaged_row_is_dropped(private_cache):
    cache.put(SHA, "0.1.0", "k", make_code())
    with sqlite3.connect(private_cache) as conn:
        conn.execute("UPDATE analysis SET data = ?", (b"not zlib",))
    assert cache.get(SHA, "0.1.0", "k") is None
    with sqlite3.connect(private_cache) as conn:
        assert conn.execute("SELECT count(*) FROM analysis").fetchone()[0] == 0


def test_file_of_another_cache_layout_is_rebuilt(private_cache):
    with sqlite3.connect(private_cache) as conn:
        conn.execute("CREATE TABLE something_else (x)")
        conn.execute("PRAGMA user_version = 99")
    cache.put(SHA, "0.1.0", "k", make_code())
    assert cache.get(SHA, "0.1.0", "k") == make_code()


def test_unwritable_cache_folder_degrades_to_misses(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(blocker / "cache"))
    cache.put(SHA, "0.1.0", "k", make_code())  # no exception
    assert cache.get(SHA, "0.1.0", "k") is None
    assert cache.clear() == 0


def _reader(args):
    cache_dir, n = args
    import os

    os.environ["ANALYSER_CACHE_DIR"] = cache_dir
    from analyser import cache as c

    return sum(c.get(SHA, "0.1.0", "k") is not None for _ in range(n))


def test_concurrent_readers_and_a_writer(private_cache):
    cache.put(SHA, "0.1.0", "k", make_code())
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        pending = pool.map_async(_reader, [(str(private_cache.parent), 30)] * 3)
        for n in range(20):  # a writer busy at the same time
            cache.put(f"{n:064x}", "0.1.0", "k", make_code())
        hits = pending.get(timeout=60)
    assert hits == [30, 30, 30]
