"""Legal drafting devices in application text said plainly before the condition is read: an amendment (carried
out by ``amendments`` where the words it changes are given; "In Measure C4, for 'large services' substitute '...'"
alone names the services now covered; any other is unclear), "subject to" / "notwithstanding" /
"save as provided in" another paragraph, "Signatories referred to in Measure 3.1", and "shall (not) apply".

Why its own step: instruments, schedules and consolidated texts word application this way, and each device
read word by word misleads the grammar: the quoted words of an amendment were read as whom the measure covers
(every service, for "In Measure C4, for 'large services' substitute ..."), "referred to in Measure 3.1" meant
nothing, so the Signatories were every Signatory. A device this module cannot resolve is left as words the
grammar does not understand, so the answer is unclear, never a guess.
"""

from __future__ import annotations

import re

from .amendments import AMENDING, PROVISIONS, amendment_in, as_amended, split_sentences

_WHERE = rf"(?:{PROVISIONS})s?"

_NAMES_SERVICES = re.compile(r"\b(?:services?|providers?|signator(?:y|ies)|platforms?|models?)\b", re.I)

# "Subject to paragraph (3), ...", "Save as provided in paragraph (4), ...", "Except as otherwise provided in section 5, ..."
_SUBJECT_TO = re.compile(
    rf"^\s*(?:\(\w{{1,4}}\)\s*)?(?P<how>subject\s+to|notwithstanding|despite|in\s+spite\s+of|save\s+as\s+(?:otherwise\s+)?provided\s+(?:in|by)|except\s+as\s+(?:otherwise\s+)?"
    rf"provided\s+(?:in|by))\s+(?:{_WHERE})\s+[\w.()\u2013\-]*(?:\s*\([\w]+\))*(?:\s+(?:and|to|or)\s+[\w.()]+)?"
    r"(?:\s+(?:below|above|of\s+this\s+\w+))?\s*,\s*", re.I)
# "this section applies to ...", "the measure also applies to ...": what a "despite" gives back ("this MCM" is already "this
# measure" by then: ``_THIS_MCM``)
_APPLIES_TO_THEM = re.compile(r"^(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:measure|section|standard|commitment|paragraph|division|part)\s+"
                              r"(?:also\s+|still\s+|nonetheless\s+)?(?:does\s+)?appl(?:y|ies)\s+(?:to|in\s+respect\s+of)\s+", re.I)
# a sentence that takes services out, which a "subject to" then points to
_TAKES_OUT = re.compile(r"\b(?:does|do|shall)\s+not\s+apply\b|\bexempt\w*\b|\bneed\s+not\b|\bnot\s+required\b|\bexcept\b|\bunless\b"
                        r"|\bother\s+than\b|\bsave\s+(?:where|for|that)\b", re.I)

# "Signatories referred to in Measure 3.1", "providers mentioned in paragraph (2)": those the other provision covers
_REFERRED_TO = re.compile(rf"\b(?P<who>signatories|providers?|services?)\s+(?:referred\s+to|mentioned|described|specified)\s+in\s+"
                          rf"(?P<where>(?:{_WHERE})\s+[\w.]+)", re.I)
_SHALL = re.compile(r"\bshall\s+(not\s+)?apply\b", re.I)
# "This measure is (not) to be applied by providers of ...": the passive of "applies to"
_TO_BE_APPLIED = re.compile(r"^(\s*(?:(?:this|the)\s+(?:measure|standard|section)|it))\s+(?:is\s+(not\s+)?to|(?:should|must|shall)\s+(not\s+)?"
                            r"(also\s+)?)\s*be\s+(?:applied|followed|implemented)\s+(also\s+)?by\s+", re.I)  # ("It should also be applied by")
# "No provider need apply this measure unless its service is large": it applies only where the service is large
_NO_PROVIDER_UNLESS = re.compile(r"^\s*no\s+provider\s+(?:need|needs|is\s+required\s+to)\s+apply\s+(?:this|the)\s+measure\s+unless\s+"
                                 r"(?:its|the)\s+service\s+", re.I)


# a sentence that says whom a measure covers, which an amendment not carried out may have changed
_STATES_SCOPE = re.compile(r"\b(?:appl(?:y|ies)|covers?|exempt|need\s+not)\b", re.I)

# "(3) Paragraph (2) does not have effect in relation to a large service", "Subsection (1) does not apply if ...": a
# provision that disapplies another one, named by its number
_DISAPPLIES = re.compile(
    r"^\s*(?:\(\w{1,4}\)\s*)?(?:however,?\s+)?(?:sub-?)?(?:paragraph|section|clause|rule|article)\s+\(?(?P<ref>\w{1,4})\)?\s+"
    r"(?:does|shall)\s+not\s+(?:apply|have\s+effect)\s+(?:(?:in\s+relation\s+to|to|in\s+respect\s+of|for)\s+(?P<np>.+?)|"
    r"(?P<clause>(?:where|if|when)\s+.+?))\s*\.?\s*$", re.I)


def _disapplied(sentences: list[str]) -> list[str]:
    """``sentences`` with a provision that disapplies an exception ("(2) It does not apply to a general search service
    which is low risk. (3) Paragraph (2) does not have effect in relation to a large service") folded into that
    exception as "unless" ("..., unless it is a large service"); one that disapplies a provision not given here
    makes whom the measure covers unclear (it may give services back or take them out). One that disapplies the
    statement of scope itself ("Subsection (1) does not apply if ...") is the plain exception it reads as."""
    if len(sentences) == 1:
        return sentences  # read alone (is it application text?): the provisions it names are not to hand
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        m = _DISAPPLIES.match(sentence)
        if m is None:
            continue
        ref = m.group("ref")
        target = next((j for j, s in enumerate(sentences) if j != i and re.match(rf"^\s*\({re.escape(ref)}\)", s)), None)
        if (target is None and ref == "1") or (target is not None and not _TAKES_OUT.search(sentences[target])):
            # "(2) However, subsection (1) does not apply if ...": it disapplies the statement of scope, an exception
            clause = re.sub(r"^(?:if|when)\b", "where", m.group("clause") or "", flags=re.I)
            out[i] = f"It does not apply {'to ' + m.group('np') if m.group('np') else clause}".rstrip(" .") + "."
            continue
        if target is None:
            disapplied = re.sub(r"\b(?:does|shall)\s+not\s+(?:apply|have\s+effect)\b", "is disapplied", m.group(0), count=1, flags=re.I)
            out[i] = f"Whom this measure covers is changed in words not read: {disapplied}"
            continue
        if m.group("np"):
            given_back = f"it is {m.group('np')}"
        else:
            given_back = re.sub(r"^(?:where|if|when)\s+", "", m.group("clause"), flags=re.I)
        out[target] = f"{out[target].rstrip(' .')}, unless {given_back.rstrip(' .')}."
        out[i] = ""
    return [s for s in out if s]


