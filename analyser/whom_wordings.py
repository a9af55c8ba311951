"""Wordings that say whom a measure covers in a roundabout way, said as the grammar reads them: a participle ("a model
treated as similarly safe"), a condition on what users can do ("applies if children can make purchases ..."), a duty
run on after the statement of whom ("applies to X, and requires the provider to ..."), "one" for a service of the class
just named ("other than one that only distributes its own apps"), the service named after what its users can do
("where end-users can hold accounts with an internet search engine service"), what the services let out must still
do ("..., though you still need safeguards for it"), which says nothing of whom, "services with a large user base",
the Signatories named before a colon and their duty after it ("Signatories that ...: they will ..."), and "When
crawling, Signatories will ..." (the Signatories that crawl), and the kind of search service as a predicate ("a search
service is large and general"), and general search services said by what they do ("search services that index the
whole web"), a duty said as a relative clause ("..., who should ..."), what community standards are about and whose
they are, "providers in scope", "a provider whose search service is ...", "if you X and you Y" and "on your service", a duty
run on after whom ("..., and the provider should ..."), "A Signatory is not bound by this Commitment as regards a model
...", "Where a model with systemic risk is ...", a duty for "any private messaging part of the service", "to which
either PCU E1 or PCU E2 applies", the lettered items "in each case" governs ("(a) X; or (b) Y, in each case other than
Z"), what a duty is about or for ("in each case so that ...", "in relation to search requests ...", "Where it is needed
to ..."), a second release ("Nor need a Signatory whose ..."), "prohibit every kind of priority content", "at least one
kind", the Act's "significant number of UK users", where age assurance works ("or the part of it on which ..."), and
the ICO code's own scope said of the reader ("if you provide an online product or service that children are likely to
use").

Why its own module: each is a small rewrite of the text before the openings read it, found first in codes that are not
Ofcom's and since in Ofcom's too; kept apart from ``application_rewrites`` (the older, Ofcom-shaped rewrites) so that
both stay small.
"""

from __future__ import annotations

import re

from .application_text import USERS

# "a model treated as similarly safe or safer": the participle said as the relative clause the grammar reads
_TREATED_AS = re.compile(r"\b(an?\s+(?:[\w-]+\s+)?(?:model|service))\s+(?=(?:treated|regarded|considered|deemed|classed)\s+as\b)", re.I)
# "services aimed at children under 13", "services designed for younger children": whom the services are for, said as a
# participle straight after them (left, the words had not been read)
_AIMED_AT = re.compile(r"\b(services|(?:an?|any)\s+(?:[\w-]+\s+)?service)\s+(?=(?:aimed|designed|intended|targeted|directed)\s+(?:at|for)\b)", re.I)
# "This standard applies if children can make purchases inside your service": services where they can
_APPLIES_IF_USERS_CAN = re.compile(rf"\b(appl(?:y|ies)\s+(?:only\s+)?)(?:if|where|when)\s+(?={USERS}\s+(?:can|are\s+able\s+to|is\s+able\s+to)\b)",
                                   re.I)
# "This section applies to X, and requires the provider to ...": what it requires is the duty, a sentence of its own
# ("... applies to search services that are large, or are multi-risk, and asks them to set ...")
_AND_REQUIRES = re.compile(r"(\bappl(?:y|ies)\s+(?:only\s+)?to\s+[^.;]{3,200}?),\s+and\s+(?:requires?|asks?|expects?|sets?(?:\s+out)?|"
                           r"deals?\s+with|describes?|explains?)\s+"
                           r"(?:(?P<provider>(?:the|its|their)\s+providers?|them)\s+to\s+)?", re.I)
# "This measure applies to providers of large services, and the provider should keep a protocol ...", "... in respect of
# each service it provides - the provider should ...": the duty run on after whom, a sentence of its own
_AND_THE_PROVIDER = re.compile(r"(\bappl(?:y|ies)\s+(?:only\s+)?to\s+[^.;:]{3,200}?),\s+(?:and\s+)?(?P<who>(?:the|its|their|such|those|these)\s+providers?)\s+"
                               r"(?=(?:should|must|shall|will)\b)", re.I)
