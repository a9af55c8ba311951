"""Levels of risk and user numbers said in other words, said as the grammar reads them: "assessed as having a high risk
of X", "at least a medium risk of X", "at a high level of risk of X", "whose risk of X is medium or higher", "where the
provider has assessed the service as ...", "(more than 700,000 users) averaged over six months", and "at high risk of
it" (the harm last named).

Why its own module: the codes' drafters and the evaluation sets' writers name a risk level in many ways, and each new
one is a line here; kept apart from the other rewrites (``application_rewrites``), the list can grow without crowding
them. A rewrite only ever says the same level more plainly, never decides anything.
"""

from __future__ import annotations

import re

# a level of risk in other words: "at least a medium risk of X", "a medium or higher risk of X", "at medium risk or higher
# of X", "at a high level of risk of X", "whose risk of X is medium or higher", "assessed as having a high risk of X"
_RISK_WORDINGS = [
    # (first: "services assessed as having a high risk of X" -> "services at a high risk of X"; "... as having at least a
    # medium risk of X" -> "services at least a medium risk of X", read by the next)
    (re.compile(r"\b(services?)\s+(?:that\s+(?:are|have\s+been)\s+|which\s+(?:are|have\s+been)\s+)?assessed\s+as\s+(?:having|being\s+at)\s+"
                r"(?=(at\s+least\s+)?(?:an?\s+)?(?:high|medium|low|negligible)\b)", re.I), lambda m: f"{m.group(1)} {'' if m.group(2) else 'at '}"),
    # ("either large or assessed as carrying a medium or high risk of ...": "or at a ...", the "that are" said once)
    (re.compile(r"\b(or|and)\s+assessed\s+as\s+(?:carrying|having|posing|presenting)\s+(?=(?:an?\s+)?(?:high|medium|low|negligible)\b)", re.I),
     r"\1 at "),
    # ("..., or that is assessed as carrying a medium or high risk of ...": "that has a ...")
    (re.compile(r"\b(that|which)\s+(?:is|are|has\s+been|have\s+been)\s+assessed\s+as\s+(?:carrying|having|posing|presenting)\s+"
                r"(?=(?:at\s+least\s+)?(?:an?\s+)?(?:high|medium|low|negligible)\b)", re.I), r"\1 has "),
    # ("services assessed as medium or high risk for fraud")
    (re.compile(r"\b(?:(?:that|which)\s+(?:are|have\s+been)\s+)?assessed\s+as\s+(?:being\s+)?(?:at\s+)?(?:an?\s+)?"
                r"(medium\s+or\s+high|high|medium|low|negligible)\s+risk\s+(?:for|of)\b", re.I), r"at \1 risk of"),
    (re.compile(r"\b(?:at\s+)?(?:least\s+)?(?:an?\s+)?medium\s+(?:risk\s+)?or\s+(?:higher|greater|above)(?:\s+risk|\s+level\s+of\s+risk)?\s+of\b"
                r"|\bat\s+least\s+(?:an?\s+)?medium\s+(?:level\s+of\s+)?risk\s+of\b", re.I), "at medium or high risk of"),
    (re.compile(r"\b(?:at\s+)?an?\s+(high|medium|low|negligible|medium\s+or\s+high)\s+level\s+of\s+risk\s+(?:of|for)\b", re.I), r"at \1 risk of"),
    (re.compile(r"\bwhose\s+(?:assessed\s+)?risk\s+of\s+(?P<harm>[\w\s-]{3,60}?)\s+is\s+(?:assessed\s+as\s+)?"
                r"(?:medium\s+or\s+(?:higher|high|above)|at\s+least\s+medium)\b", re.I), r"that are at medium or high risk of \g<harm>"),
    # ("services that face a high risk of suicide content", "... or face a medium or high risk for any kind of ...")
    (re.compile(r"\bfaces?\s+(?:an?\s+)?(medium\s+or\s+high|high|medium|low|negligible)\s+(?:level\s+of\s+)?risk\s+(?:of|for)\b", re.I),
     r"are at \1 risk of"),
    # ("at medium or high risk for two or more of ...": "of"; "two or more of these kinds of illegal harm: A; B; C": the
    # kinds listed after the colon, as "the following kinds" says it)
    (re.compile(r"\b(at\s+(?:medium\s+or\s+high|high|medium|low|negligible)\s+risk)\s+for\b", re.I), r"\1 of"),
    (re.compile(r"\b(?:these|the\s+(?:listed|below))\s+(kinds?|types?)\s+of\b(?=[^.;:]{0,60}:)", re.I), r"the following \1 of"),
    # ("whose risk of intimate image abuse is high")
    (re.compile(r"\bwhose\s+(?:assessed\s+)?risk\s+of\s+(?P<harm>[\w\s-]{3,60}?)\s+is\s+(?:assessed\s+as\s+)?(?P<level>high|medium|low)"
                r"(?=\s*(?:[,.;:)]|$|\s+(?:and|or|but|which|that|where|unless|except)\b))", re.I), r"that are at \g<level> risk of \g<harm>"),
    # ("services that have group chats, where children are at medium or high risk of encountering bullying content in them":
    # the risk the children there face is the service's)
    (re.compile(r"\b(?:where|in\s+which)\s+children\s+(?:are|would\s+be)\s+at\s+(medium\s+or\s+high|high|medium|low|negligible)\s+risk\s+of\s+"
                r"(?:encountering\s+)?([^,.;:]{3,60}?)(?:\s+(?:in\s+them|on\s+it|on\s+them|there))?(?=\s*(?:[,.;:)]|$))", re.I), r"that are at \1 risk of \2"),
]
# "(more than 700,000 monthly active UK users) over the previous six months", "measured as an average over six months": how
# the number is counted, which the codes' own user numbers already are
_AVERAGED = re.compile(r",?\s+(?:(?:measured|calculated|taken)\s+as\s+)?(?:an?\s+|on\s+)?average(?:d)?\s+(?:over|across)\s+(?:the\s+)?"
                       r"(?:previous|preceding|last)?\s*(?:six|6|twelve|12)\s+months\b|\s+over\s+the\s+(?:previous|preceding|last)\s+"
                       r"(?:six|6|twelve|12)\s+months\b", re.I)
