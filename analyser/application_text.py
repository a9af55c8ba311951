"""Which of a measure's paragraphs say whom it applies to.

Why its own module: the extractor (paragraphs from a PDF) and the applicability evaluation set
(paragraphs given as text) must decide this the same way. A paragraph is application text when it
carries the profile's application phrase ("This measure applies to ..."), or when it sits under an
"Application" sub-heading and is not itself a recommendation. A paragraph that opens with a
condition on the provider's own conduct ("Where the provider has ..., it should ...") is a
conditional obligation, not application text, even when it mentions "applies".
"""

from __future__ import annotations

import re
from typing import Sequence

# "Where the provider uses ..., it should ...": a condition on what the provider does, then a duty
CONDITIONAL_OBLIGATION = re.compile(
    r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:where|if|when|once)\s+(?:the|a|that)\s+provider\b", re.I)
# a sentence that tells the provider what to do: a recommendation, not a statement of scope
_DUTY = re.compile(r"\b(?:should|must|shall|will|is\s+expected\s+to|are\s+expected\s+to|is\s+recommended\s+to)\b", re.I)


def is_application(text: str, phrase: re.Pattern[str] | None, under_heading: bool, first_under_heading: bool) -> bool:
    """Is this paragraph (of a measure) application text?"""
    if CONDITIONAL_OBLIGATION.match(text) and _DUTY.search(text):
        return False
    if phrase is not None and phrase.search(text):
        return True
    if under_heading:
        # the first paragraph under "Application" is the application; later ones only when they
        # tell nobody to do anything (a measure with no "Recommendation" sub-heading would
        # otherwise have every paragraph taken as application text)
        return first_under_heading or not _DUTY.search(text)
    return False


def application_paragraphs(texts: Sequence[str], phrase: re.Pattern[str] | None) -> list[int]:
    """Indexes of the application paragraphs among a measure's paragraphs given as plain text."""
    return [i for i, t in enumerate(texts) if is_application(t, phrase, False, False)]