# "MCM 12 applies only to Tier 3 social media services: the provider must name ...": the duty after a colon
# ("ICU C3 applies to providers of multi-risk services and of large services: such providers should ...")
# ("ICS A6 is recommended for large general search services: staff should follow ...", "...: users should be able to
# report ...": whoever the duty's subject is, up to fourteen words before its verb)
_COLON_DUTY = re.compile(r"(\b(?:appl(?:y|ies)\s+(?:only\s+)?to|(?:is|are)\s+(?:only\s+)?(?:recommended\s+)?for)\s+[^.;:]{3,200}?):\s+"
                         r"(?P<subject>(?:[\w'\u2019-]+\s+){1,14}?(?:must|should|shall|will)\b)", re.I)
# "Signatories that produce one Model Report for several models: they will state ...", "... every Signatory to which
# Measure 1.3 applies: such a Signatory will publish ...": the Signatories named, then their duty (read whole, the duty
# had been taken for part of the class)
# ("ICS A4 is for providers of large general search services that are also multi-risk: they should ...")
_THEY_WILL_AFTER_COLON = re.compile(r"(?P<lead>\b(?:(?:is|are)\s+(?:only\s+)?for|appl(?:y|ies)\s+(?:only\s+)?to|concerns?(?:\s+only)?)\s+(?:every\s+|all\s+|those\s+)?)?"
                                    r"(\b(?:signator(?:y|ies)\s+(?:that|which|who|whose|to\s+which)|(?<=for\s)providers\s+of)\s+(?:[^.;:]|\.(?=\d)){3,200}?):\s+(?:in\s+(?:those|these|that|such)\s+"
                                    r"[\w-]+(?:\s+[\w-]+)?,?\s+)?(?:they|it|such\s+(?:a\s+)?signator(?:y|ies))\s+(?=(?:will|shall|must|should)\b)", re.I)
# "When crawling the web for training data, Signatories will ...", "When they crawl the web, ...": the Signatories that crawl
_WHEN_CRAWLING = re.compile(r"(^\W*(?:\(\w{1,4}\)\s*)?|(?<=[.;:]\s))(?:when|while|whenever)\s+(?:crawling|they\s+crawl)(?:\s+the\s+(?:world\s+wide\s+)?web)?(?:\s+for\s+(?:training\s+)?data)?,\s+"
                            r"signatories\s+(?=(?:will|shall|must|should)\b)", re.I)
# "Where a search service is large and general, ...": the kind of search service said as a predicate, as the grammar
# reads it ("a large general search service")
_SEARCH_TYPE_PREDICATE = re.compile(r"(\bsearch\s+services?\s+(?:that\s+|which\s+)?)(?P<verb>is|are)\s+(?:(?P<size>large|small)\s+and\s+)?"
                                    r"(?P<type>general|vertical)(?:\s+and\s+(?P<size2>large|small))?\b(?!\s+(?:search|purpose|public)\b)", re.I)


def _search_type(m: re.Match[str]) -> str:
    size = m["size"] or m["size2"] or ""
    noun = "search service" if m["verb"].lower() == "is" else "search services"
    article = "a " if m["verb"].lower() == "is" else ""
    return f"{m.group(1)}{m['verb']} {article}{size + ' ' if size else ''}{m['type']} {noun}"


