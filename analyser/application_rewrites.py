"""Roundabout wordings of application clauses said plainly, before the condition is read.

Why its own step: drafters name the same characteristic of a service in many ways ("whose latest risk
assessment found it to be at medium risk", "where the provider has assessed the service as having ...",
"whose user numbers exceed 7m", "to the extent that", a word broken by a space at a line end). Each is
rewritten here into the words the grammar reads, so that the grammar stays one small set of shapes (levels of
risk in ``risk_wordings``); a rewrite only ever says the same thing more plainly, never decides anything.
"""

from __future__ import annotations

import re

from .application_text import SENTENCE_START, without_proposal_frame
from .feature_phrasing import plain_feature_phrasing, verbs_over_lists
from .paragraph_references import PARAGRAPH_LABEL
from .release_wordings import plain_releases
from .signatory_openings import signatories_before_placing, signatories_first
from .risk_wordings import plain_risk_levels
from .whom_wordings import EACH_CASE_BEFORE_EXCEPTION, whom_said_plainly
from .condition_tokens import lexicon_for, tokenise
from .vocabulary import Vocabulary

# A word broken across a line and rejoined with a space, its hyphen lost ("child sexual exploi tation", "monthly
# ac tive UK users", "This mea sure"): rejoined only where the two parts make a word the code's wording uses
# and at least one part is no such word, so that two real words ("in to", "any one") are never run together
_WORDS_OF_SCOPE = frozenset("""measure measures standard standards section sections commitment commitments applies apply
    application recommended recommendation provider providers service services signatory signatories monthly active
    functionality functionalities""".split())
_TWO_PARTS = re.compile(r"\b([A-Za-z]{2,})\s(?=([a-z]{2,})\b)")  # the second part left for the next pair


