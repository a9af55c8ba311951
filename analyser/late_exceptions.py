"""The words after a duty, or in a later paragraph, that may take services out, give them back or set a condition on
them: an exception after the duty ("..., unless it distributes only its own apps", "..., other than a provider that
..."), a paragraph that finishes the sentence before it ("..., / unless the model counts as similarly safe", "..., /
where the service is large"), and a later paragraph that speaks of whom in words no opening knows.

Why its own module: the paragraphs chosen as application text (``application_text``) and the openings that read a
duty's subject (``application_intros``) must see the same exceptions; passed over, an exception had been a
confident "applies" for every service it lets out.
"""

from __future__ import annotations

import re

# "... must implement age assurance, other than a provider that distributes only its own apps";
# "..., except where the hosting service is provided only to enterprise customers"
# (no comma needed straight after the measure: "Providers should apply this measure unless their service is low risk";
# nor before an exception whose subject is a service: "must carry out a risk assessment unless the service falls within a
# pre-assessed category", which had been dropped, a confident answer for the services it lets out)
LATE_EXCEPTION = re.compile(r"(?:[,;]\s*|\s+[–—]\s*|(?:(?<=\bmeasure)|(?<=\bstandard)|(?<=\bit))\s+|\s+(?=(?:unless|except\s+(?:where|if|when))\s+(?:the|its|their|an?)\s+(?:[\w-]+\s+){0,3}?(?:services?|providers?|platforms?|models?)\b))"
                            r"(?:other\s+than|except(?:\s+for|\s+where|\s+if|\s+when)?|unless|save(?:\s+(?:for|where)|(?=\s+(?:those|ones)\b))|"
                            r"excluding|but\s+not|apart\s+from|aside\s+from|with\s+the\s+exception\s+of)\b"
                            # only an exception about services ("other than a provider that ...", "except
                            # where the hosting service is ..."); "unless you can show a compelling reason"
                            # qualifies the duty, not whom it is for
                            r"(?=\s+(?:an?\s+|the\s+|any\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
                            # ("unless the product gathers personal data only through a separate app": the reader's product)
                            # ("..., but not where the engine searches only one site": the reader's search engine)
                            r"(?:providers?|services?|signator\w*|those|ones|platforms?|models?|products?|devices?|toys?|engines?)\b"
                            # ("..., unless its terms of use prohibit online pornography and ...": the service's terms)
                            r"|\s+(?:its|their|the(?:\s+service.s)?)\s+terms\s+of\s+(?:use|service)\b"
                            # ("..., unless the profiling is essential to the core service": the feature the duty is
                            # for, in the exception that takes some of its services out)
                            r"|\s+(?:the|that|such|this|your)\s+profiling\s+(?:is|was)\b"
                            # ("..., unless effective controls already prevent sexually explicit output": the service's controls)
                            r"|\s+effective\s+controls\s+(?:already\s+)?(?:prevent|stop|block)\b"
                            # ("..., unless the messages are end-to-end encrypted": the reader's service's messages)
                            r"|\s+(?:the|its|their|such|those|these)\s+(?:[\w-]+\s+){0,2}?(?:messages|communications|chats|conversations|material|content|files)\s+"
                            r"(?:are|is)\s+(?:(?:end-to-end|e2e)\s+)?encrypted\b"
                            # ("..., except in respect of storage that is end-to-end encrypted": the reader's service's own
                            # storage, messages or content; read as nothing, every such service had been covered with confidence)
                            r"|\s+in\s+(?:respect|relation)\s+(?:of|to)\s+(?:[\w-]+\s+){1,3}?(?:that|which)\s+(?:are|is)\s+(?:(?:end-to-end|e2e)\s+)?encrypted\b"
                            # "..., unless it distributes only apps it has developed itself", "unless it counts as a
                            # similarly safe model": "it" is the reader's service or model (never "unless it is not
                            # technically feasible", "unless it would be disproportionate", "unless it can show ...":
                            # limits of the duty)
                            # ("..., unless you use age assurance to confine children to ...": what the reader's service
                            # does; never "unless you can show a compelling reason", a limit of the duty)
                            r"|\s+you\s+(?:use|provide|offer|operate|run|deploy|restrict|confine|limit)\b"
                            # ("..., unless PCU B2 applies to them": another measure's services)
                            r"|\s+(?:measure\s+)?(?:[a-z]{2,5}\s+)?[a-z]{1,2}\d{1,2}(?:\.\d{1,2})?\s+(?:also\s+)?appl(?:y|ies)\b"
                            # ("Large services should apply this measure, unless they are multi-risk": "they" are
                            # the services named, as "it" is the reader's)
                            r"|\s+(?:it|they)\s+(?!(?:would|will|could|can|may|might|must|should|knows?|believes?|considers?|suspects?|"
                            # ("unless it has reason to believe the detection was a false positive": what it knows)
                            r"becomes?|receives?|learns?|determines?|decides?|is\s+aware|is\s+satisfied|"
                            r"(?:ha[sd]|have)\s+(?:good\s+|reasonable\s+)?(?:reason|grounds|cause|evidence)|are\s+aware|are\s+satisfied)\b"
                            r"|(?:[\w-]+\s+){0,5}?(?:feasible|practicable|possible|proportionate|appropriate|necessary|"
                            r"disproportionate|reasonable|unreasonable|lawful|unlawful|required|impossible|impractical|"
                            r"infeasible|illegal)\b))",
                            re.I)