# "services with a large user base": large services, said after the noun
_LARGE_USER_BASE = re.compile(r"\b(services?)\s+with\s+a\s+large\s+(?:uk\s+)?(?:user\s+base|number\s+of\s+(?:uk\s+)?users)\b", re.I)
# "This Measure applies only to models placed on the market before 2 August 2025, whose providers will send ...": the duty
# after the class, a sentence of its own
_WHOSE_PROVIDERS_WILL = re.compile(r",\s+whose\s+providers?\s+(?=(?:will|must|should|shall)\s)", re.I)
# "This measure applies to providers of large search services, who should train ...": the duty of those just named, said
# as a relative clause; read as the duty's own sentence ("The provider should ..."), never as a condition on them
# (after the class: its noun, or its user numbers, "... with above 7 million UK users a month, who should ..."; never
# "..., each time they post, who will be able to see it")
_WHO_SHOULD = re.compile(r"(?:(?<=services)|(?<=providers)|(?<=provider)|(?<=service)|(?<=users)|(?<=month)|(?<=year)),\s+who\s+"
                         r"(?=(?:should|must|shall|are\s+(?:expected|required)\s+to)\b)", re.I)
# "search services that index the whole of the web, rather than selected sites", "... that search the web generally":
# general search services, said by what they do
_WHOLE_WEB = re.compile(r"\b(search\s+(?:services?|engines?))\s+(?:that|which)\s+(?:(?:index|search|crawl|cover)(?:es|s)?\s+the\s+"
                        r"(?:whole|entire)\s+(?:of\s+the\s+)?(?:web|internet)(?:\s+generally)?|search(?:es)?\s+the\s+(?:web|internet)\s+"
                        r"generally)(?:\s*,?\s+rather\s+than\s+(?:selected|particular|specific|chosen)\s+(?:web)?sites)?\b", re.I)
# "terms, policies or community standards setting out how users may behave", "your own community standards": what such
# standards are about, which every set of them is, and whose they are
_RULES_ABOUT = re.compile(r"(\bcommunity\s+standards|\bhouse\s+rules)\s+(?:about|on|setting\s+out|(?:that|which)\s+set\s+out|covering|"
                          r"governing)\s+(?:what|how|the\s+(?:behaviour|conduct|content))\b(?:(?!\s(?:and|but|which|where|if|unless)\s)[^.;,])*", re.I)
_YOUR_OWN_RULES = re.compile(r"\b(publish(?:es)?)\s+(?:your|its|their)\s+own\s+(?=terms|community\s+standards|house\s+rules|policies)", re.I)
# "A provider whose search service is large ...": the service the code is about, as "whose service" says it
_WHOSE_KIND_OF_SERVICE = re.compile(r"\b(whose)\s+(?:search|user-to-user|u2u|regulated|online)\s+(?=services?\s+(?:is|are|has|have)\b)", re.I)
# "If you publish community standards and you rely on user reports to uphold them, ...": the reader said once, as the
# condition's second limb reads ("and rely on ...")
_AND_YOU_AGAIN = re.compile(r"\b((?:if|where|when|unless)\s+you\s+[^.;]{3,160}?)\s+(and|or)\s+you\s+"
                            r"(?!(?:should|must|shall|will|may|need|can)\b)", re.I)
# "where children can send private messages on your service", "... in your game": the reader's own service, as "on the
# service" says it
_ON_YOUR_SERVICE = re.compile(r"\b(?:on|in|through|within)\s+your\s+(?:online\s+)?(?:service|platform|app|game|site|website)\b", re.I)
# "Every provider in scope should ...": the providers the code covers, every reader
_IN_SCOPE = re.compile(r"(?:(?<=\bprovider)|(?<=\bproviders)|(?<=\bservice)|(?<=\bservices))\s+(?:in|within)\s+(?:the\s+)?scope"
                       r"(?:\s+of\s+(?:this|the)\s+code)?(?=\s+(?:should|must|shall|will|is|are)\b)", re.I)
