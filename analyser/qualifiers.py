"""Qualifiers: every phrase that softens, conditions or excuses a duty, what it attaches to, and
how firm each paragraph's duty is.

Officers ask of every measure "where can a service get out of this?". This pass answers with
evidence: the exact phrase, its offsets, the rule (lexicon entry) that fired, and the obligation it
qualifies. It fills ``Measure.qualifiers``, ``Paragraph.strength`` and ``Measure.qualifier_summary``.

How it works, and why in this order (cost: the trained parser is the only slow part):

1. Every paragraph is tokenised (by the trained pipeline's tokenizer when it is installed, else by
   ``spacy.blank("en")``; the tokenizer alone is fast) and split into sentences by a rule-based
   sentencizer, and the lexicon (TOML data, ``analyser/data/lexicon.toml``, extendable with a user file) is matched
   with spaCy's ``Matcher``/``PhraseMatcher``. POS/LEMMA constraints are dropped in this pass, so
   it finds a superset of what the full patterns find.
2. Only sentences with a candidate qualifier go through the trained pipeline (if installed),
   where the full patterns are matched again (so "May" the proper noun is not the modal "may")
   and the dependency parse gives the governing obligation (``qualifies``) and negation.
3. Matches are cleaned by rules an officer can check: ``ignore`` lexicon entries veto what they
   overlap (months, descriptive "may include", "unless otherwise stated"); a word inside a short
   quoted term, or the term a definition defines ("'appropriate' means ..."), is a mention, not a
   qualifier; a capitalised word in mid-clause is part of a defined term, a title or a name
   ("Principle of Appropriate Lifecycle Management", "May"); overlapping matches keep the longest.

Decisions recorded here so that the evaluation set and the code agree:
- Descriptive or epistemic "may" ("this may include", "content that may be illegal", "there may
  be") is not permissive: it describes the world and grants the service no latitude. "may" with
  the service as the one acting ("providers may use ...", "this may be done by ...") is.
- Negated wording keeps its category and sets ``negated``: "unless it is not technically
  feasible" is the same loophole as "where technically feasible", said the other way round.
- Qualifiers in headings, measure titles and footnotes are not flagged: only paragraph text
  states duties, and every flag must point at offsets in a paragraph.

Loophole risk (``Measure.qualifier_summary.loophole_risk``), in plain words:
- The *core obligation* is what the measure asks for first: starting at the first paragraph after
  the application text, the paragraphs up to and including the first one that says what the
  service should or must do. With the trained pipeline, a later paragraph that restates the same
  duty (same verb and object, e.g. "take ... down" + "content") counts as core obligation too.
- ``high``: feasibility or exception wording ("where technically feasible", "unless", "does not
  apply to") qualifies the core obligation, so a service can decide the duty does not bind it.
- ``medium``: no such wording there, but discretion, proportionality or permissive wording
  ("appropriate", "proportionate", "may", "should consider") does: the duty binds, the service
  decides how much.
- ``low``: qualifiers only outside the core obligation, or only timing or numeric-threshold wording
  in it (they change when, or for whom, not whether).
- ``none``: no qualifying wording at all.
Each level comes with its reasons: the phrase, the paragraph and what it qualifies.

This module owns the pass as a whole (``scan_texts``: steps 1 and 2 over many texts at once) and
placing its results in a ``Code`` (offsets into sub-items, the core obligation, loophole risk,
``flag_qualifiers``). The parts it runs sit beside it: ``qualifiers_lexicon`` (loading and checking
the rules), ``qualifiers_match`` (compiling them into matchers and step 3's cleaning rules) and
``qualifiers_attach`` (negation and the obligation a qualifier attaches to). Their public names stay
importable from here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import LexiconError
from .models import Code, Measure, Paragraph, Qualifier, QualifierSummary, SubItem
from .nlp import active_components, is_trained, load_pipeline, sentencizer
from .qualifiers_attach import _LIGHT_VERBS, _negated, _qualifies
from .qualifiers_lexicon import (
    BUILTIN_LEXICON,
    MARK_NODE,
    QUALIFIER_CATEGORIES,
    SPECIAL_CATEGORIES,
    STRENGTH_ORDER,
    Lexicon,
    LexiconEntry,
    load_lexicon,
)
from .qualifiers_match import TRAINED_ATTRS, _compile, _Hit, _raw_hits, _resolve

__all__ = [
    "BUILTIN_LEXICON",
    "HIGH_RISK",
    "MARK_NODE",
    "MEDIUM_RISK",
    "QUALIFIER_CATEGORIES",
    "SPECIAL_CATEGORIES",
    "STRENGTH_ORDER",
    "TRAINED_ATTRS",
    "Found",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "TextResult",
    "core_paragraphs",
    "flag_qualifiers",
    "load_lexicon",
    "scan_texts",
    "summarise",
]

HIGH_RISK = ("feasibility", "exception")
MEDIUM_RISK = ("discretion", "proportionality", "permissive")


# ---------------------------------------------------------------------------------------------
# Scanning text
# ---------------------------------------------------------------------------------------------


@dataclass
class Found:
    """A qualifier found in one text, before it is placed in a measure."""

    start: int
    end: int
    phrase: str
    category: str
    rule: str
    sentence: str
    qualifies: str | None
    negated: bool
    verb: str | None = None  # lemma of the governing verb (trained pipeline only)
    obj: str | None = None  # lemma of that verb's object


@dataclass
class TextResult:
    qualifiers: list[Found]
    strength: str  # must / should / should consider / may / none
    parsed_sentences: int = 0


def _strongest(levels: Iterable[str]) -> str:
    present = set(levels)
    return next((lvl for lvl in STRENGTH_ORDER if lvl in present), "none")


def scan_texts(
    texts: Sequence[str], lexicon: Lexicon | str | Path | None = None, nlp: Language | None = None
) -> list[TextResult]:
    """Find qualifiers and the obligation strength in each of ``texts`` (one result per text).

    ``nlp``: the pipeline for step 2 (default: ``load_pipeline(trained=True)``); a pipeline
    without a parser (e.g. ``spacy.blank("en")``) skips step 2, and ``qualifies`` is None.

    The texts are scanned ``_CHUNK`` at a time: every text's result depends on that text alone, and
    holding the tokenised and parsed docs of a whole 879-page code at once took 270 MB more at the
    peak than a chunk's, which a batch worker then kept (freed memory is not given back to the system).
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    deep = nlp if nlp is not None else load_pipeline(trained=True)
    results: list[TextResult] = []
    for k in range(0, len(texts), _CHUNK):
        results.extend(_scan_chunk(texts[k:k + _CHUNK], lex, deep))
    return results