# "It does not, however, apply to ...", "This measure, however, applies only to ...": a linking word set inside the
# sentence says nothing of whom (between commas it had hidden the "does not apply")
_LINKING_INSIDE = re.compile(r"\b(not|does|do|is|are|will|shall|should|must|need|it|measure|standard)\s*,\s*"
                             r"(?:however|though|nevertheless|moreover|furthermore|in\s+addition)\s*,\s*", re.I)
# "..., unless, for the risk concerned, the model counts as similarly safe": a phrase set between commas after
# "unless" says for what, not whom; left in, the exception had not been read and the measure was every reader's
_ASIDE_AFTER_UNLESS = re.compile(r"\b(unless|except\s+where|except\s+if)\s*,\s*(?:for|in|as\s+regards|with\s+(?:regard|respect)\s+to|"
                                 r"in\s+(?:respect|relation)\s+(?:of|to))\s+[^,.;]{1,60},\s*", re.I)

# "is to be treated, for the purposes of C31.1, as a service at high risk of terrorism", "is, for the purposes of this
# measure, to be treated as": where the deeming holds is this measure (or a paragraph of it); between commas it had hidden
# the deeming, so the sentence was passed over
_PURPOSE_INSIDE = re.compile(r"\b(treated|regarded|deemed|considered|is|are)\s*,\s*(?:for\s+the\s+purposes?\s+of\s+(?:[^,.;]|\.(?=\d)){1,60}?"
                             # ("is to be treated, for this measure, as a general search service")
                             r"|(?:for|under|in)\s+(?:this|the)\s+(?:measure|section|standard|code|paragraph))\s*,\s*"
                             r"(?=as\b|to\s+be\s+(?:treated|regarded|deemed|considered)\b)", re.I)


# "... need not apply it, / C22.3 unless the service allows ...": a sentence carried on into the next numbered paragraph;
# the number there is no part of it (left in, the exception had not been read)
_LABEL_INSIDE = re.compile(r",\s+(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+[A-Z]?|\(\w{1,4}\))\s+(?=(?:unless|except|other\s+than|save|provided\s+that|"
                           r"where|if|and|or)\b)")

# "... if the service is large, or if the service has more than 700,000 ...": the second condition said as the grammar
# says an alternative condition ("or where"; "or if" had been left unread)
_OR_IF_THE_SERVICE = re.compile(r"(,?\s+(?:or|and))\s+if\s+(?=(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?services?\b)", re.I)

# the words set inside a sentence that say nothing of whom, taken out in this order before it is split into sentences
_INSIDE_A_SENTENCE = ((_PURPOSE_INSIDE, r"\1 "), (_ASIDE_AFTER_UNLESS, r"\1 "), (_LINKING_INSIDE, r"\1 "), (_LABEL_INSIDE, ", "))


# "Measure 1.3 Ensuring quality of information Signatories will ...", "Minimum compliance measure 1 - Terms of use A
# provider of ...", "2. Data protection impact assessments Carry out a DPIA ...": a heading run into the first sentence
# (the sentence's opening, hidden behind it, had not been read); only before an opening the codes use
_GLUED_HEADING = re.compile(
    # ("J4 Controls over being added to group chats J4.1 This measure applies to ...": a measure's own number before its title)
    r"^\s*(?:(?:[Mm]inimum\s+compliance\s+measure|Measure|Commitment|Standard)\s+)?(?:[A-Z]{2,5}\s)?[A-Z]{0,2}\d{1,3}(?:\.\d{1,3})*\.?\s*"
    # (never a condition: "Measure 5.3: Where the model can be run on a user's own device, Signatories will ..." had
    # lost its condition as if it were the measure's title)
    r"(?:[-\u2013\u2014:]\s*)?(?!(?:Where|If|When|Unless|Provided|In\s+the\s+case)\b)[A-Z][^.;]{2,150}?\s+(?=(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+[A-Z]?\s+)?"
    r"(?:Signatories|A provider of|Providers of|The provider|This (?:measure|Measure|section|standard|Commitment)|"
    r"If you|If your|Where (?:a|the|your)|You (?:should|must|need)|Carry out|Provide|Give|Make|Do not|Switch|Ensure|Offer|Tell|Use|"
    r"Consider|Set|Explain|Present|Design)\b)")


# "ICU F3 [inserted 2026] This measure applies to ...", "ICS F2 If a search service ...": a measure's whole number (and
# an editor's note) run into its first sentence with no title between (left on, the sentence was not read, or the number
# was read as another measure's: "ICU C15 Providers of ..." had become "services to which ICU C15 applies")
# (shared with ``application_text.LEADING_LABEL``, which takes it off before a paragraph is classed)
# ("Measure 1.5 Signatories will designate ...": a GPAI Measure's number, so run in)
# a measure named with its code, "ICU C9", "PCS C4" (shared with ``application_text``)
CODE_MEASURE_ID = r"[A-Z]{2,5}\s+[A-Z]{1,2}\d{1,3}[A-Z]?"
# ... or with "measure" before it: "measure ICU D8"
NAMED_MEASURE = rf"(?:measure\s+)?{CODE_MEASURE_ID}"
OWN_NUMBER_RUN_IN = (rf"(?:{CODE_MEASURE_ID}|(?:Measure|Commitment)\s+\d{{1,2}}(?:\.\d{{1,2}})?)\s+(?:\[[^\[\]]{{1,80}}\]\s*)?"
                     r"(?=(?:This\s+(?:measure|Measure|Commitment)|These|The\s+provider|Providers?|Services|Signatories|If|Where|When|An?|All|Each|"
                     r"Every|Any|Large)\s)")