# "..., unless the provider has already established that the user is an adult": what the provider has done, a limit of
# the duty, not a class of services
PROVIDER_ACTS = re.compile(r"\s+(?:the|its)\s+providers?\s+(?!of\b|that\b|which\b|who\b|whose\b)", re.I)


# "Signatories will give evaluators access to the model, / except where the model counts as similarly safe ...": a
# sentence broken across paragraphs, whose tail takes services out of the duty before it
EXCEPTION_TAIL = re.compile(r"^\s*(?:except|unless|other\s+than|save\s+(?:where|for|if|when|in\s+the\s+case\s+of|those|ones|that)|excluding|"
                            r"but\s+not\s+(?:where|if|when))\b")

# "The provider should test its recommender system ..., / where the service is large, has ...": a condition on the service
CONDITION_TAIL = re.compile(r"^\s*(?:where|if|when|provided\s+that)\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:service|model|platform)\b", re.I)
# a duty in the passive, which the paragraph that finishes its sentence may follow
PASSIVE_DUTY = re.compile(r"\b(?:is|are)\s+to\s+be\s+\w+(?:ed|en)\b", re.I)  # "External assessments are to be obtained by ..."
# "This measure applies to providers of large services, / and to providers of ...", "... large services / that are at
# high risk of fraud": a paragraph that only carries on the sentence of the one before (which ends without a stop)
CONTINUATION = re.compile(r"^\s*(?:(?:and|or)\s+(?:also\s+)?(?:to|of|for|in\s+respect\s+of)\b|(?:that|which|who|whose|with)\s"
                          # ("(b) large and at medium risk of grooming, / and that, in either case, have user profiles ...")
                          r"|(?:and|or)\s*,?\s+(?:that|which|who|whose|in\s+(?:either|each|both|every|any)\s+case)\b)")

