"""A duty that lasts until the service or model gains a characteristic ("These mitigations are to be maintained
for a model until its weights are released openly", "... for as long as its weights have not been published"): whom
does the measure cover once it has?

Why its own step: writers read such a sentence both ways, as leaving out the services that have the
characteristic and as a limit in time on a duty that still covers them, and the sentence sits anywhere in the
measure, not only in its application text. So the measure's reading is kept for every other service and is
decided for those that have the characteristic only where the two readings agree (an ``agree`` node, said in
words by ``condition_tree`` and ``truth``).
"""

from __future__ import annotations

import re

from .condition_tokens import features_named
from .condition_tree import and_, atom, describe, is_understood, not_, or_
from .models import Applicability, Condition, Measure
from .vocabulary import Vocabulary

# "until its weights are released openly", "until the model's parameters are published for download or the model is
# securely deleted": the words after "until" that say what the service or model comes to have
_UNTIL = re.compile(r"\buntil\s+(?P<what>(?:its|their|the\s+(?:model|service)(?:'|\u2019)s|the\s+(?:model|service)\s+)"
                    r"[^.;]{3,160})", re.I)


# "for as long as its weights have not been published for download" (or "for so long as"), "... have been neither
# published nor deleted": the same end said as how long the duty lasts (what the model comes to have is the words
# without their "not")
_AS_LONG_AS = re.compile(r"\b(?:as|so)\s+long\s+as\s+(?P<what>(?:its|their|the\s+(?:model|service)(?:'|\u2019)s|the\s+(?:model|service)\s+)"
                         r"[^.;]{3,160})", re.I)
_NEGATION = re.compile(r"\b(?:not|neither)\s+|\bnor\b", re.I)


def features_until(measure: Measure, vocab: Vocabulary, id_pattern: re.Pattern[str] | None) -> list[str]:
    """The features whose coming ends the measure's duty, in the order its paragraphs name them."""
    found: list[str] = []
    for paragraph in measure.paragraphs:
        text = " ".join(paragraph.text.split())
        for m in _UNTIL.finditer(text):
            found.extend(features_named(m.group("what"), vocab, id_pattern))
        for m in _AS_LONG_AS.finditer(text):
            if _NEGATION.search(m.group("what")):
                what = _NEGATION.sub(lambda n: "or" if n.group(0).lower() == "nor" else "", m.group("what"))
                found.extend(features_named(re.sub(r"\b(?:have|has)\s+been\b", "are", what, flags=re.I), vocab, id_pattern))
    return list(dict.fromkeys(found))


def limit_in_time(app: Applicability, measure: Measure, vocab: Vocabulary, id_pattern: re.Pattern[str] | None) -> None:
    """``app`` read with the duty's end: services with the feature that ends it are decided only where "the measure
    leaves them out" and "it covers them, for a time" agree. Untouched when no such feature is named, or when the
    reading is not understood (it is unclear already)."""
    if app.condition is None or not is_understood(app.condition):
        return
    features = features_until(measure, vocab, id_pattern)
    if not features:
        return
    ended = or_(*(atom("feature", name=f) for f in features))
    limit = Condition(op="agree", params={"why": "time-limit"}, args=[atom("all"), not_(ended)])
    app.condition = and_(app.condition, limit)
    app.warnings.append(f"{measure.id}: its duty lasts until the service or model has {describe(ended, vocab)}; for those "
                        f"it is unclear whether the measure leaves them out or only ends in time")