_OWN_NUMBER_RUN_IN = re.compile(r"^\s*" + OWN_NUMBER_RUN_IN)
# "This measure applies to a service only if it is neither large nor multi-risk", "... to a provider only if its service
# is ...": the condition said of the one service (read as "a service" and words after it, it had not been read at all)
# (only "a service", "a provider": "applies to a vertical search service only if ..." sets a condition on vertical services
# alone, and says nothing of the others)
_ONE_SERVICE_ONLY_IF = re.compile(r"\b(appl(?:y|ies))\s+to\s+(?:an?|any|each|every)\s+((?:regulated\s+)?)(?:services?|providers?)\s+only\s+"
                                  r"(?:if|where|when)\s+(?:it|the\s+service|its\s+service)\s+(?=(?:is|has|does|offers|uses|allows|provides)\b)", re.I)
# "This measure is for large and multi-risk search services alike": both groups, each of them (read as "large and
# multi-risk" together, it could be either)
_BOTH_ALIKE = re.compile(r"\b(?P<a>[\w-]+)\s+and\s+(?P<b>[\w-]+)\s+(?P<noun>(?:(?:search|user-to-user|u2u)\s+)?services)\s+alike\b", re.I)
# "This MCM does not apply to ...": eSafety's abbreviation of "minimum compliance measure", said as the grammar says it
_THIS_MCM = re.compile(r"\b((?i:this|that|the|these|those|each|every))\s+(?:MCM|[Mm]inimum\s+compliance\s+measure)(s?)\b(?!\s*\d)")
# "This Measure is open only to start-ups": whom it applies to (read as a duty of every Signatory, the measure had been
# every Signatory's)
_OPEN_ONLY_TO = re.compile(r"\b((?i:this|the)\s+(?i:measure|commitment|standard|section))\s+is\s+(?:open|available)\s+only\s+to\b")
# "This measure no longer applies only to providers of large multi-risk services: it applies to providers of multi-risk
# services of any size", "MCM 12 no longer applies only to Tier 1 services; it now reaches every social media service
# ...": an amendment's widening, whose second half alone says whom (read whole, the old class had been kept)
_NO_LONGER_ONLY = re.compile(r"\b(?:this\s+(?:measure|standard|section|commitment|mcm)|it|(?:measure|mcm|section|standard)\s+[\w.]{1,8})\s+"
                             r"no\s+longer\s+applies\s+only\s+to\s+[^:;.]{1,200}?\s*[:;,]\s+(?:but\s+|and\s+)?(?:it|this\s+measure|"
                             r"the\s+measure)\s+(?:now\s+)?(?:applies\s+to|reaches|covers|extends\s+to)\s+", re.I)
# "That exception does not help you if you also serve children behaviourally targeted advertising": a give-back, said as
# the openings read one (passed over, the exception had been kept for those services with confidence)
_DOES_NOT_HELP = re.compile(r"\b((?i:that|this|the))\s+((?i:exception|exemption|carve-out))\s+(?:does\s+not|will\s+not|cannot|can\s*not)\s+"
                            r"(?:help|assist|protect|cover|benefit)\s+(?:you|them|it|the\s+provider|a\s+provider|the\s+signatory)\s+"
                            r"(?=(?:if|where|when)\b)", re.I)
# "Signatories that are SMEs are released from this Measure", "... is relieved of this duty": an exemption in other words
# (read as it stood, "released" was taken for a model's release and the SMEs were covered with confidence)
_RELEASED_FROM = re.compile(r"\b(is|are)\s+(?:released|relieved|excused)\s+(?:from|of)\s+(?=(?:this|the)\s+(?:measure|standard|section|"
                            r"commitment|chapter|duty|requirement|obligation)s?\b)", re.I)
# "Section 4 (to be completed only for models with systemic risk)": a heading whose brackets say whom it is for
_HEADING_ONLY_FOR = re.compile(r"^[^().;]{1,80}\((?:to\s+be\s+(?:completed|filled\s+in|answered|used|followed)\s+)?only\s+for\s+"
                               r"(?P<who>[^().;]{3,120})\)\s*$", re.I)
# "SMEs excepted, Signatories will ...": the exception said first, in the absolute (left as it is, the sentence had not
# been read)
_EXCEPTED_FIRST = re.compile(r"(?:^|(?<=[.;]\s))(?P<who>[A-Z][^,.;:]{1,60}?)\s+(?:excepted|apart)\s*,\s*(?=(?i:(?:all\s+|every\s+|each\s+|the\s+)?"
                             r"(?:signator(?:y|ies)|providers?))\b)")
# "The preceding paragraph imposes nothing on a Signatory as regards a model whose ...", "This section does not impose any
# obligation on SMEs": whom it does not apply to, said by what it lays on them (passed over, they had stayed bound) (the
# Signatory or provider kept unless the models after it are whom; never one alone, "no obligation on any Signatory")
_IMPOSES_NOTHING = re.compile(r"\b(?:(?:imposes|places|lays)\s+(?:nothing|no\s+(?:duty|duties|obligations?|requirements?))|(?:does|do)\s+not\s+(?:impose|place|lay)\s+(?:any\s+)?(?:duty|duties|obligations?|requirements?))\s+(?:up)?on\s+"
                              r"(?P<who>(?:(?:an?|any|the)\s+)?(?:(?:signator(?:y|ies)|providers?)(?=\s+(?:that|which|who|whose|of|with|as|in|for)\s)|smes?\b|smcs?\b))\s*(?P<regards>(?:as\s+regards|in\s+respect\s+of|"
                              r"with\s+regard\s+to|for)\s+(?=(?:an?|any|the|its|their)\s+(?:[\w-]+\s+){0,2}?models?\b))?", re.I)
# "That relief does not extend to an SMC whose model has systemic risk": a give-back, said as the exceptions' give-backs are
_RELIEF_NOT_EXTENDED = re.compile(r"\b((?i:that|this|the))\s+(?i:relief|exception|exemption|carve-out|concession)\s+(?:does\s+not|will\s+not)\s+"
                                  r"(?:extend|reach)\s+to\b", re.I)
# "This measure applies where the service is large, and also where it is multi-risk": a second case in which it applies,
# not a second condition (read as "and", a large service that is not multi-risk had been left out with confidence)
_ALSO_WHERE = re.compile(r"(\bappl(?:y|ies)\s+(?:only\s+)?(?:where|if|when)\b[^.;]*?),?\s+(?:and\s+also|as\s+well\s+as)\s+(?=(?:where|if|when)\b)",
                         re.I)
