"""The trained pipeline multiplies through numpy's OpenBLAS on one thread, with BLIS's annotations.

``blas_ops.use_numpy_blas`` gives the pipeline's layers thinc's ``NumpyOps(use_blis=False)`` where
numpy's OpenBLAS can be held to one thread. The two libraries sum in different orders, so this is
compared on real text: every token's tag, POS, morphology, lemma, label and head over every sentence of
the fixture PDFs and the GPAI chapter, with BLIS and with OpenBLAS.
"""

from __future__ import annotations

import pytest
from thinc.api import Model, NumpyOps

from analyser import blas_ops
from analyser.nlp import load_pipeline, trained_pipeline_name
from fresh_process import run_check

pytestmark = pytest.mark.skipif(trained_pipeline_name() is None, reason="no trained English pipeline installed")
needs_openblas = pytest.mark.skipif(not blas_ops._numpy_openblas(), reason="numpy ships no OpenBLAS here")


def _layers(nlp):
    return [node for _, c in nlp.pipeline if isinstance(getattr(c, "model", None), Model) for node in c.model.walk()]


@needs_openblas
def test_the_loaded_pipeline_multiplies_through_numpy_on_one_thread() -> None:
    nlp = load_pipeline(True)
    layers = _layers(nlp)
    assert len(layers) > 50
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)
    assert blas_ops.numpy_blas_single_threaded()


def test_without_a_settable_openblas_blis_stays(monkeypatch) -> None:
    monkeypatch.setattr(blas_ops, "_numpy_openblas", lambda: [])
    nlp = load_pipeline(False)  # no layers to switch; the answer is what matters
    assert blas_ops.use_numpy_blas(nlp) is False


# in a process of its own (tests/fresh_process.py): the corpus parsed twice
_COMPARE = """
from thinc.api import Model, NumpyOps
from analyser.nlp import load_pipeline
nlp = load_pipeline(True)
texts = corpus_sentences()
layers = [node for _, c in nlp.pipeline if isinstance(getattr(c, "model", None), Model) for node in c.model.walk()]

def annotations():
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts, batch_size=32)]

switched = all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)
ours = annotations()
blis = NumpyOps()  # thinc's default: BLIS
for node in layers:
    node.ops = blis
theirs = annotations()
print(json.dumps({"sentences": len(texts), "switched": switched, "same": ours == theirs,
                  "differing": sum(a != b for a, b in zip(ours, theirs))}))
"""


@needs_openblas
def test_openblas_gives_blis_annotations_on_every_sentence_of_the_corpus() -> None:
    got = run_check(_COMPARE)
    assert got["switched"] and got["sentences"] > 2000, got
    assert got["same"], got


@needs_openblas
def test_an_openblas_numpy_did_not_load_is_not_touched(monkeypatch, tmp_path) -> None:
    # a stray copy beside numpy would be loaded a second time, and its thread count is not numpy's
    stray = tmp_path / "libscipy_openblas64_-stray.so"
    stray.write_bytes(blas_ops._numpy_openblas()[0].read_bytes())
    monkeypatch.setattr(blas_ops, "_numpy_openblas", lambda: [stray])
    assert blas_ops.numpy_blas_single_threaded() is False