# "..., other than one that only distributes its own apps": "one" is a service of the class just named
_EXCEPT_ONE = re.compile(r"\b(other\s+than|except(?:\s+for)?|excluding|save\s+for)\s+one\s+(?=(?:that|which|whose|assessed|rated)\b)", re.I)
# "Where end-users can hold accounts with an internet search engine service, ...": the service, then what it allows
_ACCOUNTS_WITH = re.compile(r"\b(where|if|when)\s+(?P<who>(?:australian\s+)?(?:end-?\s?users|users|children|child\s+users))\s+(?:can|are\s+able\s+to)\s+"
                            r"hold\s+accounts\s+(?:with|on)\s+(?P<svc>an?\s+(?:[\w-]+\s+){0,4}?service)\b(?!\s*,\s*(?:an?\s+)?(?:[\w-]+\s+){0,3}?services?\b|\s+(?:or|and)\b)", re.I)
# "..., though you still need safeguards for it": what the services let out must still do, never whom
_STILL_TO_DO = re.compile(r",\s*(?:though|although|but)\s+(?:you|it|they)\s+(?:still\s+(?:need|needs|must|should|have|has)|(?:must|should|will)\s+still)\b[^.;]*", re.I)


def _general_search(m: re.Match[str]) -> str:
    before = m.string[:m.start()].rstrip()
    return "General search services" if not before or before.endswith((".", ";", ":")) else "general search services"


# "unless PCU B1 applies to the service", "except where ICU C9 applies to that service": the service said as "it", as
# "unless PCU B1 applies to it" is read (left, "to the service" had made the exception unclear)
_MEASURE_APPLIES_TO_THE_SERVICE = re.compile(r"\b(?P<id>[A-Z]{2,5}\s+[A-Z]\d{1,3}[A-Za-z]?\s+(?:also\s+)?appl(?:y|ies)\s+to)\s+"
                                             r"(?:the|that|this|its|such\s+a)\s+service\b")


# "A Signatory is not bound by this Commitment as regards a model it releases under ...": the Commitment does not apply to
# those models (read with "A Signatory" as the class, the models had been dropped and every Signatory let out)
_NOT_BOUND_AS_REGARDS = re.compile(r"\b(?:signatories|(?:a|any|each|every|the)\s+signatory)\s+(?:is|are)\s+not\s+bound\s+by\s+(this|the)\s+"
                                   r"(commitment|measure|chapter|section)\s+(?:as\s+regards|in\s+respect\s+of|with\s+respect\s+to|in\s+relation\s+to|for)\s+"
                                   r"(?=(?:(?:a|an|any|each|every|their|its|the)\s+)?(?:general-purpose\s+ai\s+)?models?\b)", re.I)
# "Where a model with systemic risk is offered through an API, Signatories will ...": where the model has systemic risk and
# is offered so, as the opening for "Where the model is ..." reads it
_MODEL_WITH_RISK_IS = re.compile(r"(?:^|(?<=[.;]\s))((?:if|where|when|once)\s+)(?:a|the|their|its)\s+model\s+with\s+systemic\s+risk\s+(?=(?:is|has|was|are)\s)", re.I)
# "A provider of a Tier 1 social media service must, in respect of any private messaging part of the service, enable ...":
# the duty is for the part, which only a service with it has (passed over, every such service had been bound)
_FOR_A_PART = re.compile(r"\b(services?)\s+(must|should|shall|will),\s+in\s+respect\s+of\s+(?:any|the|its)\s+(?P<part>[\w\s-]{3,40}?)\s+"
                         r"parts?\s+of\s+(?:the|its|that)\s+service,\s+", re.I)
# "services to which either PCU E1 or PCU E2 applies": either measure, as "to which PCU E1 or PCU E2 applies" is read
_EITHER_MEASURE = re.compile(r"\b(to\s+which)\s+either\s+(?=[A-Z]{2,5}\s+[A-Z]\d{1,3}[A-Za-z]?\s+or\s+[A-Z]{2,5}\s+[A-Z]\d)")