# "..., provided the model is not one with systemic risk": "provided that" said without "that" (passed over, the condition had
# been dropped and SMEs with such a model permitted with confidence)
_PROVIDED_ALONE = re.compile(r",\s+provided\s+(?=(?:the|its|their|it|they|such)\b)", re.I)
# "Before making a model's parameters available for download, the Signatory will ...": those who release open weights, said
# as the profile's words say it (left as a time, the duty had been every Signatory's, or never understood); not "the
# parameters of a model with systemic risk", whose class would be lost
_BEFORE_OPENING_WEIGHTS = re.compile(r"(?:^|(?<=[.;]\s))before\s+(?:making|releasing|publishing|putting\s+out)\s+(?:a|the|its|their|any)\s+"
                                     r"(?:model'?s'?\s+)?(?:parameters|weights)\b(?:\s+of\s+(?:a|an|the|its|their|any)\s+(?P<model>models?\s+(?P<how>with|that|which|"
                                     r"whose)\s+(?P<rest>[^,.;]{1,80}?))(?=\s+(?:available|downloadable|public|publicly|for|to|open)\b))?"
                                     r"(?![^,.;]{0,80}?\bmodels?\s+(?:with|that|which|whose)\b)[^,.;]{0,80}?\b(?:download|downloadable|public|publicly|"
                                     r"anyone|openly)\b[^,.;]{0,60},\s*(?:signatories|(?:the|a|each)\s+signatory)\s+(?P<verb>will|must|should|shall)\b", re.I)
# "Signatories will treat models trained with more than ... as falling under this Measure": whom it covers, said of models
# (passed over as a duty, every Signatory had been told "applies" with confidence)
_TREAT_AS_UNDER = re.compile(r"(?:^|(?<=[.;]\s))(?:signatories|they)\s+(?:will|shall|must|should)\s+treat\s+(?P<who>(?:general-purpose\s+ai\s+)?models\s+"
                             r"[^.;]{3,160}?)\s+as\s+(?:falling|coming)\s+(?:under|within)\s+(?P<what>this\s+(?:measure|commitment|chapter))\b", re.I)

# "This applies only where ICU F3 also applies to the provider", "ICU D10 applies where ICU D8 applies": the services another
# measure covers, said as the reader knows it (passed over, the sentence had been read as a further group, so as "or", and
# a service F3 leaves out told "applies" with confidence)
_ONLY_WHERE_REF = re.compile(r"\b(?P<head>(?:it|this|(?:this|the)\s+measure)\s+(?:only\s+applies|applies(?:\s+only)?))\s+(?:where|if|when)\s+"
                            r"(?P<ref>(?:measure\s+)?(?-i:[A-Z]{2,5}\s+[A-Z]{1,2}\d{1,2}(?:\.\d{1,2})?[A-Z]?))\s+(?:also\s+)?applies"
                            r"(?:\s+to\s+(?:the\s+provider|the\s+service|them|it))?(?=\s*(?:[.;]|$))", re.I)

# "a service that is large or at high risk of fraud, and is likely to be accessed by children": the comma closes the
# alternatives, and the last condition is on them all, as ", and that is ..." says it (read inside the second
# alternative, a large service that children cannot access had been told "applies" with confidence)
_AND_AFTER_ALTERNATIVES = re.compile(r"(?P<pre>\b(?:is|are)\s+(?:[^,.;]*?\s)?or\s+[^,.;]{2,120}?),\s+and\s+(?=(?:is|are|has|have|allows?|offers?|uses?|"
                                     r"lets?|enables?)\b)(?!(?:is|are)\s+(?:expected|required|encouraged|recommended|asked)\b)", re.I)

# ("..., and it is likely that children will access it": the same last condition, said of the service)
_AND_IT_IS_LIKELY = re.compile(r",\s+and\s+it\s+is\s+likely\s+that\s+children\s+will\s+(?:access|use)\s+(?:it|the\s+service)\b", re.I)

# "This measure applies to a provider for every service of its that is ...", "... to a provider in respect of each of the
# following services: (a) ...": the services themselves (left as they were, "a provider" had not been read at all)
_PROVIDER_FOR_EACH = re.compile(r"\b(?:a|the|each|every|any)\s+provider\s+(?:in\s+respect\s+of|for|in\s+relation\s+to)\s+(?:each|every|any)\s+"
                                r"(?:(?P<list>of\s+the\s+following\s+services)|service\s+(?:of\s+its|(?:that\s+)?it\s+provides)(?=\s+(?:that|which)\b))", re.I)

# "Services to which this measure applies: large services; ...": "This measure applies to: ..."; "...; such providers should
# set ...": the duty of those just named, a sentence of its own (read inside the sentence of whom, neither had been read)
_SERVICES_TO_WHICH = re.compile(r"^(?P<lead>\W*(?:\S{1,8}\s+)?)services\s+to\s+which\s+(?P<what>this\s+(?:measure|standard|section))\s+applies\s*:", re.I)
_SUCH_PROVIDERS_AFTER = re.compile(r";\s+(?P<first>[st])(?=(?:uch|hese|hose)\s+providers?\s+(?:should|must|shall|will)\b)", re.I)


def _those_opening_weights(m: re.Match[str]) -> str:
    """``_BEFORE_OPENING_WEIGHTS`` said as whom: "Signatories that make the weights ... will(, where the model has systemic
    risk,)"."""
    said = f"Signatories that make the weights of their model publicly available for download {m['verb']}"
    if not m["model"]:
        return said
    verb = {"whose": "'s", "with": " has"}.get(m["how"].lower(), "")
    return f"{said}, where the model{verb} {m['rest']},"


# "If the product collects personal data only through a companion app, ..., this standard adds nothing": it does not apply
# (passed over as a remark, the standard had been every connected toy's with confidence)
# ("the app is covered by the rest of this code and this standard does not add to it": the same, where the reader is sent
# said first)
_ADDS_NOTHING = re.compile(r"(?:,\s*(?i:the|that|its)\s+app\s+(?i:is|remains)\s+covered\s+by\s+the\s+(?i:rest|remainder|other\s+standards)\s+of\s+"
                           r"(?i:this|the)\s+code\s*,?\s*(?i:and|so)\s+)?\b((?i:this|the))\s+((?i:standard|measure|section|part|commitment))\s+"
                           r"(?i:adds\s+nothing\b(?!\s+(?:to|for)\b)|(?:adds\s+nothing|does\s+not\s+add(?:\s+anything)?)\s+to\s+(?:it|that|them|this)\b)")
