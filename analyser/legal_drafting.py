"""Legal drafting devices in application text said plainly before the condition is read: an amendment that
substitutes words ("In Measure C4, for 'large services' substitute '...'"), "subject to" / "notwithstanding" /
"save as provided in" another paragraph, "Signatories referred to in Measure 3.1", and "shall (not) apply".

Why its own step: instruments, schedules and consolidated texts word application this way, and each device
read word by word misleads the grammar: the quoted words of an amendment were read as whom the measure covers
(every service, for "In Measure C4, for 'large services' substitute ..."), "referred to in Measure 3.1" meant
nothing, so the Signatories were every Signatory. A device this module cannot resolve is left as words the
grammar does not understand, so the answer is unclear, never a guess.
"""

from __future__ import annotations

import re

_OPEN = "[\u2018'\"\u201c]"
_CLOSE = "[\u2019'\"\u201d]"
_WHERE = r"(?:measure|paragraph|sub-?paragraph|section|sub-?section|standard|commitment|article|clause|rule)s?"

# "In Measure C4, for 'large services' substitute 'services with more than 700,000 ...'": the measure as amended
_SUBSTITUTE = re.compile(
    rf"^\s*(?:in\s+{_WHERE}\s+[\w.()\-]+(?:\s*\([\w]+\))*\s*,\s*)?for\s+{_OPEN}(?P<old>[^\u2019'\"\u201d]{{2,240}}){_CLOSE}\s*,?\s+"
    rf"substitute\s+{_OPEN}(?P<new>[^\u2019'\"\u201d]{{2,400}}){_CLOSE}\s*\.?\s*$", re.I)
# "after 'C' insert 'D'", "omit 'E'": the amended words cannot be rebuilt from the amendment alone
_OTHER_AMENDMENT = re.compile(rf"^\s*(?:in\s+{_WHERE}\s+[\w.()\-]+\s*,\s*)?(?:after|before)\s+{_OPEN}[^.]*{_CLOSE}\s*,?\s+insert\b"
                              rf"|^\s*(?:in\s+{_WHERE}\s+[\w.()\-]+\s*,\s*)?omit\s+{_OPEN}", re.I)
_NAMES_SERVICES = re.compile(r"\b(?:services?|providers?|signator(?:y|ies)|platforms?|models?)\b", re.I)

# "Subject to paragraph (3), ...", "Save as provided in paragraph (4), ...", "Except as otherwise provided in section 5, ..."
_SUBJECT_TO = re.compile(
    rf"^\s*(?P<how>subject\s+to|notwithstanding|save\s+as\s+(?:otherwise\s+)?provided\s+(?:in|by)|except\s+as\s+(?:otherwise\s+)?"
    rf"provided\s+(?:in|by))\s+(?:{_WHERE})\s+[\w.()\u2013\-]*(?:\s*\([\w]+\))*(?:\s+(?:and|to|or)\s+[\w.()]+)?"
    r"(?:\s+(?:below|above|of\s+this\s+\w+))?\s*,\s*", re.I)
# a sentence that takes services out, which a "subject to" then points to
_TAKES_OUT = re.compile(r"\b(?:does|do|shall)\s+not\s+apply\b|\bexempt\w*\b|\bneed\s+not\b|\bnot\s+required\b|\bexcept\b|\bunless\b"
                        r"|\bother\s+than\b|\bsave\s+(?:where|for|that)\b", re.I)

# "Signatories referred to in Measure 3.1", "providers mentioned in paragraph (2)": those the other provision covers
_REFERRED_TO = re.compile(rf"\b(?P<who>signatories|providers?|services?)\s+(?:referred\s+to|mentioned|described|specified)\s+in\s+"
                          rf"(?P<where>(?:{_WHERE})\s+[\w.]+)", re.I)
_SHALL = re.compile(r"\bshall\s+(not\s+)?apply\b", re.I)
# "This measure is (not) to be applied by providers of ...": the passive of "applies to"
_TO_BE_APPLIED = re.compile(r"^(\s*(?:this|the)\s+(?:measure|standard|section))\s+is\s+(not\s+)?to\s+be\s+(?:applied|followed|implemented)"
                            r"\s+by\s+", re.I)
# "No provider need apply this measure unless its service is large": it applies only where the service is large
_NO_PROVIDER_UNLESS = re.compile(r"^\s*no\s+provider\s+(?:need|needs|is\s+required\s+to)\s+apply\s+(?:this|the)\s+measure\s+unless\s+"
                                 r"(?:its|the)\s+service\s+", re.I)


def plain_legal(text: str) -> str:
    """``text`` (application wording, one or more sentences) with the drafting devices above said plainly."""
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z(])", text.strip())
    out = []
    takes_out = any(_TAKES_OUT.search(s) for s in sentences)
    for sentence in sentences:
        sub = _SUBSTITUTE.match(sentence)
        if sub is not None:
            if _NAMES_SERVICES.search(sub.group("old")):
                sentence = f"This measure applies to {sub.group('new').strip()}."
            else:
                # words other than the class of services changed: what the measure now says is not here to read
                sentence = f"This measure applies to services as amended by an amendment of words not shown: {sentence}"
        elif _OTHER_AMENDMENT.match(sentence):
            sentence = f"This measure applies to services as amended by an amendment of words not shown: {sentence}"
        lead = _SUBJECT_TO.match(sentence)
        if lead is not None:
            rest = sentence[lead.end():]
            rest = rest[:1].upper() + rest[1:]
            if lead.group("how").lower().startswith("notwithstanding") or takes_out and len(sentences) > 1:
                # "notwithstanding X": this sentence stands whatever X says; "subject to X" where X (an exception)
                # is among the sentences read here: it is read there
                sentence = rest
            else:
                sentence = f"{rest} It does not apply where {lead.group(0).strip(' ,')} says so."
        sentence = _REFERRED_TO.sub(lambda m: f"{m.group('who')} to which {m.group('where')} applies", sentence)
        sentence = _SHALL.sub(lambda m: "does not apply" if m.group(1) else "applies", sentence)
        sentence = _TO_BE_APPLIED.sub(lambda m: f"{m.group(1)} {'does not apply' if m.group(2) else 'applies'} to ", sentence)
        sentence = _NO_PROVIDER_UNLESS.sub("This measure applies only where the service ", sentence)
        out.append(sentence)
    return " ".join(out)