# "(a) a dating service; or (b) a gaming service ..., in each case other than an enterprise service": the items of one
# sentence, which "in each case" says the exception is of, joined as prose (after the semicolons, ", other than" had
# been read as the last item's alone, and every enterprise dating service bound with confidence)
# ("in each case" before an exception: written once here, for ``application_rewrites`` too, which reads it in prose)
EACH_CASE_BEFORE_EXCEPTION = (r",?\s+in\s+(?:each|every|either|both|all)\s+(?:such\s+)?cases?\s*,?\s+"
                              r"(?=other\s+than\b|except\b|excluding\b|save\b|but\s+not\b|unless\b)")
_ITEMS_THEN_EACH_CASE = re.compile(r"(?P<items>(?<![\w)])\((?:a|i|1)\)[^.]{3,600}?;[^.]{3,400}?)" + EACH_CASE_BEFORE_EXCEPTION, re.I)


# "Where it is needed to assess or reduce systemic risks, Signatories providing ... will publish ...": why the duty is owed,
# which says nothing of whom (left, the sentence had not been read; never words with a condition or a class of their own)
_WHERE_NEEDED = re.compile(r"(^\W*|(?<=[.;:]\s))(?:where|if|when|so\s+far\s+as)\s+(?:it\s+is|this\s+is)\s+(?:needed|necessary|required)\s+"
                           r"(?:to|for)\s+(?:(?!\b(?:where|if|when|unless|except|services?|models?\s+(?:with|that|which|whose))\b)[^,.;]){3,120},\s+"
                           r"(?=(?:signatories|providers|the\s+(?:provider|signatory)|you)\b)", re.I)


# "services whose terms of service prohibit every kind of primary priority content": services that do not allow it, as the
# feature's own wording says (left, the words had not been read)
_PROHIBIT_EVERY_KIND = re.compile(r"\b(?:whose\s+terms(?:\s+of\s+service)?|that|which)\s+(?:(?:already|expressly)\s+)?prohibits?\s+"
                                  r"(?:all|every|each)\s+(?:of\s+the\s+)?kinds?\s+of\s+(?P<primary>primary\s+)?prior\s?ity\s+content\b", re.I)


# "large services and multi-risk services, in each case so that the moderation function is resourced ...": why, never whom
# (a plain ", so that ..." is dropped before these rewrites; "in each case" had kept it; never past a condition of its own)
_EACH_CASE_PURPOSE = re.compile(r",?\s+in\s+(?:each|every|either|both)\s+(?:such\s+)?cases?\s*,?\s+(?:so\s+that|in\s+order\s+(?:that|to))\b"
                                r"(?:(?!\b(?:where|if|when|unless|provided|except|excluding|other\s+than|services?|platforms?)\b)[^.;])*?"
                                r"(?=[.;]|,\s+(?:and\s+)?(?:if|where|unless|provided|except|other\s+than)\b|$)"
                                # (what is left once the purpose itself is gone: "..., in each case.")
                                r"|,?\s+in\s+(?:each|every|either|both)\s+(?:such\s+)?cases?\s*,?\s*(?=[.;]|$)", re.I)
# "..., in each case in relation to content that is reported ...", "large general search services, in relation to search
# requests which seek ...": the content or requests the duty is about, never whom (content communicated publicly or
# privately is the content scope, read as such elsewhere; never past a condition or services of its own, "... in relation
# to content users report where the service has direct messaging", whose condition had been dropped)
_ABOUT_CONTENT = re.compile(r"(?<=services)\s*,?\s+(?:in\s+(?:each|every|either|both)\s+(?:such\s+)?cases?\s*,?\s+)?in\s+(?:relation|respect)\s+(?:to|of)\s+"
                            r"(?:(?:the|any|all|such)\s+)?(?:content|search\s+requests?|searches|search\s+queries|queries|reports|complaints)\b"
                            r"(?![^.;]*\b(?:publicly|privately)\b)(?:(?!\b(?:where|if|when|unless|provided|except|excluding|other\s+than|"
                            r"services?|platforms?)\b)[^.;])*?(?=\s*(?:[.;]|,\s+(?:and\s+)?(?:the\s+provider|providers|if|where|unless|"
                            r"provided|except|other\s+than)\b|$))", re.I)