# "..., this standard does not apply; follow the other standards for the app": where the reader is sent instead, which
# says nothing more of whom (read on, the exception had been turned into a second class covered)
_SENT_ELSEWHERE = re.compile(r"(\bdoes\s+not\s+apply)\s*;\s*(?:instead\s*,?\s*)?(?:follow|apply|use|see|look\s+to|rely\s+on)\s+(?:the\s+)?"
                             r"(?:other|remaining|rest\s+of\s+the)\b[^.;]*", re.I)
# "If the product collects personal data only through an app, this standard does not apply to the product unless ...":
# the product is the one the condition spoke of (read as a class of its own, the exception had become a second class
# covered)
_TO_THE_PRODUCT = re.compile(r"(\bdoes\s+not\s+apply)\s+to\s+(?:the|that|this|your|such\s+a)\s+(?:product|toy|device)\b(?=\s*(?:[,.;]|unless\b|except\b|$))",
                             re.I)
# "Where the product collects data only through an app, this standard does not apply unless it has a camera": said
# the other way round, "This standard does not apply where ..., unless ...", as the exceptions with give-backs are read
# (the condition first, the give-back had turned the exception into a class covered)
_CONDITION_THEN_EXCEPT = re.compile(r"(?:^|(?<=[.;]\s))(?P<cond>(?i:if|where|when)\s+[^,;.]{3,200}(?:,\s*and\s+not\s+[^,;.]{3,80})?),\s+"
                                    r"(?P<what>(?i:this|the)\s+(?i:standard|measure|section|part))\s+does\s+not\s+apply\s+"
                                    r"(?P<rest>(?i:unless|except)\b[^.;]*)")
# "..., except in respect of a model with systemic risk": the models given back, said as "except for" (the words "in
# respect of" had hidden the give-back, and the SMEs were released for every model with confidence)
_EXCEPT_AS_REGARDS_MODELS = re.compile(r"\b(except)\s+(?:in\s+respect\s+of|in\s+relation\s+to|as\s+regards|with\s+regard\s+to)\s+"
                                       r"(?=(?:an?|any|the|their|its)?\s*(?:general-purpose\s+ai\s+)?models?\b)", re.I)
# "Large services, and services that are multi-risk, should ...": two groups as the duty's subject, set off by commas
# (left in, the commas had kept the subject from being read at all)
# ("D8.1 Large services, and services that are multi-risk, should ...": after the paragraph's number)
_GROUPS_SET_OFF = re.compile(r"(?:^|(?<=[.;]\s)|(?<=\.\d\s)|(?<=\.\d\d\s))(?P<a>[A-Z][^,.;:]{1,80}?\bservices?),\s+(?P<join>and|or)\s+(?P<b>[^,.;:]{0,160}?\bservices?\b[^,.;:]{0,120}?),\s+"
                             r"(?=(?:should|must|shall)\b)")
# "services that are large, multi-risk, or at medium or high risk of suicide content": a list's last comma (the serial
# comma) before "or" (left in, the first two items had been read as both holding)
# (only between short items, none of them an exception, an aside or a clause: "large search services, other than those
# at low risk ..., and to multi-risk search services" keeps its commas)
_NOT_AN_ITEM = r"(?!\b(?:and|or|but|unless|except|excluding|save|other|than|not|such|however|whether|where|if|when|which|who|whose|that)\b)"
_SERIAL_COMMA = re.compile(rf"(?P<a>\b(?:{_NOT_AN_ITEM}[\w-]+\s+){{0,3}}{_NOT_AN_ITEM}[\w-]+),\s+(?P<b>(?:{_NOT_AN_ITEM}[\w-]+\s+){{0,3}}{_NOT_AN_ITEM}[\w-]+),\s+"
                           r"(?=(?:or|and)\s)")
# "1. Best interests of the child. Treat ...", "8. Data minimisation. Gather ...": a standard's number and title printed as
# the first sentence (read as words not understood, they had left every such standard unclear)
_NUMBERED_TITLE = re.compile(r"^\s*\d{1,2}\.\s+(?P<title>[A-Z][^.;:!?]{2,80}?)\.\s+(?=[A-Z])")
# a GPAI provision's number, and a paragraph of it ("Measure 1.2", ", paragraph (3)"); shared with
# ``application_text.LEADING_LABEL``, which takes off "Measure 1.2, paragraph (2). " before a paragraph is classed
MEASURE_NUMBER = r"(?:Measure|Commitment)\s+\d{1,2}(?:\.\d{1,2})?"
PARAGRAPH_OF = r"\s*,\s*(?:paragraph|point)\s*\(\w{1,4}\)"
# "Measure 1.2, paragraph (3). On receiving ...", "Commitment 4. For each of its models ...", "Measure 3.7 Red-teaming.
# Signatories ...", "Copyright Chapter, Measure 1.1, paragraph (3). The policy ...": where the provision is, printed
# before it as a sentence of its own (read as words, it had left the measure unclear)
_PROVISION_LABEL = re.compile(r"^\s*(?:(?:Transparency|Copyright|Safety\s+and\s+Security)\s+Chapter\s*[,:]\s*)?"
                              rf"{MEASURE_NUMBER}(?:{PARAGRAPH_OF})?"
                              r"(?P<title>\s+[A-Z][\w-]*(?:\s+[\w-]+){0,5}?)?\s*[.:]\s+(?=[A-Z])")
# "Sanctions for repeated breaches [inserted 2026]: this measure is for ...": a title, then a colon, then the sentence
# of whom in lower case (read with the title on, it had not been read at all, and the measure covered everyone)
_TITLE_THEN_COLON = re.compile(r"^\s*(?P<title>[A-Z][^.;:\[\]()]{2,100}?)(?:\s*[\[(](?:inserted|added|amended|new)\b[^\])]{0,30}[\])])?"
                               r"\s*:\s+(?=(?:this|the)\s+(?:measure|standard|section|commitment|code)\b)")
# "Large or multi-risk search services: the provider should ...": a label that names the services, then their duty, said as
# "Providers of large or multi-risk search services should ..." (passed over, every service had been the measure's)
# (shared with ``application_settle``, which takes the paragraph as saying whom on the same words)
SERVICES_LABEL = (r"^\s*(?P<label>(?![^:]*\b(?i:appl(?:y|ies)|is|are|recommended|measures?|standards?|sections?|codes?)\b)"
                  r"[A-Z][^.:;]{0,100}?\bservices)\s*:\s+(?:the\s+|each\s+|every\s+|an?\s+)?providers?\s+"
                  r"(?=(?:should|must|shall|will)\b)")
