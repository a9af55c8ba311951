"""Where in a measure's text its content scope is written ("content communicated publicly").

Why: a content scope can let a service out as surely as "where technically feasible" does (ICU C9
covers only content communicated publicly, so an end-to-end encrypted messenger escapes it), yet
the qualifier pass does not flag it, because it is not a qualifier of an obligation but a limit on
the whole measure. The Measure view highlights it, the loophole box names it, and the response
draft quotes it; all three find it here.

The wording patterns are the ones the applicability parser recognises (``conditions.py``), so
what is highlighted is exactly what made ``Applicability.scope``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Measure


@dataclass(frozen=True)
class ScopeSpan:
    paragraph: str
    page: int
    start: int  # offsets into the paragraph's text
    end: int
    key: str  # "public-content" / "private-content"
    phrase: str  # the words as printed


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    from .condition_tokens import SCOPE_PATTERNS  # one definition of the wording; never a second copy

    return list(SCOPE_PATTERNS)


def scope_spans(measure: Measure) -> list[ScopeSpan]:
    """Every place the measure's paragraphs state a content scope, in document order."""
    spans: list[ScopeSpan] = []
    patterns = _patterns()
    for p in measure.paragraphs:
        for pattern, key in patterns:
            for m in pattern.finditer(p.text):
                spans.append(ScopeSpan(p.number, p.page, m.start(), m.end(), key, m.group(0).strip()))
    return spans


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``[start, end)``: what a quotation should show."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    left = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    return " ".join(text[left:right].split())


def scope_qualifiers(measure: Measure) -> list:
    """The scope wording as qualifier-shaped marks (category "scope"), for the highlighter,
    which marks qualifiers; the analysis's own qualifier list is left as it is."""
    from .models import Qualifier

    out = []
    for s in scope_spans(measure):
        p = measure.paragraph(s.paragraph)
        sentence = sentence_at(p.text, s.start, s.end) if p else s.phrase
        out.append(Qualifier(measure.id, s.paragraph, s.page, s.phrase, s.start, s.end, sentence, "scope",
                             f"scope.{s.key}", in_application=s.paragraph in measure.application_paragraphs))
    return out


def is_scope_key(measure: Measure | None, key: str) -> bool:
    """Whether a status's qualifier ``key`` names a content scope ("public-content") rather than a
    qualifying phrase: the measure's parsed scope says so, or the key is a content key."""
    scopes = set(measure.applicability.scope) if measure and measure.applicability else set()
    return key in scopes or key.endswith("-content")


def loophole_reasons(measure: Measure, scopes: list | None = None) -> list[str]:
    """The reasons behind a measure's loophole risk, in words: the qualifier pass's own reasons,
    then each content scope stated in the application, with its citation.

    Why the scope is added here: it lets services out as surely as a feasibility qualifier, but
    the qualifier pass does not count it, so the loophole box would otherwise stay silent on the
    main way out of a measure such as ICU C9."""
    from .search import citation

    summary = measure.qualifier_summary
    reasons = list(summary.reasons) if summary else []
    for q in scope_qualifiers(measure) if scopes is None else scopes:
        if q.in_application:
            reasons.append(f"its content scope, “{q.phrase}” ({citation(measure.id, q.paragraph, q.page)}), "
                           "leaves out every service whose content is not of that kind")
    return reasons
