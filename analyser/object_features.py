"""A duty whose object names the holders of a feature ("must apply safe search by default to end-users who hold
accounts"): is the measure every service's of its kind, or only theirs who have the feature?

Why its own step: writers read such a duty both ways, mostly the narrow way. Of the development clauses whose words the
eSafety profile's pattern matches (a search engine's duty to "account holders", no sentence of whom beside it), 25 read
the measure as only for search engines on which end-users can hold accounts and 3 as every search engine's; read as
every service's, a search engine without accounts had been told "applies" with confidence. The words that name the
holders are profile data (``in_an_object``, a regular expression on the feature), so a code whose duties name other
holders says so without touching this module. For a service without the feature the measure is decided only where the
two readings agree (an ``agree`` node, why "object", said in words by ``condition_tree`` and ``truth``); every other
service is read as before.
"""

from __future__ import annotations

import re

from .condition_tree import and_, atom, atoms_of, is_understood
from .models import Applicability, Condition, Measure
from .vocabulary import Vocabulary


def read_with_object_features(app: Applicability, measure: Measure, vocab: Vocabulary) -> None:
    """``app`` with the features whose holders the measure's duty names (``in_an_object``) and its reading does not,
    each decided only where "every service" and "those with it" agree. Untouched when there is none, or when the
    reading is not understood (it is unclear already)."""
    if app.condition is None or not is_understood(app.condition):
        return
    text = " ".join(" ".join(p.text.split()) for p in measure.paragraphs)
    named = {str(a.params.get("name")) for a in atoms_of(app.condition) if a.atom == "feature"}
    for key, entry in vocab.features.items():
        pattern = entry.get("in_an_object")
        if not pattern or key in named or not re.search(pattern, text, re.I):
            continue
        app.condition = and_(app.condition, Condition(op="agree", params={"why": "object"}, args=[atom("all"), atom("feature", name=key)]))
        app.warnings.append(f"{measure.id}: its duty is owed to those with {vocab.feature_label(key)}; for a service without "
                            f"it, it is unclear whether the measure applies")