_SERVICES_LABEL = re.compile(SERVICES_LABEL)
# "Compliance training: the provider of a service that ...", "Reporting channels for group chats: providers of services
# that ...", "ICU D12: a provider may ...": a heading run into the sentence that says whom, or into a duty (never a label
# that names services, "Large or multi-risk search services: the provider should ...", which is whom; nor "Application:")
_HEADING_THEN_WHOM = re.compile(r"^\s*(?P<title>(?![^:]*\b(?:services?|platforms?|providers?|signator\w*|models?|[Aa]pplication|[Ss]cope)\b)"
                                r"[A-Z][^.;:\[\]()]{2,100}?)\s*:\s+(?=[^.;]*\b(?:should|must|shall|will|may)\b)"
                                r"(?:(?:the\s+|all\s+|every\s+|each\s+|an?\s+)?providers?\s+(?:of|should|must|may|will)\b"
                                r"|(?:all\s+|any\s+)?(?:[\w-]+\s+){0,3}?services\s+(?:that|with|which|whose|at|should|must)\b)")
# "It does not reach preventive or counselling services ...": said of services, "reach" is "apply to" (left unread, the
# services it lets out had been covered with confidence); so is "bind" said of Signatories
_DOES_NOT_REACH = re.compile(r"\b((?i:does|do))\s+not\s+(?:(?:reach|catch)\s+(?=(?:the\s+|any\s+|an?\s+)?(?:[\w-]+\s+){0,4}?"
                             r"(?:services?|providers?|platforms?|models?|signator(?:y|ies))\b)"
                             # ("This Commitment does not bind a Signatory in respect of a model it releases ...": the model named;
                             # the Signatory is bound, or not, model by model; never "does not oblige any provider to read ...")
                             r"|(?i:bind)\s+(?=(?i:(?:an?|any|the|all)?\s*signator(?:y|ies))\b)(?i:(?:an?|any|the)\s+signator(?:y|ies)\s+"
                             r"(?:in\s+respect\s+of|for|as\s+regards)\s+(?=(?:an?|any|each)\s+(?:[\w-]+\s+){0,2}?models?\b))?)")
# "Counselling services offered directly to a child fall outside the definition of an information society service": a
# class a whole code is for, so outside the code (read as nothing, those services had been covered with confidence).
# Only such a class: outside the definition of "a large service" is only not large, never outside the code
_OUTSIDE_DEFINITION = re.compile(r"\b((?i:falls?|lies?|are|is|sits?))\s+outside\s+the\s+(?:statutory\s+)?definition\s+of\s+(?:an?\s+)?"
                                 r"(?:information\s+society|user-to-user|regulated(?:\s+user-to-user|\s+search)?|(?:internet\s+)?search(?:\s+engine)?|"
                                 r"relevant\s+electronic|designated\s+internet|social\s+media|app\s+distribution|hosting|internet\s+carriage)"
                                 r"\s+services?\b", re.I)
# "This code does not apply to counselling services. A counselling service that also serves targeted adverts is not
# excluded.": those given back (never a size, "A small provider is not exempt": no one is let out for it, ignored later)
_NOT_EXCLUDED = re.compile(r"^\s*(?P<who>(?:an?|any)\s+(?![^.;]*\b(?:small|fewer\s+than|less\s+than|sole\s+traders?|start-?ups?)\b)[^.;]{3,160}?)\s+(?:is|are)\s+(?:still\s+)?not\s+(?:excluded|exempt(?:ed)?|"
                           r"carved\s+out|left\s+out|released)\s*\.?\s*$", re.I)
# a sentence, not a title: a verb of application or duty, or the reader addressed
_NOT_A_TITLE = re.compile(r"\b(?:is|are|appl(?:y|ies)|must|should|shall|will|may|need|do|does|you|your|provider|providers|signator\w*)\b", re.I)


# "at least two of the four kinds of primary priority content" -> "at least two kinds of ..." (the count is the same)
_OF_THE_KINDS = re.compile(r"\b(at\s+least\s+(?:two|three|four|2|3|4)|(?:two|three|2|3)\s+or\s+more)\s+of\s+the\s+"
                           r"(?:(?:two|three|four|five|six|seven|eight|nine|\d{1,2})\s+)?(kinds?\s+of)\b", re.I)
# "is recommended not only for large services but also for services at high risk of X": both groups
_NOT_ONLY_BUT_ALSO = re.compile(r"\bnot\s+only\s+(to|for)\s+([^.;]{3,160}?)\s*,?\s+but\s+also\s+(to|for)\s+", re.I)

# "for a model considered similarly safe or safer", "a service deemed to be ...", "any model treated as ...": the participle
# with no "that is" before it
_PARTICIPLE_ALONE = re.compile(r"\b((?i:a|an|any|the|each|every|their|its)\s+(?:[\w-]+\s+){0,2}?(?i:models?|services?)|(?i:models|services))\s+"
                               r"(?=(?i:considered|deemed|(?:treated|regarded)\s+as|released\s+under)\s)")

# "A provider to which measure ICU D8 applies should ...", "Providers to which PCU D5 or PCU D6 applies should ...", "Where
# ICU C9 applies to the service, the provider should ...": the providers of the services another measure covers (read
# as words, the measure had been unclear)
_PROVIDERS_TO_WHICH = re.compile(rf"(?:^|(?<=[.;]\s)|(?<=\.\d\s)|(?<=\.\d\d\s))(?i:(?:an?|the|any|each|every)\s+)?(?i:providers?)\s+to\s+which\s+"
                                 rf"(?P<ids>(?i:{NAMED_MEASURE})(?:\s+(?:or|and)\s+(?i:{NAMED_MEASURE}))*)\s+(?i:appl(?:y|ies))\s+(?=(?i:should|must)\b)")
_WHERE_IT_APPLIES = re.compile(rf"(?:^|(?<=[.;]\s)|(?<=\.\d\s)|(?<=\.\d\d\s))(?i:where|if)\s+(?P<ids>(?i:{NAMED_MEASURE}))\s+(?i:applies)\s+to\s+"
                               r"(?i:the|its|their)\s+services?\s*,\s+(?i:the\s+provider|providers?|it|they)\s+(?=(?i:should|must)\b)")

