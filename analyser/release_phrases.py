"""The words with which a code lets some services or models out of a measure, or out of one thing it asks: "This measure
need not be applied by a provider whose ...", "That access is not required if the model ...", "They need not publish such
a summary for a model considered similarly safe", "A service whose terms ... is to be treated as falling outside this
measure", "Nothing in these Head Terms applies to a provider of ...", "... has nothing to publish under this paragraph".

Why its own module: the same phrases decide two things, whether a paragraph says whom the measure covers
(``application_text.is_application``, through ``opens_with_release``) and how the release is said in the words the
application openings read (``release_wordings``, ``part_releases``); written once here, the two cannot drift apart.
"""

from __future__ import annotations

import re

# "SMEs and SMCs", "SMEs or SMCs", "SMCs": the classes a release after the duty names ("..., except that SMEs and SMCs need
# not publish"; read in ``release_wordings`` and looked for in ``application_text``)
SMES_OR_SMCS = r"(?:smes?|smcs?)(?:\s+(?:and|or)\s+(?:smes?|smcs?))?"
# "A Signatory that uses no crawlers at all has nothing to publish under this paragraph", "... has no risks to identify under
# this Measure": the release said of its object
_UNDER_THIS = r"under\s+(?:this|the)\s+(?:paragraph|measure|commitment|standard|section|part)\b"
NOTHING_UNDER = (r"(?:nothing\s+(?:more\s+|further\s+|else\s+)?|no\s+(?:[\w-]+\s+){1,2}?)to\s+(?:do|publish|report|disclose|document|provide|notify|submit|"
                 r"identify|assess|keep|evaluate)\s+" + _UNDER_THIS)
# ("Signatories that do not crawl need do nothing under this paragraph": the same release, said with "need")
NEED_DO_NOTHING_UNDER = r"needs?\s+(?:to\s+)?do\s+nothing\s+(?:more\s+|further\s+|else\s+)?" + _UNDER_THIS
# "This measure need not be applied by a provider whose search service does not offer predictive search": the release in
# the passive (read in ``release_wordings``; passed over, every service had stayed covered)
PASSIVE_RELEASE = (r"(?:this|the)\s+measure\s+(?:need\s+not|is\s+not\s+required\s+to|does\s+not\s+need\s+to)\s+be\s+"
                   r"(?:applied|followed|implemented)\s+by\s+(?:(?:a|any)\s+providers?\s+whose\s+(?:[\w-]+\s+){0,2}?service\s+(?P<whose>)|"
                   r"(?:the\s+)?providers?\s+of\s+(?P<of>))")
_PASSIVE = re.compile(r"^\W*" + PASSIVE_RELEASE, re.I)
# What the measure asks, released on a condition on the service or model, as "This measure does not apply if ..." says
# it (read in ``release_wordings``; passed over, every model had stayed covered): "That access is not required if the
# model qualifies as a similarly safe or safer model", the condition first ("Where the model is ..., external evaluation
# is not needed"), or for the services named ("Publication is not needed for a model that is treated as ...")
_DUTY_PART = (r"(?:(?:[\w-]+\s+){0,2}?(?:publication|access|steps?|duty|duties|obligations?|requirements?|testing|evaluations?|assessments?|"
              r"actions?|reviews?|reporting|summar(?:y|ies)|reports?|measures?)"
              # ("External evaluation before placing on the market is not needed for a model treated as ...": when it is owed)
              r"(?:\s+(?:before|after|prior\s+to|ahead\s+of)\s+(?:[\w-]+\s+){0,3}?[\w-]+)?"
              r"\s+(?:(?:is|are)\s+not\s+(?:required|needed|necessary|expected|owed)"
              # ("This access need not be given for a model treated as similarly safe")
              r"|(?:need|needs)\s+not\s+be\s+(?:given|provided|granted|offered|made|published|carried\s+out|done))"
              # ("The shorter Form is not available for a model with systemic risk": a permission's easier way, taken back)
              r"|(?:shorter|simplified|short|lighter|reduced|simpler)\s+(?:[\w-]+\s+)?(?:forms?|options?|routes?|templates?|procedures?|"
              r"versions?)\s+(?:is|are)\s+not\s+(?:available|open)"
              # ("That simplification is not available for a model with systemic risk": the same, said of the easing)
              r"|(?:simplifications?|reliefs?|easements?|concessions?)\s+(?:is|are)\s+not\s+(?:available|open))")
_ON_WHOM = r"(?:the|its|a|an|any|their)\s+(?:[\w-]+\s+){0,2}?(?:services?|models?|signator(?:y|ies)|providers?)\b"
PART_RELEASED = rf"(?:that|this|such|these|those)\s+{_DUTY_PART}\s+(?P<cond>if|where|when)\s+(?={_ON_WHOM})"
PART_RELEASED_AFTER = rf"(?P<cond>(?:where|if|when)\s+{_ON_WHOM}\s+[^,.;]{{3,160}}),\s+(?:(?:that|this|such|the|any)\s+)?{_DUTY_PART}\b"
PART_RELEASED_FOR = rf"(?:(?:that|this|such|the|any)\s+)?{_DUTY_PART}\s+(?:for|of|from)\s+(?P<who>{_ON_WHOM})"
_PART = re.compile(r"^\W*(?:" + PART_RELEASED + "|" + PART_RELEASED_AFTER.replace("(?P<cond>", "(?:") + "|"
                   + PART_RELEASED_FOR.replace("(?P<who>", "(?:") + ")", re.I)
