"""The rules part of the cache key (``analyser/rules_key.py``): the memo a cached open trusts instead of
reading every rules file gives the digest those files have, and is computed again when one changed."""

from __future__ import annotations

from pathlib import Path


def test_the_remembered_fingerprint_is_the_content_one_and_notices_a_change(tmp_path, monkeypatch):
    """The memo gives the digest of every rules file while none changed (mtime and size, as the
    interpreter checks its bytecode), and a stale, foreign or damaged memo is computed again."""
    from analyser import pipeline, rules_key

    monkeypatch.setattr(rules_key, "_RACY_NS", 0)  # a fresh checkout's files may be a second old
    real = pipeline._rules_fingerprint.__wrapped__()
    assert rules_key.remembered_fingerprint(str(tmp_path)) == real
    memo = Path(rules_key._memo_path(str(tmp_path)))
    fields = memo.read_text(encoding="utf-8").split("\0")
    assert fields[:3] == [rules_key._MEMO_FORMAT, rules_key._PACKAGE, real]
    assert {f for f in fields[3::3]} >= {str(p) for p in pipeline.rules_files()}
    memo.write_text("\0".join([*fields[:2], "remembered", *fields[3:]]), encoding="utf-8")
    assert rules_key.remembered_fingerprint(str(tmp_path)) == "remembered"  # trusted while nothing changed
    for i, stale in ((4, "1"), (5, "7"), (1, "/elsewhere")):  # a file's mtime, its size, another install
        changed = [*fields[:2], "remembered", *fields[3:]]
        changed[i] = stale
        memo.write_text("\0".join(changed), encoding="utf-8")
        assert rules_key.remembered_fingerprint(str(tmp_path)) == real
    memo.write_text("garbage", encoding="utf-8")
    assert rules_key.remembered_fingerprint(str(tmp_path)) == real
    # a file changed a moment ago is not remembered (a second change within its mtime's tick could hide)
    memo.unlink()
    monkeypatch.setattr(rules_key, "_RACY_NS", 10**20)
    assert rules_key.remembered_fingerprint(str(tmp_path)) == real and not memo.exists()