# "Large general search services offering predictive search", "services returning images", "services using proactive
# technology": what the services do, said with "that" as the grammar reads it (passed over, the group was not read)
_PRESENT_PARTICIPLE = {"offering": "offer", "providing": "provide", "returning": "return", "using": "use", "allowing": "allow",
                       "hosting": "host", "running": "run", "operating": "operate", "displaying": "display"}
_SERVICES_DOING = re.compile(r"\b((?i:services))\s+(" + "|".join(_PRESENT_PARTICIPLE) + r")\b")

# "for any model they treat as similarly safe or safer": a relative clause with no "that", which the grammar reads with one
_CONTACT_RELATIVE = re.compile(r"\b((?i:a|an|any|each|every|the)\s+(?:[\w-]+\s+){0,2}?(?i:models?|services?))\s+(?=(?i:they|it)\s+"
                               r"(?i:treats?|considers?|regards?|deems?|provides?|offers?|operates?|runs?|places?|releases?)\b)")

# "..., unless the search engine searches only content within one website": eSafety's reader, as "the service" says it
_THE_SEARCH_ENGINE = re.compile(r"\b(where|if|when|unless)\s+the\s+(?:internet\s+)?search\s+engine\s+(?=(?:is|has|searches|only|offers|"
                                r"provides|integrates|uses|lets|allows)\b)", re.I)

# "Whatever licence it uses, a Signatory that ...", "Regardless of size, providers of ...": a concession before the
# subject says nothing of whom (left in front, the sentence had not been seen to say whom at all)
CONCESSION = r"(?:whatever|whichever|regardless\s+of|irrespective\s+of)"  # (shared with ``application_settle``)
_LEADING_CONCESSION = re.compile(rf"(?:^|(?<=[.;]\s)){CONCESSION}\s+[^,.;]{{1,80}},\s*"
                                 r"(?=(?:an?|the|all|any|each|every)?\s*(?:signator|provider|service|you\b))", re.I)
# "Under Article 53(2) AI Act this Commitment is lifted for ...": the law a sentence rests on, before its subject, says
# nothing of whom (left in front, the sentence had not been seen to say whom at all)
_LEGAL_BASIS = re.compile(r"(?:^|(?<=[.;]\s))under\s+article\s+[\w()]{1,12}(?:,?\s+(?:of\s+)?(?:the\s+)?ai\s+act)?,?\s+(?=(?:this|the)\s)", re.I)

# "Where a model's chains-of-thought are made available to third parties, Signatories will ...": the Signatories whose
# model that is, the condition said as their relative clause (the opening had known only "Where a model is ...")
_MODELS_THING = re.compile(r"(?:^|(?<=[.;]\s))(?:where|if|when)\s+(?:a|the|its|their)\s+model'?s'?\s+"
                           r"(?P<what>(?:weights|parameters|chains-of-thought|chains\s+of\s+thought|reasoning\s+traces)\b[^,.;]{3,160}),\s+"
                           r"(?:the\s+signatory|signatories|the\s+model\s+report)\s+(?P<duty>will|shall|should|must)\b"
                           # (never a further duty: "..., the Signatory will also look ...", "... access to them as well", "will in
                           # addition offer ...")
                           r"(?!\s+(?:also|in\s+addition|additionally)\b)(?![^.;]*\bas\s+well\b)", re.I)


def _title_ends(pattern: re.Pattern[str], text: str) -> int | None:
    """Where the title (or provision label) that ``pattern`` finds at the start of ``text`` ends; None when there is
    none, or when its title reads as a sentence (``_NOT_A_TITLE``)."""
    m = pattern.match(text)
    if m is None or (m.group("title") and _NOT_A_TITLE.search(m.group("title"))):
        return None
    return m.end()