def rejoin_broken_words(text: str, known: frozenset[str]) -> str:
    """``text`` with words broken by a space at a line end joined again (see ``_TWO_PARTS`` above)."""
    known = known | _WORDS_OF_SCOPE

    def join(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        whole = (a + b).lower()
        if whole in known and not (a.lower() in known and b in known):
            return a  # the space goes: the second part follows as it stands
        return m.group(0)

    return _TWO_PARTS.sub(join, text)


# "whose latest illegal content risk assessment found it to be at medium or high risk of X": what the
# assessment found is the service's level, as "that is at medium or high risk of X" says
_ASSESSMENT_FOUND = re.compile(
    r"\bwhose\s+(?:latest\s+|most\s+recent\s+|current\s+|last\s+)?(?:illegal\s+content\s+|children'?s\s+)?risk\s+"
    r"assessments?\s+(?:has\s+|have\s+)?(?:found|finds|identified|identifies|concluded|concludes|showed|shows|rated|rates)\s+"
    r"(?:that\s+)?(?:it|the\s+service)\s+(?P<how>to\s+be|as\s+being|as|is|to\s+have|as\s+having|has)\s+", re.I)
# "where its service is multi-risk", "where such a service is ...", "unless that model carries systemic risk": the one named
_ITS_SERVICE = re.compile(r"\b(where|if|when|unless|provided\s+that)\s+(?:its|their|such\s+an?|that(?=\s+model\b))\s+(?=(?:regulated\s+)?(?:services?|model)\b)", re.I)


# "to the extent that the service offers livestreaming", "for so long as it has more than 7 million users": a
# condition, as "where" sets it
_AS_WHERE = re.compile(r"\b(?:to\s+the\s+extent\s+that|in\s+so\s+far\s+as|insofar\s+as|for\s+(?:so|as)\s+long\s+as|"
                       r"so\s+long\s+as)\b", re.I)


# "whose user numbers exceed 7m", "where the number of monthly active UK users is at least 700,000": the count
# named before the comparison, said in the usual order ("with more than 7m monthly active UK users")
_USERS_FIRST = re.compile(
    r"\b(?P<lead>whose|where\s+(?:the|its)(?:\s+service's)?)\s+(?:(?:total|average)\s+)?(?:number\s+of\s+)?"
    r"(?:(?:average\s+)?monthly\s+)?(?:active\s+)?(?:uk\s+|united\s+kingdom\s+)?"
    r"(?:users?(?:\s+(?:numbers?|base|count))?|user\s+(?:numbers?|base|count))\s+(?:(?:is|are)\s+)?"
    r"(?P<cmp>exceeds?|more\s+than|greater\s+than|over|above|at\s+least|fewer\s+than|less\s+than|below|under|"
    r"no\s+more\s+than|not\s+more\s+than)\s+(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s*(?:m|k|million|thousand)\b)?)", re.I)


# "700,000 or more monthly UK users but fewer than 7 million": the second bound of a range, joined by "but" and
# with its count's noun left to the reader, said in full ("and fewer than 7 million users")
_SECOND_BOUND = (r"(?:(?:fewer|less)\s+than|under|below|(?:not|no)\s+more\s+than|up\s+to|more\s+than|over|at\s+least)\s+"
                 r"\d[\d,]*(?:\.\d+)?(?:\s*(?:m|k|million|thousand)\b)?")
_BUT_BOUND = re.compile(rf"(\busers?|\bmore|\d(?:\s*(?:m|k|million|thousand)\b)?)\s*,?\s+but\s+(?={_SECOND_BOUND})", re.I)
_ELIDED_USERS = re.compile(rf"(\busers?\s*,?\s+and\s+{_SECOND_BOUND})(?!\s*(?:monthly|active|uk|united|users?)\b)", re.I)


# "used by more than 7 million people each month": a count of users in other words
_PEOPLE = re.compile(r"(\d[\d,]*(?:\.\d+)?(?:\s*(?:m|k|million|thousand)\b)?)\s+(?:people|individuals|persons)(?:\s+(?:each|a|every|per)\s+month)?\b",
                     re.I)
# (never "employing fewer than 250 people", a count of staff: read as users, it had been a confident answer)
_STAFF_BEFORE = re.compile(r"\b(?:employ\w*|staff\w*|workforce|headcount|workers?)\b[^.;,]{0,30}$", re.I)
_USED_BY = re.compile(r"\bused\s+by\s+(?=(?:more|over|at\s+least|fewer|less|under|up\s+to|no\s+more|not\s+more)\b[^.;,]{0,30}\busers\b)",
                      re.I)
# "search services that enable users to search only a selection of websites or databases relating to a particular
# topic": the statute's definition of a vertical search service, said by its name
_VERTICAL = re.compile(
    r"\bsearch\s+services?\s+that\s+(?:(?:enable|allow)s?\s+users\s+to\s+|lets?\s+users\s+)?search\s+only\s+[^.;()]{0,60}?"
    r"websites\s+or\s+databases(?:\s+(?:relating\s+to|on|about|in)\s+(?:a\s+)?(?:particular|specific|single)\s+"
    r"(?:topic|theme|subject|genre|sector)(?:\s*,\s*\w+)*(?:\s+or\s+\w+)?(?:\s+of\s+content)?)?"
    r"(?:\s*\(\s*vertical\s+search\s+services?\s*\))?", re.I)
# "where the provider has identified that the service is at medium or high risk of fraud": what the provider found
# is the service's level, as "where the service is ..." says
_PROVIDER_FOUND = re.compile(r"\b(?:the|its)\s+provider\s+(?:has|have)\s+(?:identified|assessed|concluded|found|determined)\s+"
                             r"that\s+(?=(?:the|its)\s+(?:regulated\s+)?service\s+(?:is|has)\b)", re.I)
# "whose principal purpose is hosting or disseminating ...": the wording of the children's codes' own term
_PRINCIPAL_PURPOSE = re.compile(r"\bprincipal\s+purpose\s+is\s+(?:to\s+)?(?:the\s+)?(?:hosting|host)\s+or\s+(?:disseminating|"
                                r"disseminate|spreading|dissemination\s+of|spread\s+of|sharing)\s+", re.I)
# "at medium or high risk in respect of two or more of the kinds of primary priority content", "more than one kind of":
# the codes' own words for a risk and a count of kinds
_KINDS_COUNTED = [(re.compile(r"\brisk\s+in\s+respect\s+of\b", re.I), "risk of"),
                  (re.compile(r"\b(two|2)\s+or\s+more\s+of\s+the\s+kinds\s+of\b", re.I), r"\1 or more kinds of"),
                  (re.compile(r"\bmore\s+than\s+one\s+(?:kind|type)s?\s+of\b", re.I), "two or more kinds of"),
                  # ("at least one kinds of content harmful to children": a slip of the plural, one kind meant)
                  (re.compile(r"\b(at\s+least|any)\s+one\s+kinds\s+of\b", re.I), r"\1 one kind of")]
# "pornographic, suicide, self-harm or eating disorder content": each kind of content in the list named in full
_CONTENT_KIND = (r"(?:pornographic|suicide|self-harm|eating[\s-]disorder|bullying|violent|abuse\s+and\s+hate|harmful\s+substances|"
                 r"dangerous\s+stunts\s+and\s+challenges)")
_CONTENT_LIST = re.compile(rf"\b({_CONTENT_KIND})(,\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+)(?=(?:{_CONTENT_KIND}(?:,\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+))*"
                           rf"{_CONTENT_KIND}\s+content\b)", re.I)


def _users_in_order(m: re.Match[str]) -> str:
    cmp = "more than" if m.group("cmp").lower().startswith("exceed") else m.group("cmp")
    lead = "with" if m.group("lead").lower() == "whose" else "where the service has"
    return f"{lead} {cmp} {m.group('num')} monthly active UK users"


# "the service's terms of service", "users under the age of 18": the usual words for them
_SERVICES_TERMS = re.compile(r"\b(?:the\s+service(?:'|\u2019)s|its)\s+(?=terms\b)", re.I)
_AGE_OF = re.compile(r"\b(under|below|over|above)\s+the\s+age\s+of\s+(\d{1,2})\b", re.I)
# "large services and multi-risk services, in each case other than file-storage services": the exception is the
# whole clause's, as a plain ", other than" is
_EACH_CASE_EXCEPTION = re.compile(EACH_CASE_BEFORE_EXCEPTION, re.I)


# "a gaming service with communications functionality, being a relevant electronic service": the kind it is
_BEING_A = re.compile(r",\s*being\s+(?=(?:a|an)\s)", re.I)


def _people_as_users(m: re.Match[str], text: str) -> str:
    """"7 million people" as a count of users, unless the people are staff (``_STAFF_BEFORE``)."""
    return m[0] if _STAFF_BEFORE.search(text, max(0, m.start() - 40), m.start()) else f"{m[1]} monthly users"


def plain_service_wording(text: str) -> str:
    """``text`` with roundabout ways of naming the service's own characteristics said plainly (above)."""
    text = _USED_BY.sub("with ", _PEOPLE.sub(lambda m: _people_as_users(m, text), text))
    text = _PROVIDER_FOUND.sub("", _VERTICAL.sub("search services that are vertical search services", text))
    # ("the principal purpose of which is", "the terms of service of which do not prohibit": "whose")
    text = re.sub(r"\bthe\s+(principal\s+purpose|terms\s+of\s+service)\s+of\s+which\b", r"whose \1", text, flags=re.I)
    text = _PRINCIPAL_PURPOSE.sub("principal purpose is the hosting or dissemination of ", text)
    for pattern, plain in _KINDS_COUNTED:
        text = pattern.sub(plain, text)
    text = _CONTENT_LIST.sub(r"\1 content\2", text)
    # "to the extent that they integrate the model ...": "if they", which says whom (a bare "where they" is as
    # often a time or a trigger: "where they have reasonable grounds to believe ...")
    text = _AS_WHERE.sub(lambda m: "if" if re.match(r"\s+they\b", text[m.end():], re.I) else "where", text)
    text = _USERS_FIRST.sub(_users_in_order, text)
    text = _ELIDED_USERS.sub(r"\1 users", _BUT_BOUND.sub(r"\1 and ", text))
    text = _AGE_OF.sub(r"\1 \2", _SERVICES_TERMS.sub("the ", text))
    text = _EACH_CASE_EXCEPTION.sub(", ", text)
    text = _BEING_A.sub(" that is ", text)
    text = _ASSESSMENT_FOUND.sub(lambda m: "that has " if "hav" in m.group("how").lower() or m.group("how").lower() == "has"
                                 else "that is ", text)
    return _ITS_SERVICE.sub(r"\1 the ", text)

_IF_ON_SERVICE = re.compile(r"\b(services?|,)\s*,?\s+if\b(?=\s*:|\s+(?:\(\w{1,3}\)\s*)?(?:(?:the|that|such|its)\s+(?:[\w-]+\s+){0,2}?service|it)\s+"
                            r"(?:is|has|are|have)\b(?!\s+(?:(?:reasonably|technically)\s+)?(?:feasible|practicable|possible|"
                            r"proportionate|appropriate)\b))",
                            re.I)
# "However, a provider need not apply it to a service with 50,000 or fewer users, unless ...": the services are the
# object of the release, not its subject (read as the provider alone, every service had been let out)
_NEED_NOT_APPLY_TO = re.compile(
    SENTENCE_START + rf"(?P<label>{PARAGRAPH_LABEL})?(?:(?:however|but),?\s+)?(?:(?:a|an|the|any)\s+)?providers?\s+"
    r"(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|"
    r"obliged)\s+to|do(?:es)?\s+not\s+(?:need|have)\s+to)\s+apply\s+(?:it|this\s+measure|the\s+measure)\s+(?:to|in\s+respect\s+of)\s+"
    r"(?=(?:(?:a|an|any|the|its|their)\s+)?(?:[\w-]+\s+){0,4}?services?\b)", re.I)
# "However, it applies to a vertical search service only if the service returns images": for those services, on that
# condition (read as a further group, every service had stayed covered)
_APPLIES_TO_ONLY_IF = re.compile(
    # (after another sentence: alone, "It applies to providers of X only where ..." says whom the measure is for)
    rf"(?<=[.;:]\s)(?P<label>{PARAGRAPH_LABEL})?(?:(?:however|but),?\s+(?:it|this\s+measure|the\s+measure)|it)\s+"
    r"applies\s+to\s+(?P<who>(?:(?:a|an|any|the)\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?|platforms?|models?|"
    # ("It applies to an SMC only where ...": a Signatory named by its size)
    r"signator(?:y|ies)|sm[ec]s?))\s+only\s+(?P<cond>if|where|when)\b",
    re.I)
_OR_BOTH = re.compile(r"(?P<before>[^.;]{0,160}?),\s+(?P<last>(?:of\s+)?[^,;.]+?),?\s+or\s+(?:of\s+)?both(?=\s*(?:[.,;:)]|$))", re.I)


def _either(m: re.Match[str]) -> str:
    """"A, B, or both" -> "A or B"; "of A or of B, or both" -> "of A or of B" (an "or" already there)."""
    if re.search(r"\bor\b", m.group("last"), re.I) or re.search(r"\bor\s+(?:of\s+)?[^,;]*$", m.group("before"), re.I):
        return f"{m.group('before')}, {m.group('last')}"
    return f"{m.group('before')} or {m.group('last')}"

_UNLESS_SERVICE = re.compile(r"\bunless\s+(?=(?:the|that|such|its)\s+(?:[\w-]+\s+){0,2}?service\s+(?!provider))", re.I)
# "If you share children's data with third parties, including other companies in your own group, ...": an
# aside that names a feature which the profile says a feature takes in (``includes``) widens the class to take it
# in; one that names another feature only says which of the class it covers (an aside that names nothing the
# vocabulary knows is dropped below, as saying nothing of whom)
# (", including <a feature>," or at the sentence's end: "with third parties, including with other companies in
# your own corporate group.")
_INCLUDING = re.compile(r",\s*including\s+(?:with\s+|to\s+)?(?P<x>[^,.;()]{3,120})(?P<end>,|(?=\s*(?:[.;]|$)))", re.I)


def _included_feature(m: re.Match[str], vocab: Vocabulary) -> str:
    toks = [t for t in tokenise(m.group("x"), lexicon_for(vocab)) if t.kind != "FILLER"]
    if len(toks) == 1 and toks[0].kind == "FEATURE":
        if any(toks[0].value in info.get("includes", ()) for info in vocab.features.values()):
            return f" or {m.group('x')}{m.group('end')}"
        # "models with systemic risk, including models released under a free and open-source licence": which of the
        # class it takes in, not a second class (a profile that means a wider class says so with ``includes``)
        return m.group("end") if m.group("end") == "," else ""
    return m.group(0)


# ("... two or more kinds of priority content: abuse and hate content; bullying content; ...": the same, after a colon)
_NAMELY = re.compile(r"\b(one\s+or\s+more|two\s+or\s+more|any|at\s+least\s+(?:one|two))\s+(kinds?|types?)\s+of\s+([\w -]{3,60}?)(?:,?\s+"
                     r"(?:namely|that\s+is(?:\s+to\s+say)?|i\.e\.),?\s+|\s*:(?!\s*(?:provided|but|unless|except|save|however)\b)\s*)", re.I)


def widen_including(work: str, vocab: Vocabulary) -> str:
    """", including <a feature>,": the feature joins the class (see ``_INCLUDING``)."""
    return _INCLUDING.sub(lambda m: _included_feature(m, vocab), work)

_BUT_ONLY_THOSE = re.compile(r"(?P<quote>[\u2019'\"\u201d]?)\s*(?:,|\s[-\u2013\u2014]+|[-\u2013\u2014]+)\s*but\s+only\s+(?:those|ones|the\s+ones)\s+"
                             r"(?P<rel>that|which|who|whose|with|at)\b", re.I)


_BUT_ONLY_WHERE = re.compile(r",?\s+but\s+only\s+(?:where|if|when|in\s+so\s+far\s+as|to\s+the\s+extent\s+that)\s+(?:they|it)\s+"
                             r"(?=(?:are|is|have|has|offer|offers|allow|allows|use|uses|provide|provides)\b)", re.I)
_BUT_TO_ONLY = re.compile(r",?\s+but\s+(?:only\s+)?to\s+providers\s+of\s+(?P<x>(?:[\w-]+\s+){0,4}?services)\s+only\s+(?:where|if|when)\s+"
                         r"(?:they|it)\s+(?=(?:are|is)\b)", re.I)


# "Large services are expected to ..., as are services that are multi-risk.": a second group, said as "So should ..."
_AS_ARE = re.compile(r"(?:(?<!\bmeasure)(?<!\bstandard)(?<!\bscope)"  # (", as are ..." after an exclusion: see application_intros)
                     r",\s+as\s+(?:are|is|do|does)"
                     # ("... should apply this measure, as should providers of services at high risk of X whose ...")
                     r"|,\s+as\s+(?:should|must|will))\s+(?=(?:[\w-]+\s+){0,4}?(?:services?|providers?|signator(?:y|ies))\b[^.;]*(?:[.;]|$))",
                     re.I)
# "This measure does not apply to large services, nor to services which are multi-risk": one exclusion of either
_NOR_TO = re.compile(r",?\s+nor\s+(?=(?:to|for)\s)", re.I)
# "Every provider, whatever its size, should ...": the comma the aside left behind, between the subject and its verb
_SUBJECT_COMMA = re.compile(r"(?<=\bprovider),(?=\s+(?:should|must|shall|will)\b)|(?<=\bproviders),(?=\s+(?:should|must|shall|will)\b)"
                            r"|(?<=\bsignatories),(?=\s+(?:should|must|shall|will)\b)"
                            r"|(?<=\bservices),(?=\s+(?:should|must|shall|will)\s+(?!(?:they|it|the|such|any|a|an)\b))", re.I)
# "Although the risk is greatest where ..., this measure is recommended for all services": a concession says nothing
# of whom ("while" and "whilst" are left: they can set a time, "while a service is large"); nor does a purpose before the
# statement of whom ("To protect children who use direct messaging, this measure applies to ...")
# "services that are large, or multi-risk and have a recommender system": the comma sets the first limb apart, so the
# "and" binds only the second ("... that are large, or that are multi-risk and have ...")
_COMMA_OR_AND = re.compile(r"\b(that|which)\s+(are|is)\s+([\w-]+),\s+or\s+(?:(?:are|is)\s+)?(?=[\w-]+\s+and\s+(?:have|has|use|uses|"
                           r"offer|offers|allow|allows|are|is)\b)", re.I)
_CONCESSION = re.compile(r"(?:^|(?<=[.;]\s))(?:although|though|even\s+though|albeit|to\s+(?:protect|help|keep|support|reduce|prevent|"
                         r"make|ensure|safeguard)\b(?=[^,.;]{1,200},\s*(?:this|the)\s+(?:measure|standard|section)\s+applies\b))[^,.;]{0,200},\s*", re.I)
# "Before placing a model on the market, Signatories will ...", "Before deciding to place a model on the market, or to keep
# it there, Signatories will ...": when the duty falls due, never whom; but not "Before making a model's parameters
# downloadable by anyone, Signatories will ...", which only some do (read as a time, the duty had been every Signatory's)
# ("When placing a model, Signatories will ...": the same, at the time every provider places its models)
_BEFORE_DOING = re.compile(r"(?:^|(?<=[.;]\s))(?:before\s+(?:placing|deciding|releasing|launching|making|putting)|(?:when|on|upon)\s+placing)\b"
                           r"(?![^.;,]{0,200}\b(?:parameters|weights)\b)(?!\s+(?:a|an|any|each)\s+(?:general-purpose\s+ai\s+)?models?\s+(?:with|that|which|whose)\b)"
                           r"[^.;]{1,200}?,\s*"
                           r"(?=(?:signatories|providers?|the\s+provider|(?:the|a|each|every|any)\s+signatory|you)\s+(?:will|must|should|shall)\b)", re.I)
# "This measure does not apply except to vertical search services ...": it applies only to them; "applies not only to large
# services but also to any service that ...": to both
_EXCEPT_TO = re.compile(r"\b(?:does|do|shall|will)\s+not\s+apply\s+(?:other\s+than|except|save)\s+(?=to\b|where\b|if\b|in\s+respect\s+of\b)", re.I)
_NOT_ONLY_BUT = re.compile(r"\bapplies\s+not\s+only\s+to\s+(?P<a>[^,;:.]{3,160}?),?\s+but\s+also\s+to\s+", re.I)
# "..., so that every user can complain about search results", "in order to ...": why, never whom
# ("in order to" is left: "if you profile children in order to serve them targeted advertising" names a feature)
# (to a condition on the service or an exception after it, never past one: "... so that children can use them if its
# service is likely to be accessed by children" had lost its condition, and the measure was every service's)
_PURPOSE = re.compile(r",?\s+(?:so\s+that|in\s+order\s+that)\s(?:(?!,?\s+(?:if|where|when|unless|provided\s+that|except(?:\s+(?:where|if|for))?|other\s+than|"
                      r"save(?:\s+(?:where|for))?)\s+(?:the|its|their|a|an|any)\s+(?:[\w-]+\s+){0,2}?(?:services?|providers?|platforms?)\b)[^.;])*", re.I)


# "... and either (a) is large, or (b) is at high risk of ...": "either" groups the limbs, which read as "either X or Y"
_EITHER_LIMBS = re.compile(r"\beither\s+\(a\)\s+(?P<a>[^;.()]{1,200}?),?\s+or\s+\(b\)\s+", re.I)


# "If it is technically feasible, a provider of an encrypted relevant electronic service must ...": a qualifier of the
# duty opening the sentence (the qualifiers pass flags it), never a condition on which services
_LEADING_FEASIBLE = re.compile(
    SENTENCE_START + r"(?:if|where|when|so\s+far\s+as|insofar\s+as|in\s+so\s+far\s+as|to\s+the\s+extent\s+that)\s+"
    r"(?:it\s+is\s+|this\s+is\s+)?(?:reasonably\s+|technically\s+)?(?:feasible|practicable|possible|proportionate|appropriate)"
    r"(?:\s+(?:for\s+(?:it|them|the\s+provider)\s+)?to\s+(?:do\s+so|do\s+this|apply\s+(?:it|this\s+measure|the\s+measure)))?\s*,\s*"
    r"(?P<next>\w)", re.I)
# "with 700,000 monthly active UK users or more": the bound said after the count's noun, as after its number
_BOUND_LAST = re.compile(r"(\d[\d,]*(?:\.\d+)?(?:\s*(?:m|k|million|thousand)\b)?)\s+((?:monthly\s+)?(?:active\s+)?(?:uk\s+|united\s+kingdom\s+)?"
                         r"users?)\s+(or\s+(?:more|fewer|less|above|over))\b", re.I)


# "applies to participants in the section of the online industry to which it relates, namely providers of social media
# services, ...": a general description, then the services it means, which are whom it covers
# (only "namely" after words that name no service: "that is, services whose ..." restates services named before)
_NAMELY_WHO = re.compile(r"\b(appl(?:y|ies)\s+to)\s+(?:(?!services?\b|providers?\b)[^.;:]){3,160}?,?\s+namely,?\s+"
                         r"(?=(?:(?:the|a|an|all|any)\s+)?(?:providers?|services?|signator(?:y|ies))\b)", re.I)

# "An industry code registered under these Head Terms applies to ...": every such code, read as "This code applies to"
_EVERY_SUCH_CODE = re.compile(r"\b(?:an?|each|every|any)\s+(?:[\w-]+\s+){0,3}?(code|standard)\s+(?:registered|made|"
                              r"published|issued|adopted|approved)\s+(?:under|by|in)\s+[^.;,]{3,80}?\s+(?=appl(?:y|ies)\s+to\b)", re.I)

# "large encrypted messaging services" (read in ``plain_wording`` where the code has no feature for encryption of any kind)
_ENCRYPTED_MESSAGING = re.compile(r"\b(?:end-to-end\s+)?encrypted\s+(?:private\s+|direct\s+)?messaging\s+(services?|platforms?|apps?)\b", re.I)
# "These Head Terms apply to each of the following sections of the online industry: social media services; ...": the
# services listed (the words before the colon say no more)
_EACH_OF_FOLLOWING = re.compile(r"(?<=\bto\s)(?:each|every|any|all)\s+(?:one\s+)?of\s+the\s+following(?:\s+(?:sections?|categories|"
                                r"types|kinds|classes)\s+of\s+(?:the\s+)?(?:online\s+industry|services?|providers?))?\s*:", re.I)

# "Where users of a service can livestream, ...": the service's users, as "Where users can ..." says them
_USERS_OF_A_SERVICE = re.compile(r"\b(users|children|child\s+users|end-users)\s+of\s+(?:a|the|its|their|your|that)\s+service\s+"
                                 r"(?=(?:can|could|may|are\s+able)\b)", re.I)


# "If your service does use nudges, ...": the verb said with emphasis, said plainly ("uses nudges"; left, the feature's
# wording had not been found)
_DOES_DO = re.compile(r"\b(that|which|it|service|services|you|they)\s+(does|do)\s+(?!not\b)(use|offer|provide|allow|collect|share|"
                      r"process|profile|host|operate|enable|let)\b", re.I)


def _plain_verb(m: re.Match[str]) -> str:
    """"does use" as "uses", "do use" as "use" (``_DOES_DO``)."""
    ending = ("es" if m[3].endswith("s") else "s") if m[2].lower() == "does" else ""
    return f"{m[1]} {m[3]}{ending}"


# "... to every industry participant in each of the eight sections of the online industry covered by the codes": every
# service of the code (whose parts say which sections each covers); never sections named by anything but the codes that
# cover them ("... that has few users"), nor "other than a section for which an industry standard ... is in force"
_EVERY_SECTION = re.compile(
    r"\b(?:(?:(?:every|each|all|any)\s+)?(?:(?:industry\s+)?participants?|(?:service\s+)?providers?(?:\s+of\s+(?:a\s+)?services?(?:\s+or\s+"
    r"(?:a\s+)?devices?)?)?)\s+(?:in|across)\s+(?:a|every|each|all|any)|(?:every|each|all|any))\s+(?:(?:one\s+)?of\s+the\s+)?(?:eight\s+)?"
    r"sections?\s+of\s+the\s+online\s+industry(?:,?\s+(?:(?:for|to|in)\s+which|that|which|covered\s+by)\s+(?!an?\s+industry\s+standard)"
    r"[^,.;:]{0,100}?\bcodes?\b[^,.;:]{0,60}?)?(?:,?\s+and\s+(?:to\s+)?(?:each|every|all)\s+(?:service\s+)?providers?\s+in\s+(?:those|these)\s+sections)?"
    r"(?=\s*(?:[.;]|,\s*(?:whatever|regardless|irrespective|whether|from|wherever)\b|$))", re.I)
# "services whose terms of service do not prohibit one or more kinds of primary priority content, other than services whose
# principal purpose is the hosting or dissemination of such content": the content named last
_SUCH_CONTENT_PURPOSE = re.compile(r"\b((?:primary\s+)?priority\s+content)((?:(?!(?:primary\s+)?priority\s+content)[^.])*?\bprincipal\s+purpose\s+"
                                   r"is\s+(?:the\s+)?(?:hosting|dissemination|hosting\s+or\s+dissemination|hosting\s+or\s+disseminating|to\s+host\s+or\s+disseminate)\s+(?:of\s+)?)such\s+content\b", re.I)


def plain_wording(work: str, vocab: Vocabulary) -> str:
    """``work`` with the roundabout wordings above said plainly."""
    # "It does not apply in respect of a service to which PCU B3 applies": to that service
    work = re.sub(r"\b(does\s+not\s+apply|do\s+not\s+apply)\s+in\s+(?:respect|relation)\s+(?:of|to)\s+(?=(?:an?|any|services?)\s)", r"\1 to ", work,
                  flags=re.I)
    # "at medium or high risk of any one or more kinds of primary priority content": one or more of them
    work = re.sub(r"\bany\s+(?=(?:one|two)\s+or\s+more\s+(?:kinds?|of)\b)", "", work, flags=re.I)
    work = _DOES_DO.sub(_plain_verb, _EVERY_SECTION.sub("all services", work))
    # "services whose terms of service do not prohibit users under 18", "and its terms of service ...": the service's own
    work = re.sub(r"\b(?:(whose)|its|their|the)\s+terms\s+of\s+service\s+(?:do|does)\s+not\s+(?=(?:prohibit|bar|ban|exclude)\s+(?:users|anyone|"
                  r"people|children)\s+under\b)", lambda m: "that do not " if m[1] else "the service does not ", work, flags=re.I)
    work = _SUCH_CONTENT_PURPOSE.sub(r"\1\2\1", work)  # "... other than services whose principal purpose is ... such content"
    # "does not apply to Signatories in respect of models released under a free and open-source licence": to those models
    work = re.sub(r"\b(?:signatories|(?:a|any|each|every|the)\s+signatory)\s+in\s+respect\s+of\s+(?=(?:(?:a|an|any|each|every|their|its|"
                  r"the)\s+)?(?:general-purpose\s+ai\s+)?models?\b)", "", work, flags=re.I)
    work = _LEADING_FEASIBLE.sub(lambda m: m.group("next").upper(), work)
    work = _BOUND_LAST.sub(r"\1 \3 \2", work)
    work = _EITHER_LIMBS.sub(lambda m: f"either {m.group('a')} or ", work)
    work = _AS_ARE.sub(". So should ", work)
    work = _NOR_TO.sub(" or ", work)
    work = _USERS_OF_A_SERVICE.sub(r"\1 ", _SUBJECT_COMMA.sub("", work))
    work = _COMMA_OR_AND.sub(r"\1 \2 \3, or that \2 ", work)
    work = _BEFORE_DOING.sub("", _CONCESSION.sub("", signatories_before_placing(work)))
    work = _NOT_ONLY_BUT.sub(lambda m: f"applies to {m.group('a')}, and to ", _EXCEPT_TO.sub("applies only ", work))
    work = whom_said_plainly(_PURPOSE.sub("", work))
    work = _EACH_OF_FOLLOWING.sub("", plain_risk_levels(work))
    work = plain_feature_phrasing(plain_releases(verbs_over_lists(work)))
    # "at medium or high risk of hate, of harassment, or of both", "that are large, multi-risk, or both": either, and "or"
    # already takes in both (the list's last comma becomes that "or")
    work = _OR_BOTH.sub(_either, work)
    # "a Tier 1 or 2 social media service": each tier named in full
    work = re.sub(r"\b(tier)\s+(\d)\s*(,|or|and|and/or)\s*(\d)\b", r"\1 \2 \3 \1 \4", work, flags=re.I)
    work = plain_service_wording(rejoin_broken_words(work, lexicon_for(vocab).words))
    if "encryption" not in vocab.features:
        # "large encrypted messaging services": services with messaging, that messaging end-to-end encrypted (a code with
        # a feature for encryption of any kind, eSafety's, reads the words as they are)
        work = _ENCRYPTED_MESSAGING.sub(r"\1 that have direct messaging and are end-to-end encrypted", work)
    # "a relevant electronic service if the service is a dating service", "a social media service if: (a) ...":
    # a condition on the service just named, as "where" would set it
    work = _IF_ON_SERVICE.sub(r"\1 where", work)
    # "..., unless the service is a pre-assessed service": an exception where the service is so
    work = _UNLESS_SERVICE.sub("except where ", work)
    work = _NEED_NOT_APPLY_TO.sub(r"\g<label>This measure does not apply to ", work)
    work = _APPLIES_TO_ONLY_IF.sub(r"\g<label>In the case of \g<who>, this measure applies only \g<cond>", work)
    # "one or more kinds of priority content, namely abuse and hate content, bullying content and violent content": the
    # kinds listed, any of which will do
    work = _NAMELY.sub(r"\1 of the following \2 of \3: ", work)
    work = _NAMELY_WHO.sub(r"\1 ", work)
    work = _EVERY_SUCH_CODE.sub(r"This \1 ", work)
    # "applies to 'hosting services'": a term in plain quotes, read as its words (curly quotes are cleaned earlier)
    work = re.sub(r"(?<![\w'])'((?:[\w-]+\s+){0,5}[\w-]+)'(?![\w'])", r"\1", work)
    # "'hosting services' - but only those that host ...", "large services, but only those which ...": the group
    # narrowed, not a second group
    work = _BUT_ONLY_THOSE.sub(r"\g<quote> \g<rel>", work)
    # "It also applies to smaller services, but only where they are at high risk of fraud": the group narrowed; "..., but to
    # providers of vertical search services only where they are large": those left out of the first group, then a group
    work = _BUT_TO_ONLY.sub(lambda m: f", other than {m['x']}, and to providers of {m['x']} that ", _BUT_ONLY_WHERE.sub(" that ", work))
    # consultation wording: "We propose that this measure should apply to ...", "We propose to apply this measure to
    # ...", "Note: this measure applies only to ...": the statement of scope, without its frame
    work = without_proposal_frame(work)
    # "general and vertical search services": the head written once for both types
    work = re.sub(r"\b(general|vertical) (and|or) (vertical|general) search\b", r"\1 search \2 \3 search", work, flags=re.I)
    return work


# "This standard applies to you whatever your size", "It applies regardless of ...", "this standard applies to you":
# a sentence that says the measure covers every service (of the code), which the ignore list then drops as saying
# nothing narrower; when nothing else is said, it is the scope
_AFFIRMS_ALL = re.compile(
    r"\b(?:this|it|the)(?:\s+(?:measure|standard|commitment|requirement|section|code))?\s+(?:still\s+)?applies"
    r"(?:\s+to\s+(?:you|them|it|organisations\s+of\s+every\s+size|(?:all|every|each)\s+[\w\s-]{0,40}?))?\s*"
    r"(?:[.;]|$|,?\s*(?:whether|regardless|irrespective|however|whatever|both\s+where|in\s+all\s+cases)\b)", re.I)


def affirms_every_service(text: str) -> bool:
    """Does ``text`` say, in a sentence of its own, that the measure covers every service?"""
    return _AFFIRMS_ALL.search(text) is not None


_OPENING_EXCEPTION = re.compile(r"^((?:except|save)\s+(?:where|if|when|for)\s+[^,]{1,200}),\s*(.+?)[\s.]*$", re.I | re.S)
_FRONTED_EXCEPTION = re.compile(
    r"^((?:this|the)\s+measure\s+(?:only\s+)?applies),\s*((?:save|except|other\s+than|unless)\b[^,]{1,200}),\s*((?:only\s+)?to\b.+?)[\s.]*$",
    re.I | re.S)


def exception_last(sentence: str) -> str:
    """An exception written before the services, moved after them, where the grammar reads it: "This measure
    applies, save where the service is X, to providers of Y" and "Except where the service is an enterprise
    service, a provider of X must ..." """
    return _OPENING_EXCEPTION.sub(r"\2, \1", _FRONTED_EXCEPTION.sub(r"\1 \3, \2", sentence))


# "Where the service is end-to-end encrypted, the provider is not expected to apply this measure to private
# communications", "This measure does not apply to content communicated privately": which content the measure
# covers, not which services (read without its object, the first said that no service is covered)
_PRIVATE = (r"(?:private\s+(?:communications|messages|messaging|content)|content\s+(?:that\s+is\s+|which\s+is\s+)?communicated\s+privately"
            r"|privately[- ]communicated\s+content|content\s+(?:that|which)\s+(?:users|they|people)\s+communicate\s+privately"
            # "... are not expected to apply this measure to encrypted messages": the encrypted content, not the service
            # (never "encrypted messaging services", which are services)
            r"|(?:end-to-end\s+)?encrypted\s+(?:messages|communications|content|messaging|conversations)(?!\s+(?:services?|platforms?|apps?|providers?)\b)"
            r"|(?:messages|communications|content)\s+(?:that|which)\s+(?:is|are)\s+end-to-end\s+encrypted"
            r"|messages\s+sent\s+(?:using|through|via|by\s+means\s+of)\s+(?:an?\s+|the\s+)?(?:end-to-end\s+)?encrypted\s+[\w\s-]{0,40}?(?=[.;,]|$))")
_NOT_TO_PRIVATE = re.compile(
    SENTENCE_START + r"(?:(?:where|if|when)\s+[^,.;]{1,160},\s*)?(?:(?:the|a|each|every)\s+)?(?:providers?(?:\s+of\s+[^,.;]{1,120}?)?|it|they|"
    r"this\s+measure|the\s+measure)\s+"
    r"(?:(?:is|are)\s+not\s+(?:expected|required|obliged)\s+to|need\s+not|do(?:es)?\s+not\s+(?:need|have)\s+to|should\s+not)\s+apply\s+"
    rf"(?:this|the|it)(?:\s+measure)?\s+(?:to|in\s+relation\s+to|in\s+respect\s+of)\s+{_PRIVATE}\b[^.;]*"
    rf"|{SENTENCE_START}(?:(?:this|the)\s+measure|it)\s+do(?:es)?\s+not\s+apply\s+(?:to|in\s+relation\s+to|in\s+respect\s+of)\s+{_PRIVATE}\b[^.;]*"
    # ("C11.3 Nothing in this measure applies to content in private or encrypted messages, and nothing requires ...")
    rf"|{SENTENCE_START}(?:{PARAGRAPH_LABEL})?nothing\s+in\s+(?:this|the)\s+measure\s+applies\s+to\s+(?:content\s+in\s+)?(?:private\s+or\s+)?"
    rf"{_PRIVATE}\b[^.;]*",
    re.I)
# "The provider should apply this measure to private messages only where it is technically feasible to do so": a
# qualifier of the duty for that content (the qualifiers pass flags it), nothing of whom
_PRIVATE_IF_FEASIBLE = re.compile(
    SENTENCE_START + r"(?:(?:the|a|each|every)\s+)?providers?\s+(?:should|must|shall|(?:is|are)\s+expected\s+to)\s+apply\s+(?:this|the)\s+"
    rf"measure\s+to\s+{_PRIVATE}\s+only\s+(?:where|if|when|to\s+the\s+extent\s+that|so\s+far\s+as)\s+(?:it\s+is\s+)?(?:technically\s+|reasonably\s+)?"
    r"(?:feasible|practicable|possible)[^.;]*[.;]?", re.I)


# "It does not apply to comments", "This measure applies only to livestreams": which things on a service the duty
# reaches, not which services (read as a feature, "comments" had exempted every service that allows commenting)
_CONTENT_NOUNS = (r"(?:comments?|posts?|(?:direct\s+|private\s+|encrypted\s+)?messages?|livestreams?|livestreamed\s+content|videos?|images?|"
                  r"(?:search\s+)?results(?:\s+returned\s+in\s+(?:every|each|any|all)\s+formats?)?|(?:user\s+)?profiles?|accounts?|(?:[\w-]+\s+){0,2}?content|(?:[\w-]+\s+){0,2}?material|"
                  r"(?:[\w-]+\s+){0,2}?communications|(?:group\s+)?chats?|stories)")
_TO_CONTENT = re.compile(
    SENTENCE_START + r"(?:(?:it|(?:this|the)\s+(?:measure|standard|section))\s+(?:(?:does|shall)\s+not\s+apply|(?:only\s+)?applies(?:\s+only)?)"
    # ("They should apply it to results returned in every format": the duty's reach, said of its readers)
    r"|(?:(?:where|if|when|so\s+far\s+as)\s+(?:it\s+is\s+)?(?:technically\s+|reasonably\s+)?(?:feasible|practicable|possible),\s+)?"
    r"(?:they|providers?|the\s+provider)\s+(?:should|must|shall)\s+(?:also\s+)?apply\s+(?:it|this\s+measure|the\s+measure))\s+"
    rf"(?:only\s+)?(?:to|in\s+relation\s+to|in\s+respect\s+of)\s+(?:the\s+|any\s+|all\s+)?{_CONTENT_NOUNS}\b"
    r"(?![^.;]*\b(?:services?|providers?|platforms?|models?|signator\w*)\b)[^.;]*[.;]?", re.I)


# "..., except that it does not apply to messages that are end-to-end encrypted": the same carve-out of content, set in
# the sentence that states whom; "..., except that it does not apply to end-to-end encrypted services": a sentence of
# its own that takes services out (read inside the first, the services had been joined to it)
_EXCEPT_THAT = re.compile(r",\s*(?:except|save)\s+that\s+(?:it|this\s+measure|the\s+measure)\s+(?=(?:does|do)\s+not\s+apply\b|"
                          r"(?:is|are)\s+not\s+(?:required|recommended|expected)\b|need\s+not\b)", re.I)


def content_only(text: str) -> str:
    """``text`` with sentences about which content the measure covers said as the content scope they are (private
    content), or taken out where they say nothing of which services (comments, livestreams)."""
    text = _EXCEPT_THAT.sub(". This measure ", text)
    text = signatories_first(_NOT_TO_PRIVATE.sub("This measure applies only in relation to content communicated publicly", text))
    text = _TO_CONTENT.sub(_content_said, text)
    return _PRIVATE_IF_FEASIBLE.sub(" ", text)


# (content communicated publicly or privately: the content scope itself, read as such by the scope patterns)
_SCOPE_WORDS = re.compile(r"\b(?:publicly|privately|private\s+communications)\b", re.I)


def _content_said(m: re.Match[str]) -> str:
    """A sentence about which content the duty reaches: kept where it is the content scope itself ("content
    communicated publicly"), said as that scope where it takes private content out ("It does not apply to content in
    private messages"), otherwise taken out (it says nothing of which services)."""
    words = m.group(0)
    if _SCOPE_WORDS.search(words):
        return words
    if re.search(r"\bnot\b", words, re.I) and re.search(r"\bprivate\b", words, re.I):
        return "This measure applies only in relation to content communicated publicly."
    return " "
