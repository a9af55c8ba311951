"""A release of one thing a measure asks, for the models or services it names ("No summary of a Model Report need be
published for a model that is similarly safe or safer"): whom does the measure cover once it is read?

Why its own step: writers read such a sentence both ways. Where the measure asks for that one thing, the models named
are let out of it; where it asks for more ("summaries of their Framework and Model Reports", "monitor the model ... /
give evaluators access ..."), the measure still covers them, with one thing fewer to do. Of the development clauses that
release similarly safe models, 93 were read the first way and 44 the second. So the measure's reading is kept for every
other service, and for those the release names it is decided only where the two readings agree (an ``agree`` node,
why "part-released", said in words by ``condition_tree`` and ``truth``). A release that names the duty again ("They
need not publish such a summary for ...") is the whole duty's, and is read with the application (``release_wordings``).
"""

from __future__ import annotations

import re

from .application_text import LEADING_LABEL, clean_artefacts
from .release_phrases import RELEASED_FOR_NAMED, releases_the_duty_again
from .condition_tree import and_, atom, describe, is_understood, not_
from .conditions import parse_application
from .legal_drafting import plain_legal
from .models import Applicability, Condition, Measure
from .vocabulary import Vocabulary

# the words every such release has, looked for first
_MAY_RELEASE = re.compile(r"\bneeds?\b|\brequired\b|\bexpected\b|\bhave\s+to\b", re.I)
# the sentence, from its start (after a paragraph's label), to its end: the words after "for" are whom it names
_RELEASE = re.compile(r"(?:^|(?<=[.;]\s))" + RELEASED_FOR_NAMED + r"(?P<rest>[^.;]*)", re.I)


def released_in_part(measure: Measure, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None) -> list[Condition]:
    """The services or models each release of one thing in ``measure`` names, in the order of its paragraphs (an
    ``unknown`` atom where their words are not understood)."""
    found: list[Condition] = []
    for paragraph in measure.paragraphs:
        if not _MAY_RELEASE.search(paragraph.text):
            continue  # (most paragraphs: the full reading below is not cheap, and every measure's are looked at)
        # (without the paragraph's own label, "(2) No summary ...": the release had been looked for only at a sentence's start)
        text = LEADING_LABEL.sub("", plain_legal(clean_artefacts(" ".join(paragraph.text.split()))), count=1)
        for m in _RELEASE.finditer(text):
            if releases_the_duty_again(m):
                continue
            # (whom it names, read as a sentence that says whom a measure covers is read)
            read = parse_application(f"This measure applies to {m.group('who')}{m.group('rest')}.", code_kind, vocab, id_pattern)
            found.append(read.condition if read.condition is not None and not read.unparsed and is_understood(read.condition)
                         else atom("unknown", text=m.group(0).strip()))
    return found


def read_with_part_releases(app: Applicability, measure: Measure, code_kind: str, vocab: Vocabulary,
                            id_pattern: re.Pattern[str] | None) -> None:
    """``app`` read with the measure's releases of one thing: the services they name are decided only where "the
    measure leaves them out" and "it still covers them" agree. Untouched when there is none, or when the reading is
    not understood (it is unclear already)."""
    if app.condition is None or not is_understood(app.condition):
        return
    for named in released_in_part(measure, code_kind, vocab, id_pattern):
        app.condition = and_(app.condition, Condition(op="agree", params={"why": "part-released"}, args=[atom("all"), not_(named)]))
        app.warnings.append(f"{measure.id}: one thing it asks is released for {describe(named, vocab)}; for those it is "
                            f"unclear whether the measure leaves them out or still covers them")
