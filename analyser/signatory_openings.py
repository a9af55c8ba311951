"""The EU GPAI code's openings that put the models, or an exception, before the duty, said as a statement of whom.

Why its own step: the code seldom says "This Measure applies to ..."; it says "For models with systemic risk,
Signatories will ...", "Before placing a model with systemic risk on the market, Signatories will ...", "Signatories,
other than SMEs, will ..." or "their systemic-risk models". Each is rewritten here into the plain statement the grammar
reads ("Signatories with models with systemic risk will ..."); a rewrite says the same thing, never decides anything.
"""

from __future__ import annotations

import re

from .application_text import SENTENCE_START
from .model_wordings import MODEL_PARTICIPLE, SIGNATORIES_OR_ONE, THEIR_SYSTEMIC_RISK_MODELS

# "For general-purpose AI models with systemic risk, Signatories will ...": the Signatories with those models
# ("For models offered through an API, Signatories will ...", "For models placed on the market before 2 August 2025, ...";
# never a relaxation, "..., Signatories will have until 2027 to ...")
# ("For each of its models with systemic risk, a Signatory will ...", "For a model placed on the market before ..., the
# Signatory will ...": one Signatory said for all)
_FOR_MODELS_FIRST = re.compile(SENTENCE_START + r"for\s+(?:each\s+|every\s+|any\s+|all\s+|their\s+|an?\s+|each\s+of\s+(?:its|their)\s+)?"
                               r"(?P<models>(?:general-purpose\s+ai\s+)?models?\s+"
                               # ("For every model with systemic risk they provide, ...": every Signatory provides its models)
                               rf"(?:with|that|which|whose|{MODEL_PARTICIPLE})\b[^,.;]{{1,160}}?)(?:\s+(?:that\s+)?they\s+(?:provide|offer|develop))?,\s+{SIGNATORIES_OR_ONE}\s+"
                               r"(?=(?:will|shall|must|should|commit))(?!will\s+have\s+until\b|will\s+not\s+need\b)", re.I)
# "Signatories other than SMEs will ...", "Signatories, except SMEs and SMCs, will ...": every Signatory but those
# ("Signatories, with the exception of SMEs and SMCs, will ...")
_SIGNATORIES_BUT = re.compile(SENTENCE_START + r"(?:all\s+)?signatories,?\s+(?P<but>(?:other\s+than|except(?:\s+for)?|excluding|apart\s+from|"
                              r"save\s+for|with\s+the\s+exception\s+of)\s+[^,.;]{1,120}?),?\s+(?:will|shall|must|should|commit\s+to)\b[^.;]*", re.I)


def _signatories_with(m: re.Match[str]) -> str:
    # ("For models offered through an API, ...": "Signatories whose models are offered through an API", the participle
    # read as the feature's wording, never as a second group of models; "For a model that was placed ...": "whose model was")
    done = re.match(rf"(?:general-purpose\s+ai\s+)?models?\s+(?={MODEL_PARTICIPLE}\b)", m.group("models"), re.I)
    if which := re.match(r"(?:general-purpose\s+ai\s+)?(models?)\s+(?:that|which)\s+(?=(?:is|are|was|were|has|have)\b)", m.group("models"), re.I):
        return f"Signatories whose {which.group(1)} {m.group('models')[which.end():]} "
    return f"Signatories whose models are {m.group('models')[done.end():]} " if done else f"Signatories with {m.group('models')} "


# "Signatories, other than SMEs, but including SMCs, will ...": those named as included, beside an exception of others
_BUT_INCLUDING = re.compile(r",\s*but\s+including\s+[^,.;]{1,60}(?=,)", re.I)


def without_included(text: str) -> str:
    """``text`` without ", but including SMCs" after an exception: those it names stay as every other reader does (read
    inside the exception, they had been left out with confidence)."""
    return _BUT_INCLUDING.sub("", text)


def signatories_first(text: str) -> str:
    """``text`` with the GPAI code's openings that put the models or an exception before the duty said as a statement
    of whom ("Signatories with general-purpose AI models with systemic risk will ...", "This Measure applies to
    Signatories other than SMEs.")."""
    text = _FOR_MODELS_FIRST.sub(_signatories_with, without_included(text))
    return _SIGNATORIES_BUT.sub(lambda m: f"This Measure applies to Signatories {m.group('but')}", text)


# "Before placing a model with systemic risk on the market, Signatories will ...": for those models, said as "For each"
# ("... a model classed as having systemic risk ...": the participle as the models' own words)
_BEFORE_PLACING_SOME = re.compile(r"(?:^|(?<=[.;]\s))before\s+placing\s+(?:a|an|any|each)\s+(?P<model>(?:general-purpose\s+ai\s+)?models?\s+"
                                  rf"(?:with|that|which|whose|{MODEL_PARTICIPLE})\b[^,.;]{{1,120}}?)(?:\s+on\s+the\s+(?:union\s+|eu\s+)?market)?\s*,\s*"
                                  r"(?=(?:signatories|providers?)\s+(?:will|must|should|shall)\b)", re.I)
# "each identified risk of their systemic-risk models", "Before placing a systemic-risk model on the market": the models'
# risk said after them, as the code mostly says it (before the noun, "their" had not made the duty theirs who have such
# models, and every Signatory had been bound)
_RISK_BEFORE_MODELS = re.compile(THEIR_SYSTEMIC_RISK_MODELS
                                 + r"|\bplacing\s+(?:a|an|any|each)\s+systemic[- ]risk\s+(?:general-purpose\s+ai\s+)?model\b", re.I)


def signatories_before_placing(text: str) -> str:
    """``text`` with "Before placing a model with ... on the market, Signatories will" said as whom (as the code's own
    "For each model with ..., Signatories will" is) and "their systemic-risk models" as "their models with systemic
    risk"."""
    text = _RISK_BEFORE_MODELS.sub(lambda m: re.sub(r"systemic[- ]risk\s+", "", m[0], flags=re.I) + " with systemic risk", text)
    placed = _BEFORE_PLACING_SOME.sub(r"For each \g<model>, ", text)
    return text if placed == text else _FOR_MODELS_FIRST.sub(_signatories_with, placed)