def plain_legal(text: str) -> str:
    """``text`` (application wording, one or more sentences) with the drafting devices above said plainly."""
    # an amending instruction whose words stand in the text is carried out first (``amendments``)
    text = _GLUED_HEADING.sub("", _OWN_NUMBER_RUN_IN.sub("", text, count=1), count=1)
    text = _THIS_MCM.sub(lambda m: f"{m.group(1)} measure{m.group(2) or ''}", text)
    text = re.sub(r"\b((?i:if|where|when))\s+yours\s+(?=(?:is|has|offers|uses)\b)", r"\1 your service ", text)  # "If yours is a ..."
    text = re.sub(r"\b(risk\s+of\s+either)(?=\s*(?:[.;,)]|$))", r"\1 of them", text)  # "..., and to ... at high risk of either."
    text = _ONE_SERVICE_ONLY_IF.sub(r"\1 only to \2services where the service ", text)
    text = _BOTH_ALIKE.sub(r"\g<a> \g<noun> and \g<b> \g<noun>", text)
    text = _NO_LONGER_ONLY.sub("This measure applies to ", _OPEN_ONLY_TO.sub(r"\1 applies only to", text))
    text = _DOES_NOT_REACH.sub(r"\1 not apply to ", _DOES_NOT_HELP.sub(r"\1 \2 does not apply ", text))
    text = _OUTSIDE_DEFINITION.sub(r"\1 outside this code", text)
    text = _NOT_ONLY_BUT_ALSO.sub(r"\1 \2 and \3 ", _OF_THE_KINDS.sub(r"\1 \2", text))
    text = _THE_SEARCH_ENGINE.sub(r"\1 the service ", _CONTACT_RELATIVE.sub(r"\1 that ", _PARTICIPLE_ALONE.sub(r"\1 that ", text)))
    text = _WHERE_IT_APPLIES.sub(lambda m: f"Providers of services to which {m['ids']} applies ", text)
    text = _PROVIDERS_TO_WHICH.sub(lambda m: f"Providers of services to which {m['ids']} applies ", text)
    text = _SERVICES_DOING.sub(lambda m: f"{m[1]} that {_PRESENT_PARTICIPLE[m[2]]}", text)
    text = _LEGAL_BASIS.sub("", _LEADING_CONCESSION.sub("", text))
    text = _MODELS_THING.sub(lambda m: f"Signatories whose {m.group('what')} {m.group('duty')}", text)
    text = _SERIAL_COMMA.sub(r"\g<a>, \g<b> ", text)
    text = _GROUPS_SET_OFF.sub(lambda m: f"{m['a']} {m['join']} {m['b']} ", text)
    text = _EXCEPT_AS_REGARDS_MODELS.sub(r"\1 for ", _TO_THE_PRODUCT.sub(r"\1", text))
    text = _CONDITION_THEN_EXCEPT.sub(lambda m: f"{m['what'][:1].upper()}{m['what'][1:]} does not apply "
                                              f"{m['cond'][:1].lower()}{m['cond'][1:]}, {m['rest']}", text)
    # (the comma before "the app is covered ..." kept, so that the condition before it still ends there)
    no_more = _ADDS_NOTHING.sub(lambda m: f"{', ' if m[0].startswith(',') else ''}{m[1]} {m[2]} does not apply", _ALSO_WHERE.sub(r"\1, or ", text))
    text = _SENT_ELSEWHERE.sub(r"\1", no_more)
    text = _BEFORE_OPENING_WEIGHTS.sub(_those_opening_weights, _PROVIDED_ALONE.sub(", provided that ", text))
    text = _AND_AFTER_ALTERNATIVES.sub(r"\g<pre>, and that ", _AND_IT_IS_LIKELY.sub(", and is likely to be accessed by children", text))
    text = _SERVICES_TO_WHICH.sub(lambda m: f"{m['lead']}{m['what'][:1].upper()}{m['what'][1:]} applies to:", text)
    text = _SUCH_PROVIDERS_AFTER.sub(lambda m: f". {m['first'].upper()}", text)
    text = _PROVIDER_FOR_EACH.sub(lambda m: "the following services" if m["list"] else "any service", text)
    text = _ONLY_WHERE_REF.sub(r"\g<head> to services to which \g<ref> applies", text)
    text = _TREAT_AS_UNDER.sub(lambda m: f"{m['what'][:1].upper()}{m['what'][1:]} applies to Signatories with {m['who']}", text)
    text = _RELIEF_NOT_EXTENDED.sub(r"\1 exception does not apply to", _RELEASED_FROM.sub(r"\1 exempt from ", text))
    text = _IMPOSES_NOTHING.sub(lambda m: "does not apply to " if m["regards"] else f"does not apply to {m['who']} ", text)
    text = _EXCEPTED_FIRST.sub(lambda m: f"Except for {m['who']}, ", text)
    text = _HEADING_ONLY_FOR.sub(lambda m: f"This measure applies only to {m['who']}.", text)
    if (end := _title_ends(_PROVISION_LABEL, text)) is not None:
        text = text[end:]
    if (end := _title_ends(_TITLE_THEN_COLON, text)) is not None:
        text = text[end].upper() + text[end + 1:]  # the sentence after the colon, begun as a sentence
    elif (label := _SERVICES_LABEL.match(text)) is not None:
        text = f"Providers of {label['label'][:1].lower()}{label['label'][1:]} {text[label.end():]}"
    elif (heading := _HEADING_THEN_WHOM.match(text)) is not None:
        text = text[heading.end("title"):].lstrip(" :")
        text = text[:1].upper() + text[1:]
    if (end := _title_ends(_NUMBERED_TITLE, text)) is not None:
        text = text[end:]
    for inside, replacement in _INSIDE_A_SENTENCE:
        text = inside.sub(replacement, text)
    text = _OR_IF_THE_SERVICE.sub(r"\1 where ", text)
    sentences = _disapplied(split_sentences(as_amended(text)))
    out = []
    takes_out = any(_TAKES_OUT.search(s) for s in sentences)
    for sentence in sentences:
        amendment = amendment_in(sentence)
        scope_beside = any(_STATES_SCOPE.search(s) for s in sentences if s is not sentence)
        if amendment is not None and amendment.how == "substitute" and _NAMES_SERVICES.search(amendment.old) and not scope_beside:
            # "In Measure C4, for 'large services' substitute '...'" with the sentence it amends not given: the class
            # of services the measure now names
            sentence = f"This measure applies to {amendment.new}."
        elif (amendment is not None or AMENDING.match(sentence)) and not scope_beside:
            # words not given here are changed: what the measure now says is not here to read
            sentence = f"This measure applies to services as amended by an amendment of words not shown: {sentence}"
        elif amendment is not None or AMENDING.match(sentence):
            # beside the sentence it amends, whose words it does not find: that sentence no longer says whom for
            # certain, either way
            sentence = f"The words of this measure are changed by an amendment not carried out here, which may change whom it covers: {sentence}"
        # (an exception elsewhere: "exempt" in "A provider with fewer than 10 employees is not exempt" takes no one out)
        given_back = _NOT_EXCLUDED.match(sentence) if any(_TAKES_OUT.search(s) for s in sentences if s is not sentence) else None
        if given_back:
            sentence = f"However, it does apply to {given_back['who']}."
        lead = _SUBJECT_TO.match(sentence)
        if lead is not None:
            rest = sentence[lead.end():]
            rest = rest[:1].upper() + rest[1:]
            overrides = lead.group("how").lower().startswith(("notwithstanding", "despite", "in spite"))
            gives_back = _APPLIES_TO_THEM.match(rest)
            if overrides and takes_out and gives_back:
                # "(2) Subsection (1) does not apply to a classified service. (3) Despite subsection (2), this section
                # applies to a classified service that is also high impact": the services named get the measure back
                # from the exception (read alone, as a further class, it had added them and kept the exception whole)
                sentence = f"However, it does apply to {rest[gives_back.end():]}"
            elif overrides or takes_out and len(sentences) > 1:
                # "notwithstanding X": this sentence stands whatever X says; "subject to X" where X (an exception)
                # is among the sentences read here: it is read there
                sentence = rest
            else:
                sentence = f"{rest} It does not apply where {lead.group(0).strip(' ,')} says so."
        sentence = _REFERRED_TO.sub(lambda m: f"{m.group('who')} to which {m.group('where')} applies", sentence)
        sentence = _SHALL.sub(lambda m: "does not apply" if m.group(1) else "applies", sentence)
        sentence = _TO_BE_APPLIED.sub(lambda m: f"{m[1]} {'does not apply' if m[2] or m[3] else 'also applies' if m[4] or m[5] else 'applies'} to ", sentence)
        sentence = _NO_PROVIDER_UNLESS.sub("This measure applies only where the service ", sentence)
        out.append(sentence)
    return " ".join(out)