_CHUNK = 512  # texts (paragraphs) per chunk: the sample has 183, an 879-page code about 9,000


def _scan_chunk(texts: Sequence[str], lex: Lexicon, deep: Language) -> list[TextResult]:
    use_deep = is_trained(deep)
    if use_deep:  # one tokenizer and vocabulary for both passes
        fast = deep
        split = sentencizer()
        fast_docs: Iterable[Doc] = (split(deep.make_doc(t)) for t in texts)
    else:
        fast = load_pipeline(trained=False)
        fast_docs = fast.pipe(texts, batch_size=256)
    fast_c = _compile(fast, lex, relaxed=True)
    exact_ignores = frozenset(e.id for e in lex.by_category("ignore") if e.id not in fast_c.relaxed_ids)

    # step 1: every sentence, fast
    per_text: list[list[tuple[Span, list[_Hit], list[_Hit]]]] = []
    candidates: list[tuple[int, int, Span]] = []  # (text index, sentence index, sentence)
    for ti, doc in enumerate(fast_docs):
        raw = _raw_hits(doc, fast_c, lex)
        quals, strengths = _resolve(doc, raw)
        if use_deep and raw:
            cand_quals, _ = _resolve(doc, raw, veto_ids=exact_ignores)
        else:
            cand_quals = []
        sents = []
        for si, sent in enumerate(doc.sents):
            q = [h for h in quals if sent.start <= h.start < sent.end]
            s = [h for h in strengths if sent.start <= h.start < sent.end]
            sents.append((sent, q, s))
            if any(sent.start <= h.start < sent.end for h in cand_quals):
                candidates.append((ti, si, sent))
        per_text.append(sents)

    # step 2: the candidate sentences, parsed; each parsed doc is read at once and let go (a batch of
    # parsed docs holds several megabytes of the parser's arrays until its last doc is dropped)
    parsed: dict[tuple[int, int], tuple[list[str], list[Found]]] = {}
    if candidates:
        deep_c = _compile(deep, lex, relaxed=False)
        keep = set(active_components(deep))
        disable = [n for n in deep.pipe_names if n not in keep]
        sdocs = deep.pipe([c[2].text for c in candidates], disable=disable, batch_size=_PARSE_BATCH)
        for (ti, si, sent), sdoc in zip(candidates, sdocs):
            quals, strengths = _resolve(sdoc, _raw_hits(sdoc, deep_c, lex))
            parsed[(ti, si)] = ([h.entry.level or "" for h in strengths],
                                _found(quals, sdoc, sent.start_char, sent, parsed=True))

    results: list[TextResult] = []
    for ti, sents in enumerate(per_text):
        found: list[Found] = []
        levels: list[str] = []
        for si, (sent, quals, strengths) in enumerate(sents):
            done = parsed.get((ti, si))
            if done is not None:
                levels.extend(done[0])
                found.extend(done[1])
                continue
            levels.extend(h.entry.level or "" for h in strengths)
            found.extend(_found(quals, sent.doc, 0, sent, parsed=False))
        results.append(TextResult(found, _strongest(levels), sum(1 for k in parsed if k[0] == ti)))
    return results


