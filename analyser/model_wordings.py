"""The words in which the EU General-Purpose AI code names a Signatory's own models in a duty: "for each of their models
with systemic risk", "(risks that stem) from each of their models that carry systemic risk", "models placed on the market
before ...". Shared by the steps that find whom a duty is for (``application_text``, ``application_intros``,
``application_settle``) and the plain rewordings (``application_rewrites``), so that each says the same models alike.
"""

from __future__ import annotations

import re

# "Signatories will, for each model with systemic risk ..., keep ...": the model's own words follow
FOR_EACH_MODEL = r"for\s+(?:each|every|any|all|their)\s+(?:of\s+their\s+)?(?:general-purpose\s+ai\s+)?models?\s+"
# "identifying the risks that stem from each of their models with systemic risk", "tracking serious incidents involving
# their models with systemic risk", "apply mitigations to their models with systemic risk", "each risk of their models
# with systemic risk": the same, in another preposition; "their" makes the duty theirs who have such models
# (read as a duty for all that names a feature, every Signatory had been bound)
# ("the life of each model with systemic risk": "each" says it as plainly as "their", and so do models with systemic risk
# named with no determiner ("apply safety mitigations to models with systemic risk") or after "to a" ("access to a
# model with systemic risk"; never "methods suited to a model whose use ..."; "for" too: "update the Model Report for a
# model with systemic risk"); after a verb's "-ing" form too:
# "commit to securing their models with systemic risk"), or the duty's own verb on each such model: "Signatories will
# evaluate each model with systemic risk" (never "protect their models with adequate cybersecurity", how)
VERB_ON_EACH_MODEL = (r"(?!(?:where|if|when)\b)[a-z]+\s+(?:their|each|every)\s+(?:general-purpose\s+ai\s+)?models?\s+"
                      r"(?=with\s+systemic\s+risk\b)")
# ("Signatories shall have independent external evaluators assess each model with systemic risk": the verb of those they
# have do it)
DUTY_VERB_ON_EACH_MODEL = (r"(?:(?<=\bwill\s)|(?<=\bshall\s)|(?<=\bmust\s)|(?<=\bshould\s))(?:(?:have|get|ask)\s+(?:[\w-]+\s+){1,3}?)?"
                           + VERB_ON_EACH_MODEL)
OF_THEIR_MODELS = (r"(?:(?:from|involving|in|across|on|about|concerning|affecting|to|of|for|[a-z]+ing)\s+(?:(?:(?:(?:each|every|any|all|one)\s+of\s+)?"
                   r"their|each|every)\s+(?:general-purpose\s+ai\s+)?models?\s+|(?:(?:(?<=\b(?:to|of)\s)|(?<=\bfor\s))an?\s+(?:general-purpose\s+ai\s+)?model|"
                   r"(?:general-purpose\s+ai\s+)?models)\s+(?=with\s+systemic\s+risk\b))"
                   rf"|{DUTY_VERB_ON_EACH_MODEL})")
# what is said of the models after those words: "with ...", "whose ...", or a relative clause of what a model is or has
# ("that carries systemic risk", "which are placed"; never "that the AI Office needs", what is owed)
SAID_OF_THE_MODELS = (r"(?:with\b|whose\b|trained\s+(?:with|using|on)\b|(?:that|which)\s+"
                      r"(?:is|are|has|have|carr(?:y|ies)|present|presents|pose|poses|meet|meets|count|counts|qualif(?:y|ies))\b)")
# the subject of a duty said of every Signatory, or of one for all ("Signatories will", "the Signatory will")
SIGNATORIES_OR_ONE = r"(?:signatories|(?:a|each|every|the)\s+signatory)"
# "models offered through an API", "models placed on the market before ...": which models, said by what was done with them
MODEL_PARTICIPLE = (r"(?:(?:only|already|first)\s+)?(?:offered|classed|classified|designated|made\s+available|placed|released|provided|distributed|published|integrated|"
                    r"put\s+on\s+the\s+market)")
# "each identified risk of their systemic-risk models": the models' risk said before them ("their" makes the duty theirs
# who have such models, as after "with"; so does "access to a systemic-risk model")
THEIR_SYSTEMIC_RISK_MODELS = r"\b(?:their|its|each\s+of\s+their|(?<=\bto\s)an?)\s+systemic[- ]risk\s+(?:general-purpose\s+ai\s+)?models?\b"
# a power of ten in superscript before a count of operations, "10²⁵ floating-point operations", is "10^25" (NFKC makes it "1025")
SUPERSCRIPT_POWER = re.compile("\\b10([¹²³⁴-⁹][⁰¹²³⁴-⁹])(?=\\s*(?:floating|flops?\\b|operations))", re.I)