# "They need not publish such a summary for a model considered similarly safe", "No summary need be published for a model
# that is ...": the duty released for the models or services named after it (passed over, every model had stayed covered)
RELEASED_FOR_NAMED = (r"(?:(?:they|it|signatories|(?:the|a|each)\s+signatory|providers?|the\s+provider)\s+(?:need\s+not|(?:is|are)\s+not\s+"
                      r"(?:required|expected)\s+to|(?:will|shall)\s+not\s+be\s+(?:required|expected)\s+to|do(?:es)?\s+not\s+(?:need|have)\s+to)\s+|no\s+(?:[\w-]+\s+){1,6}?needs?\s+(?:to\s+)?be\s+"
                      # ("The evaluator access described in Measure 3.5 need not be given for a model ...")
                      r"|(?:the|that|this|such|these|those)\s+(?:[\w.()-]+\s+){1,12}?needs?\s+not\s+be\s+"
                      # ("No summary is required for a model treated as similarly safe": what is released said first)
                      r"|no\s+(?:[\w-]+\s+){1,6}?(?:is|are)\s+(?:required|needed|expected)(?=\s+(?:for|in\s+respect\s+of)\s))"
                      r"(?:[^.;]|\.(?=\d)){0,100}?\s+(?:for|in\s+respect\s+of)\s+(?P<who>(?:a|an|any|the|their|its)\s+(?:[\w-]+\s+){0,2}?(?:models?|services?)\b)")
_RELEASED_FOR_NAMED = re.compile(r"(?:^|(?<=[.;]\s))" + RELEASED_FOR_NAMED, re.I)
_THE_DUTY_AGAIN = re.compile(r"^\W*(?:\(?[\w.]{1,6}[.)]\s+)?that\b|\b(?:such|this|these|those|it|them|do\s+so)\b", re.I)


def releases_the_duty_again(m: re.Match[str]) -> bool:
    """Does a ``RELEASED_FOR_NAMED`` match name the duty again ("need not publish such a summary", "need not do so"), so
    release the whole of it, and not one thing of its own (``part_releases``)? "That" only opening the subject ("That
    summary need not ..."): in "No summary that covers ..." it names a thing of its own."""
    return _THE_DUTY_AGAIN.search(m.string[m.start():m.start("who")]) is not None

# "A service whose terms prohibit users under 18 ... is to be treated as falling outside this measure": whom it leaves out
TREATED_OUTSIDE = (r"(?P<who>(?:an?|any|the|all)\s+(?:[\w-]+\s+){0,2}?(?:services?|providers?|signator(?:y|ies)|models?)\b[^.;]{0,240}?),?\s+"
                   r"(?:is|are)\s+(?:to\s+be\s+)?(?:treated|regarded|deemed|taken)\s+as\s+(?:falling\s+|being\s+|lying\s+)?(?:outside|out\s+of"
                   r"\s+scope\s+of|not\s+within|excluded\s+from)\s+(?:the\s+scope\s+of\s+)?(?:this|the)\s+(?:measure|standard|section|code)\b")
_OUTSIDE = re.compile(r"^\W*" + TREATED_OUTSIDE, re.I)
# "Nothing in these Head Terms applies to a provider of a relevant electronic service": whom it leaves out (never "Nothing
# in this measure applies to content in private messages", which is content)
NOTHING_APPLIES = (r"nothing\s+in\s+(?:this|these|the)\s+(?:measures?|standards?|head\s+terms|sections?|codes?|commitments?|divisions?|parts?)"
                   r"\s+(?:applies|is\s+to\s+apply)\s+to\s+(?=(?:an?|any|the|all)?\s*(?:[\w-]+\s+){0,5}?(?:providers?|services?|signator\w*|models?)\b)")
_NOTHING_APPLIES = re.compile(r"^\W*" + NOTHING_APPLIES, re.I)

# "No publication is required of an SME or an SMC": the duty released for the classes named (read in ``release_wordings``;
# passed over, an SME had been bound with confidence)
NOTHING_REQUIRED_OF = (r"no\s+(?:[\w-]+\s+){1,4}?(?:is|are)\s+(?:required|needed|expected)\s+(?:of|from)\s+"
                       r"(?=(?:an?\s+)?(?:smes?|smcs?)\b[^.;]{0,40}(?:[.;]|$))")
_NOTHING_REQUIRED_OF = re.compile(r"^\W*" + NOTHING_REQUIRED_OF, re.I)


def opens_with_release(text: str) -> bool:
    """Does ``text`` (a paragraph without its label) open with one of the releases above, or release the duty said again
    for the models or services it names?"""
    if _PASSIVE.match(text) or _PART.match(text) or _OUTSIDE.match(text) or _NOTHING_APPLIES.match(text) or _NOTHING_REQUIRED_OF.match(text):
        return True
    named = _RELEASED_FOR_NAMED.search(text)
    return named is not None and releases_the_duty_again(named)
