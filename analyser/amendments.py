"""A measure read as amended: "in paragraph C3.1, after 'large services' insert 'and to providers of multi-risk
services'", "for 'high risk' substitute 'medium or high risk'", "omit 'large'", "the words '...' are omitted".

Why its own step: consolidated texts and amending instruments print the original application sentence and,
beside it, the instruction that changes it. Read as they stand, the original sentence decided (a measure
widened to multi-risk services still "exempt" for them) and the instruction, quoted words and all, was taken
for a second sentence of scope or passed over. Here each instruction whose words are found in the text it
amends is carried out, as a lawyer consolidating the text would, and taken away; one whose words are not
found is left where it is, for ``legal_drafting`` to make the reading unclear, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Q = "[\u2018'\"\u201c]"  # opening quote
_QC = "[\u2019'\"\u201d]"  # closing quote
# quoted words: up to the closing quote that ends them (an apostrophe inside, as in "children's", is not one)
_WORDS = rf"{_Q}(?P<{{name}}>.{{{{1,400}}}}?){_QC}(?=[\s.,;:)]|$)"
# the provisions an instrument names ("paragraph C3.1", "section 5"); shared with ``legal_drafting``
PROVISIONS = r"measure|paragraph|sub-?paragraph|section|sub-?section|standard|commitment|article|clause|rule"
_WHERE = rf"(?:{PROVISIONS}|row|entry)s?"  # (and the rows and entries of an application table)
# "Amendment 4 (Schedule 1 to the amending Code): ", "Draft amendments (No. 2), paragraph 3: ", "(3) ": what labels it
_LABEL = (r"(?:(?:[^:'\u2018\u201c\"]{0,120}?:|\(\w{1,4}\)|\[[^\]'\u2018\u201c\"]{1,120}\])\s*)?"  # (and "[Amended by ...] ")
          # "by the Illegal Content Codes (Amendment) 2026, paragraph 9, ": the instrument that amends
          r"(?:(?:by|under)\s+(?:the\s+)?[^,:'\u2018\u201c\"]{3,120},\s*(?:(?:paragraph|section|article|regulation|rule|schedule)\s+"
          r"[\w.()]{1,10},\s*)?)?")
# "in paragraph C3.1, ", "in Measure C4 of the Code, ", "in C7.1, "
_IN = rf"(?:in\s+(?:{_WHERE}\s+[\w.()\-]+|[A-Z]{{1,5}}\s?\d{{1,3}}(?:\.\d{{1,3}})+)(?:\s*\(\w+\))*(?:\s+of\s+(?:the|this)\s+(?:[\w-]+\s+){{0,2}}?\w+)?\s*,?\s*)?"
_END = r"\s*[.;]?\s*$"


def _q(name: str) -> str:
    return _WORDS.format(name=name)


_SHAPES: list[tuple[str, re.Pattern[str]]] = [
    ("substitute", re.compile(rf"^\s*{_LABEL}{_IN}for\s+(?:the\s+words?\s+)?{_q('old')}\s*,?\s+(?:there\s+(?:is|are|shall\s+be)\s+)?"
                              rf"substitute(?:d)?\s+(?:the\s+words?\s+)?{_q('new')}{_END}", re.I)),
    ("substitute", re.compile(rf"^\s*{_LABEL}{_IN}substitute\s+{_q('new')}\s+for\s+{_q('old')}{_END}", re.I)),
    ("substitute", re.compile(rf"^\s*{_LABEL}{_IN}(?:the\s+words?\s+)?{_q('old')}\s+(?:is|are|shall\s+be)\s+(?:replaced|substituted)"
                              rf"\s+(?:by|with)\s+{_q('new')}{_END}", re.I)),
    ("substitute", re.compile(rf"^\s*{_LABEL}{_IN}replace\s+{_q('old')}\s+(?:with|by)\s+{_q('new')}{_END}", re.I)),
    ("after", re.compile(rf"^\s*{_LABEL}{_IN}after\s+{_q('old')}\s*,?\s+(?:insert|(?:there\s+)?(?:is|are|shall\s+be)\s+inserted)\s+"
                         rf"{_q('new')}{_END}", re.I)),
    ("before", re.compile(rf"^\s*{_LABEL}{_IN}before\s+{_q('old')}\s*,?\s+(?:insert|(?:there\s+)?(?:is|are|shall\s+be)\s+inserted)\s+"
                          rf"{_q('new')}{_END}", re.I)),
    ("after", re.compile(rf"^\s*{_LABEL}{_IN}insert\s+{_q('new')}\s+after\s+{_q('old')}{_END}", re.I)),
    ("before", re.compile(rf"^\s*{_LABEL}{_IN}insert\s+{_q('new')}\s+before\s+{_q('old')}{_END}", re.I)),
    ("omit", re.compile(rf"^\s*{_LABEL}{_IN}(?:omit|delete|leave\s+out|remove)\s+(?:the\s+words?\s+)?{_q('old')}{_END}", re.I)),
    ("omit", re.compile(rf"^\s*{_LABEL}{_IN}(?:the\s+words?\s+)?{_q('old')}\s+(?:is|are|shall\s+be)\s+(?:omitted|deleted|removed|"
                        rf"repealed|left\s+out){_END}", re.I)),
]
# a sentence that is an amending instruction of any shape (for the words it could not carry out)
AMENDING = re.compile(
    rf"^\s*{_LABEL}{_IN}(?:(?:for|after|before)\s+(?:the\s+words?\s+)?{_Q}|(?:omit|delete|insert|substitute|replace|leave\s+out)\s+"
    rf"(?:the\s+words?\s+)?{_Q}|(?:the\s+words?\s+)?{_Q}[^.]{{1,400}}?{_QC}\s+(?:is|are|shall\s+be)\s+(?:omitted|deleted|removed|"
    rf"repealed|replaced|substituted|inserted|left\s+out)\b)", re.I)


@dataclass(frozen=True)
class Amendment:
    """One instruction: ``how`` is "substitute", "after", "before" or "omit"; ``old`` the words it finds (replaced,
    inserted beside, or omitted); ``new`` the words it puts in ("" for an omission)."""

    how: str
    old: str
    new: str


def amendment_in(sentence: str) -> Amendment | None:
    """The instruction ``sentence`` states, or None when it is not one this module can carry out."""
    for how, pattern in _SHAPES:
        m = pattern.match(sentence)
        if m is not None:
            return Amendment(how, m.group("old").strip(), (m.groupdict().get("new") or "").strip())
    return None


def _find(text: str, words: str) -> re.Match[str] | None:
    """The one place in ``text`` where ``words`` stand (any spacing, any case, curly or straight apostrophes); None
    when they stand nowhere or in more than one place (which of them the instruction means is not said)."""
    pattern = r"\s+".join(re.escape(w).replace("'", "['\u2019]").replace("\u2019", "['\u2019]") for w in words.split())
    found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I))
    return found[0] if len(found) == 1 else None


def carry_out(text: str, amendment: Amendment) -> str | None:
    """``text`` with ``amendment`` carried out; None when the words it finds are not in ``text`` exactly once."""
    at = _find(text, amendment.old)
    if at is None:
        return None
    if amendment.how == "substitute":
        return text[:at.start()] + amendment.new + text[at.end():]
    if amendment.how == "after":
        return text[:at.end()] + " " + amendment.new + text[at.end():]
    if amendment.how == "before":
        return text[:at.start()] + amendment.new + " " + text[at.start():]
    out = text[:at.start()].rstrip() + " " + text[at.end():].lstrip()
    # "services, other than a service which is low risk." with the exception omitted: no comma left hanging
    return re.sub(r"\s*,\s*(?=[.;:]|$)", "", re.sub(r"\s+([,.;:])", r"\1", out)).strip()


def split_sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;])\s+(?=[A-Z(\[])", text.strip())


def as_amended(text: str) -> str:
    """``text`` (a measure's application wording, one or more sentences) with each amending instruction in it that
    finds its words in the other sentences carried out and taken away; other instructions are left as written."""
    sentences = split_sentences(text)
    found = [(i, amendment_in(s)) for i, s in enumerate(sentences)]
    instructions = [(i, a) for i, a in found if a is not None]
    if not instructions:
        return text
    done: set[int] = set()
    body_at = [i for i, a in found if a is None]
    body = " ".join(sentences[i] for i in body_at)
    for i, amendment in instructions:
        changed = carry_out(body, amendment)
        if changed is not None:
            body = changed
            done.add(i)
    if not done:
        return text
    kept = [sentences[i] for i, a in found if a is not None and i not in done]
    return " ".join([body, *kept]).strip()


# "in paragraph C3.2, ...": the paragraph an instruction amends
_TARGET = re.compile(rf"^\s*{_LABEL}in\s+(?:{_WHERE}\s+)?(?P<target>[A-Z]{{0,5}}\s?\d{{1,3}}(?:\.\d{{1,3}})+)\b", re.I)
_OWN_NUMBER = re.compile(r"^\s*(?P<number>[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+)\s+(?=[A-Z])")


def amends_another_paragraph(instruction: str, texts: list[str]) -> bool:
    """Does ``instruction`` name a numbered paragraph ("in paragraph C3.2, ...") that none of ``texts`` (numbered
    paragraphs, "C3.1 This measure applies ...") is, and find none of its words in them? Then it amends a
    recommendation, not whom the measure covers."""
    target = _TARGET.match(instruction)
    numbers = [m.group("number") for t in texts if (m := _OWN_NUMBER.match(t))]
    if target is None or not numbers or amends_words_in(instruction, texts):
        return False
    return all(re.sub(r"\s", "", n).lower() != re.sub(r"\s", "", target.group("target")).lower() for n in numbers)


def amends_words_in(instruction: str, texts: list[str]) -> bool:
    """Does ``instruction`` (a paragraph) amend words that stand in ``texts`` (the application paragraphs)?"""
    joined = " ".join(texts)
    for sentence in split_sentences(instruction):
        amendment = amendment_in(sentence)
        if amendment is not None and _find(joined, amendment.old) is not None:
            return True
    return False