# "(at high risk of CSAM URLs and) used by more than 700,000 monthly active UK users": "has more than ..."
_USED_BY = re.compile(r"\b(?:(?:is|are)\s+)?used\s+by\s+(?=(?:more\s+than|over|fewer\s+than|less\s+than|at\s+least|at\s+most|up\s+to)\s+[\d,. ]+"
                      r"(?:million\s+|m\s+)?(?:monthly\s+)?(?:active\s+)?(?:uk\s+|united\s+kingdom\s+)?users\b)", re.I)
_ASSESSED = re.compile(
    r"\b(?:(?:the|its|their)\s+providers?\s+(?:has|have)\s+(?:assessed|identified)\s+(?:the\s+(?:[\w-]+\s+){0,2}?service|it|its\s+service|"
    r"their\s+service)|(?<=\bthat\s)(?:has|have)\s+assessed\s+(?:themselves|itself))\s+as\s+(?P<how>having\s+|being\s+|to\s+have\s+|to\s+be\s+)?", re.I)


# "... at medium or high risk of image-based CSAM, and to providers of services at high risk of it that have ...": "it"
# is the harm last named with a risk (with none named before, it is left as written, so unclear)
_RISK_OF_IT = re.compile(r"\brisk\s+of\s+it\b(?!\s*(?:is|was|being)\b)", re.I)
_HARM_NAMED = re.compile(r"\brisk\s+of\s+(?!it\b)(?P<harm>[^,.;:()]{3,80}?)(?=\s*(?:[,.;:)]|$)|\s+(?:that|which|who|where|with|in\s+respect)\b)", re.I)


def _the_harm_before(m: re.Match[str]) -> str:
    named = list(_HARM_NAMED.finditer(m.string[:m.start()]))
    if not named:
        return m.group(0)
    # (the harms only: "at high risk of fraud and large, or at medium risk of it" is medium risk of fraud)
    harm = re.split(r"\s+(?:and|or)\s+(?=(?:large|small|multi-risk|low-risk|have|has|are|is|uses?|offers?|allows?|with)\b)",
                    named[-1].group("harm"), maxsplit=1, flags=re.I)[0]
    return f"risk of {harm}"


def plain_risk_levels(work: str) -> str:
    """``work`` with each risk level and user count above said plainly."""
    # "where the provider has assessed the service as having a medium risk of X": the provider's assessment is
    # how every level is known, so it says no more than "where the service has a medium risk of X"
    work = _ASSESSED.sub(lambda m: "the service has " if (m.group("how") or "").lower().startswith("hav") else "the service is ",
                         work)
    for pattern, plain in _RISK_WORDINGS:
        work = pattern.sub(plain, work)
    work = _RISK_OF_IT.sub(_the_harm_before, work)
    return _USED_BY.sub("has ", _AVERAGED.sub("", work))