# "SMEs and SMCs need not publish. Nor need a Signatory whose model is treated as similarly safe.": a second release of
# the same duty, said as the first (left, the sentence had not been read)
_NOR_NEED = re.compile(r"(?:^|(?<=[.;]\s))(?:nor|neither)\s+(?:need|needs|does|do|is|are)\s+(?=(?:(?:a|an|any|the)\s+(?:signatory|provider)|signatories|providers)\s+"
                       r"(?:whose|that|which|who|with)\b)", re.I)


# "services whose terms of service do not prohibit at least one kind of primary priority content": one or more kinds, as
# the feature's wording says
_AT_LEAST_ONE_KIND = re.compile(r"\b(prohibits?\s+)(?:at\s+least|any)\s+one\s+kind\s+of\s+(?=(?:primary\s+)?priority\s+content\b)", re.I)
# "general search services with a significant number of UK users": the Act's link with the UK, which every service the
# code covers has (never a size)
_SIGNIFICANT_NUMBER = re.compile(r",?\s+with\s+a\s+significant\s+number\s+of\s+(?:uk\s+)?users(?:\s+in\s+the\s+uk)?\b", re.I)


# "... unless the provider uses highly effective age assurance to keep children from the service, or the part of it on which
# that content may be encountered": the part is where the age assurance works, which says no more of whom than it does
# (up to a condition or exception of the sentence's own, which stays)
_OR_THE_PART_OF_IT = re.compile(r"(\bage\s+(?:assurance|checks?|verification)\b[^.;]*?),\s+or\s+(?:to\s+|from\s+)?the\s+parts?\s+of\s+it\s+"
                                r"(?:on|in|where|through)\b(?:(?!,?\s+(?:where|if|when|unless|provided|except|excluding|other\s+than)\b)[^.;])*", re.I)
# "where the provider already uses highly effective age assurance": "already" says when, never whom
_ALREADY = re.compile(r"\b(?:already)\s+(?=(?:uses?|has|have|applies|apply|deploys?|prohibits?|operates?)\b)", re.I)

# "This code applies to you if you provide an online product or service that children are likely to use", "... if you
# offer an app, a website, a game or a connected toy that children are likely to access, whether that is ...": the
# service the reader provides, named by example, that children are likely to use: the code's own scope said of the reader
# (the examples are kinds of online service, never features that narrow it; left, the sentence had not been understood).
# Only where a service is named as such among them: "an online game that children are likely to use" is a game
_YOU_PROVIDE_WHAT_CHILDREN_USE = re.compile(
    r"\b(if|when|where)\s+you\s+(?:provide|offer|run|operate|make\s+available)\s+"
    r"(?=(?:(?!\b(?:that|which|who)\b)[^.;:]){0,120}?\b(?:online\s+(?:products?|services?)|products?\s+or\s+services?|apps?|websites?)\b)"
    r"(?:(?!\b(?:that|which|who|if|where|unless|only|except|not|without|with|whose)\b)[^.;:]){3,200}?,?\s+(?:(?:that|which)\s+)?"
    r"(?:(?:a\s+child|children)(?:\s+in\s+the\s+uk)?\s+(?:is|are)\s+likely\s+to\s+(?:use|access)|(?:is|are)\s+likely\s+to\s+be\s+"
    r"(?:used|accessed)\s+by\s+children)(?:\s+in\s+practice)?"
    r"(?:,\s+(?:whether\s+(?:that|it)\s+is\s+)?(?:(?!\b(?:that|which|who|if|where|unless|only|except|not|without|with|whose|but)\b)"
    r"[^.;:]){3,200}?(?=\s*[.;]|$))?", re.I)