# sentences per parser batch: bounds the parser's arrays held at once (on the 92-page scaled sample,
# spaCy's default of 1,000 peaked 102 MB above the extraction, 64 at 46 MB, 16 at 17 MB; fewer costs
# a little more parsing time)
_PARSE_BATCH = 32


def _found(quals: list[_Hit], target: Doc, base: int, sent: Span, parsed: bool) -> list[Found]:
    """The qualifiers ``quals`` (token indices into ``target``) as ``Found``, offsets from ``base``."""
    found = []
    for h in quals:
        span = target[h.start : h.end]
        start = base + span.start_char
        att = _qualifies(span) if parsed else None
        found.append(
            Found(
                start=start,
                end=start + len(span.text),
                phrase=span.text,
                category=h.entry.category,
                rule=h.entry.id,
                sentence=sent.text.strip(),
                qualifies=att.phrase if att else None,
                negated=_negated(span, parsed=parsed),
                verb=att.verb if att else None,
                obj=att.obj if att else None,
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Placing the results in a Code
# ---------------------------------------------------------------------------------------------


def _item_path(items: list[SubItem], offset: int) -> str | None:
    path: list[str] = []
    level = items
    while level:
        for it in level:
            if it.start <= offset < it.end:
                path.append(it.label)
                level = it.items
                break
        else:
            break
    return "".join(path) or None


def _is_application(measure: Measure, para: Paragraph) -> bool:
    return para.is_application or para.number in measure.application_paragraphs


def core_paragraphs(measure: Measure) -> list[str]:
    """The paragraph numbers of the measure's core obligation.

    The core obligation is the first recommendation after the application text: starting at the
    first paragraph that is not application text, the paragraphs up to and including the first
    that says what the service must or should do (at most three; if none of those three does,
    just the first). Needs ``Paragraph.strength`` to be filled.
    """
    rest = [p for p in measure.paragraphs if not _is_application(measure, p)]
    if not rest:
        return []
    for k, p in enumerate(rest[:3]):
        if p.strength in ("must", "should"):
            return [q.number for q in rest[: k + 1]]
    return [rest[0].number]


def _word_set(texts: Iterable[str]) -> set[str]:
    return {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}


def _restates(found: Found, core_words: set[str]) -> bool:
    """True when the qualified verb and its object are those of the core obligation.

    "it should take the content down ..., unless doing so is not technically feasible" in a later
    paragraph qualifies the same duty as the core "take down illegal content": same verb, same
    object. Needs the dependency parse; light verbs (be, have, ensure, ...) are too common to tell.
    """
    if not found.verb or not found.obj or found.verb in _LIGHT_VERBS:
        return False
    verb_forms = {found.verb, found.verb + "s", found.verb + "es", found.verb + "d", found.verb + "ed"}
    obj_forms = {found.obj, found.obj + "s", found.obj + "es"}
    return bool(verb_forms & core_words) and bool(obj_forms & core_words)


def summarise(measure: Measure) -> QualifierSummary:
    """Counts by category and the measure's loophole risk, with the reasons in words."""
    quals = measure.qualifiers
    counts = dict(sorted(Counter(q.category for q in quals).items()))
    if not quals:
        return QualifierSummary(counts, "none", ["no qualifying wording found"])
    core = [q for q in quals if q.in_core_obligation]

    core_numbers = set(core_paragraphs(measure))

    def describe(q: Qualifier) -> str:
        where = q.paragraph + (q.item or "")
        target = f" (qualifies: {q.qualifies})" if q.qualifies else ""
        neg = " [negated]" if q.negated else ""
        if q.paragraph in core_numbers:
            return f"{q.category} wording '{q.phrase}'{neg} in the core obligation, {where}{target}"
        return f"{q.category} wording '{q.phrase}'{neg} in {where}, which restates the core obligation{target}"

    high = [q for q in core if q.category in HIGH_RISK]
    if high:
        return QualifierSummary(counts, "high", _unique(describe(q) for q in high))
    medium = [q for q in core if q.category in MEDIUM_RISK]
    if medium:
        return QualifierSummary(counts, "medium", _unique(describe(q) for q in medium))
    elsewhere = Counter(q.category for q in quals if not q.in_core_obligation)
    reasons = []
    if elsewhere:
        parts = ", ".join(f"{n} {cat}" for cat, n in sorted(elsewhere.items()))
        reasons.append(f"qualifiers only outside the core obligation: {parts}")
    for q in core:  # timing / threshold (or a user category) in the core obligation
        reasons.append(
            f"{q.category} wording '{q.phrase}' in the core obligation, {q.paragraph}: "
            "it changes when or for whom, not whether, the duty applies"
        )
    return QualifierSummary(counts, "low", _unique(reasons))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def flag_qualifiers(
    code: Code, lexicon: Lexicon | str | Path | None = None, nlp: Language | None = None
) -> list[Qualifier]:
    """Flag every qualifying phrase in every measure of ``code``; return them all in order.

    Fills ``Measure.qualifiers``, ``Paragraph.strength`` and ``Measure.qualifier_summary`` (running
    it twice gives the same result). ``lexicon``: a user lexicon TOML path (extends/overrides the
    built-in one) or a loaded ``Lexicon``. ``nlp``: see ``scan_texts``.
    """
    pairs = [(m, p) for m in code.measures for p in m.paragraphs]
    results = scan_texts([p.text for _, p in pairs], lexicon=lexicon, nlp=nlp)
    for m in code.measures:
        m.qualifiers = []
    found_of: dict[int, Found] = {}
    for (m, p), res in zip(pairs, results):
        p.strength = res.strength
        for f in res.qualifiers:
            m.qualifiers.append(
                Qualifier(
                    measure=m.id,
                    paragraph=p.number,
                    page=p.page,
                    phrase=f.phrase,
                    start=f.start,
                    end=f.end,
                    sentence=f.sentence,
                    category=f.category,
                    rule=f.rule,
                    item=_item_path(p.items, f.start),
                    qualifies=f.qualifies,
                    negated=f.negated,
                    in_application=_is_application(m, p),
                )
            )
            found_of[id(m.qualifiers[-1])] = f
    every: list[Qualifier] = []
    for m in code.measures:
        core = set(core_paragraphs(m))
        core_words = _word_set(p.text for p in m.paragraphs if p.number in core)
        for q in m.qualifiers:
            if q.in_application:
                continue
            q.in_core_obligation = q.paragraph in core or _restates(found_of[id(q)], core_words)
        m.qualifier_summary = summarise(m)
        every.extend(m.qualifiers)
    return every