# a paragraph that says something of whom in words no opening knows ("Services whose only ... are excepted", "Ofcom
# does not expect providers of ... to apply this measure", "... may disregard this measure", "Services at high risk of
# fraud should apply it too", "... are also in scope", "The recommendation extends to ..."): read as application text,
# so that what is not understood makes the reading unclear instead of being passed over
WHOM_SIGNAL = re.compile(
    r"\b(?:are|is)\s+(?:also\s+|not\s+|nonetheless\s+|nevertheless\s+|still\s+)?(?:excepted|(?:with)?in\s+(?:the\s+|its\s+)?scope|within\s+it|out\s+of\s+scope|"
    r"outside\s+(?:its|the)\s+scope)\b"
    # ("Paragraph C10.1 is omitted", "... is substituted by: ...": the statement of whom itself amended)
    r"|\b(?:paragraph|sub-?paragraph|sub-?section)\s+\(?[A-Z]{0,5}\d[\w.()]*\s+(?:is|are|shall\s+be)\s+(?:omitted|revoked|deleted|substituted|replaced)\b"
    # ("Smaller services are covered only if they have more than 700,000 users")
    r"|\b(?:are|is)\s+(?:only\s+|also\s+)?covered\s+(?:only\s+|also\s+)?(?:if|where|when|to\s+the\s+extent|too|as\s+well)\b"
    # ("For this measure, end-to-end encrypted services are treated as low risk": a deeming provision moves services)
    # (services, not a user: "a user who is not known to be an adult is treated as a child" moves nobody)
    # (the paragraph is read after ``legal_drafting.plain_legal``, which has taken out an aside "treated, for the purposes of
    # C31.1, as")
    r"|\b(?:services?|providers?|platforms?|models?|signator\w*)\s+(?:[^.;]{0,160}?\s)?(?:are|is)\s+(?:to\s+be\s+)?(?:treated|regarded|deemed)"
    r"\s+as\s+(?:being\s+)?(?:at\s+)?(?:an?\s+)?(?:high|medium|low|large|small|multi-?\s?risk|(?:[\w-]+\s+){0,3}?(?:service|platform)\b)\b"
    # ("For the purposes of this measure, a service is not to be treated as likely to be accessed by children where the
    # provider uses highly effective age assurance": a class in the application narrowed)
    r"|\b(?:services?|platforms?|models?)\s+(?:is|are)\s+not\s+(?:to\s+be\s+)?(?:treated|regarded|deemed|considered)\s+as\b"
    # ("For the purposes of this section, a Tier 3 social media service is not a social media service": a class undone)
    r"|\bfor\s+the\s+purposes?\s+of\s+this\s+(?:section|measure|standard|code|part|division|commitment)\b[^.;]*?\b(?:is|are)\s+not\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:services?|platforms?|models?|providers?)\b"
    # ("... a service that uses highly effective age assurance is to be treated as not likely to be accessed by children")
    r"|\b(?:services?|platforms?|models?)\s+(?:[^.;]{0,160}?\s)?(?:are|is)\s+(?:to\s+be\s+)?(?:treated|regarded|deemed|considered)\s+as\s+"
    r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?)?(?:not|outside|out\s+of)\b"
    r"|\b(?:are|is)\s+(?:also\s+)?brought\s+(?:with)?in(?:to)?\s+(?:the\s+scope\s+of\s+)?(?:this|the)\s+(?:measure|standard|section)\b"
    r"|(?<!whether\sto\s)(?<!encouraged\sto\s)(?<!wish\sto\s)(?<!consider\s)(?<!invited\sto\s)"
    r"\b(?:apply|adopt|implement|follow)\s+(?:it|this\s+measure|the\s+measure|this\s+recommendation)(?:\s+(?:too|also|as\s+well))?"
    # ("Providers of other general search services should apply it where they are at high risk of ...", "Providers of
    # large services should also apply it, even where their risk has been assessed as low": passed over, the large
    # services it adds had been told "exempt")
    r"(?:\s*(?:[.;]|$)|\s+(?:only\s+)?(?:where|if|when)\b|,\s*(?:even\s+(?:where|if|when|though)|whatever|regardless|irrespective)\b)"
    r"|\b(?:disregard|ignore)\s+(?:it|this\s+measure|the\s+measure|this\s+recommendation)\b"
    r"|\b(?:measure|recommendation|standard|requirement|obligation|commitment)s?\s+(?:also\s+)?(?:extends?|is\s+extended|reaches)\s+to\b"
    r"|\bnot\s+expect\w*\s+[^.]{0,80}?\bto\s+(?:apply|adopt|implement|follow)\s+(?:it|this\s+measure|the\s+measure)\b", re.I)