def _items_as_prose(m: re.Match[str]) -> str:
    items = re.sub(r"\s*;\s*(?:(and|or)\s+)?", lambda s: f" {s[1]} " if s[1] else ", ", m["items"])
    # (without their labels, which would cut the items apart again, the last keeping the exception)
    return re.sub(r"(?<![\w)])\((?:[a-h]|i{1,3}|iv|v|\d)\)\s*", "", items) + ", in each case "


def whom_said_plainly(work: str) -> str:
    """``work`` with the wordings above said plainly."""
    work = _WHERE_NEEDED.sub(lambda m: m[1], _ITEMS_THEN_EACH_CASE.sub(_items_as_prose, work))
    work = _ABOUT_CONTENT.sub("", _EACH_CASE_PURPOSE.sub("", work))
    work = _NOR_NEED.sub("This does not apply to ", work)
    work = _SIGNIFICANT_NUMBER.sub("", _AT_LEAST_ONE_KIND.sub(r"\1one or more kinds of ", work))
    work = _ALREADY.sub("", _OR_THE_PART_OF_IT.sub(r"\1", work))
    work = _YOU_PROVIDE_WHAT_CHILDREN_USE.sub(r"\1 your service is likely to be accessed by children", work)
    # (the words may still be broken across a line, "prior ity", which are rejoined only later)
    work = _PROHIBIT_EVERY_KIND.sub(lambda m: f"that do not allow {'primary ' if m['primary'] else ''}priority content", work)
    work = _FOR_A_PART.sub(lambda m: f"{m[1]} that has {m['part']} {m[2]} ", work)
    work = _MODEL_WITH_RISK_IS.sub(r"\1the model has systemic risk and ", work)
    work = _NOT_BOUND_AS_REGARDS.sub(r"\1 \2 does not apply to ", work)
    work = _EITHER_MEASURE.sub(r"\1 ", _MEASURE_APPLIES_TO_THE_SERVICE.sub(r"\g<id> it", work))
    work = _AIMED_AT.sub(lambda m: f"{m[1]} that {'are' if m[1].lower() == 'services' else 'is'} ", work)
    work = _TREATED_AS.sub(r"\1 that is ", _STILL_TO_DO.sub("", _LARGE_USER_BASE.sub(r"large \1", work)))
    work = _WHOLE_WEB.sub(_general_search, _WHO_SHOULD.sub(". The provider ", work))
    work = _IN_SCOPE.sub("", _YOUR_OWN_RULES.sub(r"\1 ", _RULES_ABOUT.sub(r"\1", work)))
    work = _AND_YOU_AGAIN.sub(r"\1 \2 ", _WHOSE_KIND_OF_SERVICE.sub(r"\1 ", _ON_YOUR_SERVICE.sub("on the service", work)))
    work = _SEARCH_TYPE_PREDICATE.sub(_search_type, work)
    # (after "is for" or "applies to", the class ends the sentence that says whom and the duty is a sentence of its own)
    work = _THEY_WILL_AFTER_COLON.sub(lambda m: f"{m['lead']}{m[2]}. They " if m["lead"] else f"{m[2]} ",
                                      _WHEN_CRAWLING.sub(r"\1Signatories that crawl the web ", work))
    work = _AND_THE_PROVIDER.sub(lambda m: f"{m[1]}. {m['who'][:1].upper()}{m['who'][1:]} ", work)
    work = _AND_REQUIRES.sub(lambda m: f"{m.group(1)}. " + ("The provider must " if m.group("provider") else "It requires "),
                             _APPLIES_IF_USERS_CAN.sub(r"\1to services where ", work))
    work = _EXCEPT_ONE.sub(r"\1 a service ", _COLON_DUTY.sub(lambda m: f"{m.group(1)}. {m['subject'][:1].upper()}{m['subject'][1:]}", _WHOSE_PROVIDERS_WILL.sub(". Their providers ", work)))
    return _ACCOUNTS_WITH.sub(lambda m: f"{m.group(1)} {m.group('svc')} allows {m.group('who')} to hold accounts", work)
