"""Which of the paragraphs chosen as application text (``application_text.is_application``) are finally kept, and
which others are read with them.

An "If you ..." paragraph after a duty for every reader is a further duty, not the measure's scope, and so is one whose
condition refers back to an earlier one ("If you publish community standards, uphold them. / If you rely on user reports
to enforce those standards, ..."). With no sentence of scope, the first paragraph whose subject is only some readers
("Signatories that are SMEs may ...") says whom the measure is for; beside paragraphs that only let some out, so does
the paragraph before them whose subject is some readers. A paragraph that finishes the sentence of a kept one (", /
unless ...", ", / and to providers of ..."), one that goes on with its release ("Nor need ...", "That release does not
reach ..."), the sub-items a kept paragraph opens, and an amending instruction that changes the kept words are read
with it.

Why its own module: the extractor (paragraphs from a PDF) and the applicability evaluation set (paragraphs given as
text) must settle the paragraphs the same way, after each paragraph has been looked at alone.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from .amendments import AMENDING, amends_another_paragraph, amends_words_in
from .application_text import (ADDS_TO_DUTY, ANSWERED, APPLY_THIS_MEASURE, ASKS_WHOM, CONDITIONAL_OBLIGATION, DUTY, EXEMPT_HEADING, EXEMPT_LABEL,
                               LEADING_LABEL, STRAY_APPLICATION,
                               clean_artefacts, excluded_or_released, grammar_data, is_application, users_can_then_do)
from .late_exceptions import CONDITION_TAIL, CONTINUATION, EXCEPTION_TAIL, LATE_EXCEPTION, PASSIVE_DUTY
from .legal_drafting import CONCESSION, SERVICES_LABEL
from .model_wordings import FOR_EACH_MODEL, MODEL_PARTICIPLE, SIGNATORIES_OR_ONE
from .release_phrases import opens_with_release


# "If you share children's data ...": a paragraph that sets its own condition on the reader
_OPENS_WITH_CONDITION = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?(?:if|where|when)\s+(?:you|your)\b", re.I)
# "If the controls you provide ...," / "Where your service ...,": a condition addressed to the reader,
# before the first comma
_CONDITION_ON_READER = re.compile(r"^\s*(?:if|where|when)\b[^,.;:]{0,80}?\b(?:you|your)\b[^,.;:]*,", re.I)
# "Where the service has fewer than 700,000 users, the provider should ...": a condition on the service, then
# the duty of its provider ("Where a provider's terms of service do not prohibit ...": its service's terms)
_CONDITION_ON_SERVICE = re.compile(
    r"^\s*(?:if|where|when)\s+(?:a|an|the|any)\s+(?:[\w\u2019'-]+\s+){0,4}?(?:services?|platforms?)\b[^.;:]*,\s*(?:then\s+)?"
    r"(?:(?:its|the|that)\s+providers?(?:\s+of\s+(?:the|that|this|such\s+a)\s+(?:[\w-]+\s+){0,2}?service(?!\s+will\b))?|it|they)\s+"
    r"(?:should|must|shall|will|is\s+expected\s+to|needs?\s+to)\b", re.I)
# "Do not disclose children's data ...", "Switch geolocation options off by default": a duty for everyone, in the
# imperative (the verbs are application.toml's piece "imperative", which also ends a condition on the reader)
@functools.lru_cache(maxsize=1)
def _imperative() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?" + grammar_data()["pieces"]["imperative"], re.I)


def is_unconditional_duty(text: str) -> bool:
    """A paragraph that tells every reader what to do, with no condition of its own first."""
    # (never a question: "Do you need to read this standard?" opens with "Do", and tells nobody to do anything)
    return not _OPENS_WITH_CONDITION.match(text) and not CONDITIONAL_OBLIGATION.match(text) and not text.rstrip().endswith("?") and bool(
        _imperative().match(text) or _reader_duty().search(text))


# a duty laid on the reader as a sentence's subject ("You should", "Providers must"), not any "will"
# ("children are entitled to expect that the rules ... on your service will be applied" sets no duty)
_DUTY_VERB = r"(?:should|must|shall|will|need\s+to|are\s+expected\s+to|is\s+expected\s+to|are\s+required\s+to)\b"


@functools.lru_cache(maxsize=1)
def _reader_duty() -> re.Pattern[str]:
    """... or on the reader's own thing ("Your tools should work for ..."), application.toml's piece "readers_own_thing",
    which the opening that reads such a sentence uses too."""
    # ("Every provider within the code must ...": the code's readers, every one, the piece "within_the_code")
    pieces = grammar_data()["pieces"]
    return re.compile(r"(?:^|[.;:]\s+)\s*(?:(?:(?:the|all|each|every|a)\s+)?(?:you|providers?|signator(?:y|ies)|services?|organisations?|we)"
                      rf"\s+{pieces['within_the_code']}(?:\w+\s+)?|{pieces['readers_own_thing']}){_DUTY_VERB}", re.I)


# "If you rely on user reports to enforce those standards": a condition that refers back to what an earlier one named
_REFERS_BACK = re.compile(r"^\s*(?:if|where|when)\s+(?:you|your)\b[^,.;]{0,120}?\b(?:those|these|such|them|the\s+same)\b", re.I)
_CONDITION_WORDS = re.compile(r"^\s*(?:if|where|when)\s+(?:you|your)\b([^,.;]{0,160})", re.I)


def _refers_back(text: str, earlier: str) -> bool:
    """Does the condition that opens ``text`` refer back to the one that opens ``earlier`` ("... those standards", or
    two words of it again: "If you publish community standards ... / Where you rely on user reports to uphold your
    community standards")?"""
    text, earlier = LEADING_LABEL.sub("", text, count=1), LEADING_LABEL.sub("", earlier, count=1)
    if _REFERS_BACK.match(text):
        return True
    now = _CONDITION_WORDS.match(text)
    if now is None:
        return False
    pairs = lambda words: {" ".join(p) for p in zip(words, words[1:]) if not set(p) & _SMALL_WORDS}
    # (the earlier sentence whole: its condition may list with commas, "If you publish terms, policies or community ...")
    return bool(pairs(re.findall(r"[\w'-]+", now.group(1).lower())) & pairs(re.findall(r"[\w'-]+", earlier.split(".")[0].lower())))


def _within_headed_feature(texts: Sequence[str], i: int, j: int) -> bool:
    """Is ``texts[i]``, a condition ("If your service lets a parent monitor ...", "Where a parent can ..."), a further duty
    inside a standard headed by what the earlier ``texts[j]`` provides ("11. Parental controls / If you provide parental
    controls, ...")? Most writers read the later condition as part of the headed feature (6 of 8 development clauses)."""
    what = _YOU_PROVIDE.match(LEADING_LABEL.sub("", texts[j], count=1))
    # (never a sentence that takes services out or gives them back: "If your service is aimed only at adults, this
    # standard does not apply")
    unlabelled = LEADING_LABEL.sub("", texts[i], count=1)
    return bool(what and re.match(r"\s*(?:if|where|when)\b", unlabelled, re.I) and not _RESTRICTS_ONLY.match(unlabelled)
                and not opens_with_release(unlabelled) and any(
        len(h) < 60 and not DUTY.search(h) and what["what"].lower() in h.lower() for h in texts[:j]))


_YOU_PROVIDE = re.compile(r"\s*(?:if|where)\s+you\s+(?:provide|offer|use|run)\s+(?P<what>[\w\s-]{3,40}?)\s*,", re.I)
_SMALL_WORDS = frozenset("a an the your you of to for and or in on with that which who by as it its is are be use provide offer".split())


def _binds_every_reader(text: str) -> bool:
    """``is_unconditional_duty`` of the paragraph as printed or without its number ("8.1 Collect only ...")."""
    return is_unconditional_duty(text) or is_unconditional_duty(LEADING_LABEL.sub("", text, count=1))


def after_a_duty_for_all(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """``chosen`` without "If you ..." paragraphs that follow a duty for everyone.

    Once a standard has said "Do not disclose children's data ..." to every reader, a later "If you
    share children's data with third parties, carry out due diligence" is a further duty for some
    readers (a conditional obligation), not a statement that the standard covers only them.
    """
    out = []
    binds = [_binds_every_reader(t) for t in texts]
    for i in chosen:
        earlier_duty = any(j not in chosen and binds[j] for j in range(i))
        # (without its number: "8.2 If you offer ...")
        if earlier_duty and (_OPENS_WITH_CONDITION.match(LEADING_LABEL.sub("", texts[i], count=1))
                             or users_can_then_do().match(LEADING_LABEL.sub("", texts[i], count=1))):
            continue
        if earlier_duty and _SOME_READERS_DUTY.match(LEADING_LABEL.sub("", texts[i], count=1)) and not STRAY_APPLICATION.match(texts[i]):
            # "(1) Signatories will publish contact details ... / (2) Signatories that make the model available to downstream
            # providers will give them ...": after a duty for every reader, a further duty for some, as "If you ..." above
            continue
        if (earlier_duty and _EVERY_READERS_DUTY.match(LEADING_LABEL.sub("", texts[i], count=1)) and LATE_EXCEPTION.search(texts[i])
                and not STRAY_APPLICATION.match(texts[i])):
            # "Signatories will monitor the model. / To support that monitoring, Signatories will give evaluators access,
            # except where the model is similarly safe": the exception is of the further duty, never of the measure
            continue
        if _ON_THE_MODEL_NAMED.match(LEADING_LABEL.sub("", texts[i], count=1)) and any(
                DUTY.search(texts[j]) and re.search(r"\bmodels?\b", texts[j], re.I) for j in out):
            # "Signatories shall implement mitigations suited to each of their models with systemic risk. / Where the
            # model's weights are to be published, the Signatory shall ...": a further duty about the model just named
            continue
        if any(_OPENS_WITH_CONDITION.match(LEADING_LABEL.sub("", texts[j], count=1))
               and (_refers_back(texts[i], texts[j]) or _within_headed_feature(texts, i, j)) for j in out):
            # "If you publish community standards, uphold them. / If you rely on user reports to enforce those standards,
            # ...": a further duty for some of those the first condition names, not a second group
            continue
        # (never "... is also to apply this measure": the measure itself, for a further group)
        if (_ALSO_IN_SUBJECT.match(LEADING_LABEL.sub("", texts[i], count=1)) and not STRAY_APPLICATION.match(texts[i])
                and not re.search(APPLY_THIS_MEASURE, texts[i], re.I)
                and any((j not in chosen or ALSO_DOING_MORE.match(LEADING_LABEL.sub("", texts[i], count=1))) and DUTY.search(texts[j])
                        for j in range(i))):
            # "Signatories that also operate a search engine will ..." after a duty (even one with a condition of its
            # own, or one for some readers: "Signatories that crawl the web will ..."): a further duty for some of those
            # the first binds, never whom the measure covers
            continue
        out.append(i)
    return out


# "Where the model's weights are to be published, the Signatory shall ...": a condition on the model an earlier duty named
_ON_THE_MODEL_NAMED = re.compile(r"^\s*(?:if|where|when|once)\s+(?:the|that|such\s+a)\s+model(?:['\u2019]s)?\b[^,.;]{3,160},\s+"
                                 r"(?:the\s+signatory|signatories|it|they)\s+(?:will|shall|should|must)\b", re.I)
# a duty of every reader, after at most a phrase of purpose or time ("To support that monitoring, Signatories will ...")
_EVERY_READERS_DUTY = re.compile(r"^\s*(?:(?!(?:if|where|when|unless|once)\b)[^,.;]{0,80},\s+)?(?:all\s+|the\s+)?(?:signatories|providers|the\s+provider|you)\s+(?:also\s+)?"
                                 r"(?:will|should|must|shall)\b", re.I)
# a duty whose subject is some readers, named by a relative clause: "Signatories that make the model available ... will ..."
_SOME_READERS_DUTY = re.compile(r"^\s*(?:(?:all|any|the)\s+)?(?:signatories|providers)\s+(?:that|who|whose|which)\b[^.;:]{1,200}?"
                                r"\b(?:will|should|must|shall)\b", re.I)


# a paragraph whose subject is only some readers: "Signatories that are SMEs may ...", "A provider of a
# hosting service must ...", "Where your connected toy is used by several people, ..."
_SCOPED_SUBJECT = re.compile(
    r"^\s*(?:(?:a|an|the|each|every|all|any)\s+)?(?:providers?|signator(?:y|ies)|manufacturers?|suppliers?)"
    r"(?:\s+(?:or|and)\s+(?:manufacturers?|suppliers?|providers?))?\s+"
    r"(?:of\s+(?!(?:the|its|this|that|their|your)\s+(?:online\s+)?(?:service|platform)\b)|that\b|who\b|whose\b|which\b|to\s+wh(?:ich|om)\b"
    r"|(?<=signatories\s)(?:providing|offering|placing|releasing|with)\b)"
    r"|^\s*(?:if|where|when)\s+(?:you|your|(?:a|the|any)\s+signatory)\b"
    # ("Before a Signatory makes a model's parameters available for download, it will ...": never "Before you launch")
    r"|^\s*(?:before|once)\s+(?:a|the|any)\s+signatory\b"
    # ("When crawling the web, Signatories will exclude ...": those who crawl; read, or left unclear, never every reader)
    # ("Before making a model's parameters downloadable by anyone, Signatories will ...": those who do so)
    r"|^\s*(?:when|while|if|where|before|after|on|upon)\s+(?:[a-z]{3,}ing|they\s+crawl)\b[^,.;]{0,120},\s+(?:signatories|providers?|you)\s+"
    r"(?:will|shall|must|should)\b"
    # "For each model with systemic risk, Signatories will ...": the Signatories with those models
    # ("For a model placed on the market before 2 August 2025, the Signatory will ...": one said for all)
    rf"|^\s*(?:{FOR_EACH_MODEL}|for\s+(?:an?\s+|each\s+of\s+(?:its|their)\s+)?(?:general-purpose\s+ai\s+)?models?\s+)(?:with|that|which|whose|{MODEL_PARTICIPLE})\b[^,.;]{{1,160}},\s+"
    rf"{SIGNATORIES_OR_ONE}\s+(?:will|shall|must|should|commit)\b(?!\s+have\s+until\b)"
    # ("Large or multi-risk search services: the provider should ...": a label naming them, then their duty)
    rf"|{SERVICES_LABEL.replace('(?P<label>', '(?:')}"
    # "Large services are expected to ...", "Services with more than 700,000 users that ... should ...": the services
    # themselves as the subject of the duty
    r"|^\s*(?:(?:all|any|the)\s+)?(?:(?!(?:of|for|to|providers?|those|these|such|other|same)\b)[\w-]+\s+){1,4}?services\s+"
    r"(?:should|must|shall|(?:is|are)\s+(?:expected|required)\s+to)\b"
    r"|^\s*(?:(?:all|any|the)\s+)?(?:[\w-]+\s+){0,4}?(?:services|search\s+engines)\s+(?:with|that|which|whose|at|on\s+which|where|offering|providing|returning|"
    r"using|allowing|hosting|running)\b[^.]*?\s(?:should|must|shall|(?:is|are)\s+expected\s+to)\s", re.I)


# ("Whatever licence it uses, a Signatory that ...": a concession before the subject, no more of whom than an exception)
_OPENING_EXCEPTION = re.compile(rf"^\s*(?:(?:except|save)\s+(?:where|if|when|for)|{CONCESSION})\s+[^,]{{1,200}},\s*", re.I)


def settle_application(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """The application paragraphs finally kept (``_settled``), with every paragraph that amends their words ("in
    paragraph C3.1, after 'large services' insert ...": the measure is read as amended, ``amendments``)."""
    kept = _settled(texts, sorted({*chosen, *_exception_tails(texts, chosen)}))
    for i in range(1, len(texts)):
        # the last item's sentence going on after the items ("(b) ..., / and that, in either case, have ..."): never passed over
        if i - 1 in kept and i not in kept and CONTINUATION.match(texts[i]) and not _ends_sentence(texts[i - 1], texts[i]):
            kept = sorted({*kept, i})
    # ("SMEs need not publish. / Nor need a Signatory whose model is ...": the release goes on in the next paragraph; "That
    # release does not reach a model with systemic risk", "It is needed where ...": what it let out, given back)
    kept = sorted({*kept, *(i for i in range(1, len(texts)) if i - 1 in kept and _RELEASE_GOES_ON.match(texts[i]))})
    # a heading "Exemption" (or "Exempt services") and the paragraph under it, whom the measure leaves out
    headed = [j for i, t in enumerate(texts[:-1]) if EXEMPT_HEADING.fullmatch(clean_artefacts(t)) for j in (i, i + 1)] if kept else []
    kept = sorted({*kept, *headed})
    applied = [texts[i] for i in kept if not AMENDING.search(texts[i])]
    if not applied:
        return kept
    # an instruction that amends another numbered paragraph ("in paragraph C3.2, for '24 hours' substitute ...")
    # changes a recommendation: it is no part of whom the measure covers
    kept = [i for i in kept if not (AMENDING.search(texts[i]) and amends_another_paragraph(texts[i], applied))]
    more = [i for i, t in enumerate(texts) if i not in kept and AMENDING.search(t) and amends_words_in(t, applied)]
    return sorted({*kept, *more})


_RELEASE_GOES_ON = re.compile(r"\W*(?:nor|neither)\b|\W*(?:(?:this|that|the|such)\s+(?:releases?|reliefs?|exemptions?|exceptions?|simplifications?|"
                              r"concessions?)\s+(?:does|do)\s+not\s+(?:reach|cover|apply|extend)|(?:it|they|that|this)\s+(?:is|are)\s+(?:still\s+)?"
                              r"(?:needed|required|owed)\s+(?:if|where|when))\b", re.I)


def _ends_sentence(before: str, after: str) -> bool:
    """Does ``before`` end its sentence? Not after a semicolon that closes a list the next paragraph's "and that ..." goes
    on from ("... at least one of the following: user connections; commenting; / and that are at medium or high risk")."""
    return bool(re.search(r"[.!?:]\W{0,2}$", before) or (re.search(r";\W{0,2}$", before) and not re.match(r"\s*(?:and|or)\b", after)))


_TAIL_LABEL = re.compile(r"^\s*(?:[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+[A-Z]?|\(\w{1,4}\))\s+")


def _exception_tails(texts: Sequence[str], kept: Sequence[int]) -> list[int]:
    """Paragraphs that continue the sentence before them (it ends with a comma) with an exception or a condition on the
    service, after a kept paragraph or a duty for everyone (the exception is whom the measure leaves out), or after any
    other duty (with it: the sentence is read whole)."""
    tails = [i for i in range(1, len(texts)) if i not in kept and re.search(r",\s*$", texts[i - 1])
             # (a tail with a number of its own: "C22.3 unless the service allows ...")
             and (EXCEPTION_TAIL.match(_TAIL_LABEL.sub("", clean_artefacts(texts[i]), count=1))
                  or CONDITION_TAIL.match(_TAIL_LABEL.sub("", clean_artefacts(texts[i]), count=1)))]
    # (after any other duty, "External assessments are to be obtained by Signatories for each model ..., / unless the
    # model qualifies as similarly safe": the sentence is read whole, both paragraphs, never its tail alone)
    read = [j for i in tails for j in ((i,) if i - 1 in kept or _binds_every_reader(clean_artefacts(texts[i - 1]))
                                       else (i - 1, i) if DUTY.search(texts[i - 1]) or PASSIVE_DUTY.search(texts[i - 1]) else ())]
    # ... and a kept paragraph's sentence that goes on in the next ("... large services, / and to providers of ...")
    goes_on = [i for i in range(1, len(texts)) if i - 1 in kept and i not in kept and CONTINUATION.match(texts[i])
               and not _ends_sentence(texts[i - 1], texts[i])]
    return sorted({*read, *goes_on})


def _settled(texts: Sequence[str], chosen: Sequence[int]) -> list[int]:
    """The application paragraphs finally kept: ``after_a_duty_for_all``, and, when none is left, the
    first paragraph whose subject is only some readers, provided no paragraph before it lays a duty on
    everyone (a measure with no sentence of scope but "Signatories that are SMEs may ..." is for SMEs; one
    that opens "The provider should ..." and later says "Providers of large services should also ..." is
    not)."""
    kept = after_a_duty_for_all(texts, chosen)
    if kept and all(_RESTRICTS_ONLY.match(LEADING_LABEL.sub("", clean_artefacts(texts[i]), count=1))
                    or EXEMPT_LABEL.match(LEADING_LABEL.sub("", clean_artefacts(texts[i]), count=1))
                    or EXCEPTION_TAIL.match(clean_artefacts(texts[i])) or _only_releases(clean_artefacts(texts[i])) for i in kept):
        # "C5.1 Providers of services at high risk of grooming should ...", "C5.2 This applies only where the service
        # has user profiles": the restriction narrows the services the duty's subject named, which are kept with it
        first = min(kept)
        for i in range(first):
            # ("Commitment 5 Safety mitigations. Signatories providing ...", "Where it is needed to assess systemic risks,
            # Signatories providing ... will ...": the subject after a heading run into the paragraph, or a purpose)
            body = _OPENING_EXCEPTION.sub("", _RUN_IN_HEADING.sub("", LEADING_LABEL.sub("", clean_artefacts(texts[i]), count=1), count=1), count=1)
            body = _OPENING_PURPOSE.sub("", body, count=1)
            if _SCOPED_SUBJECT.match(body) and not CONDITIONAL_OBLIGATION.match(body):
                kept = sorted({i, *kept})
                break
    if kept:
        return _with_limbs(texts, kept)
    for i, text in enumerate(texts):
        # ("Except where the service is an enterprise service, a provider of ...": the subject after the exception;
        # "For the purposes of this measure, a 'scheme' is ... . Where a large service operates a scheme, ...": the
        # sentence after the definition)
        # (without the marks of extraction: "Ser- vices that use streaks ..." had named no service)
        body = _OPENING_EXCEPTION.sub("", _LEADING_DEFINITION.sub("", LEADING_LABEL.sub("", clean_artefacts(text), count=1), count=1), count=1)
        if ADDS_TO_DUTY.match(body):
            continue  # "If your service is aimed at children under 13, the DPIA should also ...": more for the duty to hold
        if re.search(r",\s*$", body) and i + 1 < len(texts) and _SCOPED_SUBJECT.match(f"{body.rstrip()} {texts[i + 1].lstrip()}"):
            # "For each general-purpose AI model with systemic risk that they provide, / Signatories will identify ...": the
            # sentence goes on in the next paragraph, whose duty the opening's models are for
            return [i, i + 1]
        if _SCOPED_SUBJECT.match(body) and not CONDITIONAL_OBLIGATION.match(body):
            if i and _ALSO_IN_SUBJECT.match(body) and any(DUTY.search(t) for t in texts[:i]):
                return []  # a further duty for some of those an earlier duty binds (``after_a_duty_for_all``)
            # ("Providers of services with livestreaming should prevent ..., / unless the service prohibits ...": the
            # duty's sentence goes on, in the next paragraph, with whom it leaves out; "C7.1 Providers of multi-risk
            # services should do X. / C7.2 Providers of large services should do Y.": each duty's subject is whom)
            more = [j for j in range(i + 1, len(texts)) if _SCOPED_SUBJECT.match(later := LEADING_LABEL.sub("", texts[j], count=1))
                    and not re.match(r"\s*(?:if|where|when|for)\b", later, re.I) and not CONDITIONAL_OBLIGATION.match(later)
                    and not re.search(r"\balso\b", later[:200], re.I)]  # ("... should also ...": a further duty)
            return sorted({i, *more, *_exception_tails(texts, [i, *more])})
        if _CONDITION_ON_READER.match(body) or _CONDITION_ON_SERVICE.match(body):
            # "If the parental controls you provide let a parent limit screen time, explain ...": the first
            # duty is on a condition about the reader's own service, so the standard is for those readers
            return [i, *_exception_tails(texts, [i])]
        if DUTY.search(text) or _binds_every_reader(text):
            return []
    return []


def _only_releases(text: str) -> bool:
    """Does ``text`` only let some out ("This Commitment is not binding on ...", "Signatories that are SMEs or SMCs are not
    expected to publish such summaries"), so that whom the measure is for is said before it?"""
    body = LEADING_LABEL.sub("", text, count=1)
    return bool(opens_with_release(body) or excluded_or_released().search(body) or _CLASS_RELEASED.match(body))


# "Signatories that are SMEs or SMCs are not expected to publish such summaries": a class let out of the duty said before
_CLASS_RELEASED = re.compile(r"^\s*(?:signatories|providers)\s+(?:that|who|which)\s+are\s+[^.;]{1,80}?\s+(?:are\s+not\s+(?:expected|required|obliged)\s+to"
                             r"|need\s+not|do\s+not\s+(?:need|have)\s+to)\b", re.I)
# "Commitment 5 Safety mitigations. Signatories ...": a heading run into the paragraph's first sentence
_RUN_IN_HEADING = re.compile(r"^\s*(?:commitment|measure|standard|section)\s+\d{1,3}(?:\.\d{1,3})?\s+[^.;:]{1,80}\.\s+(?=[A-Z])", re.I)
# "Where it is needed to assess or reduce systemic risks, Signatories ...": why the duty is owed, never whom
_OPENING_PURPOSE = re.compile(r"^\s*(?:where|if|when|so\s+far\s+as)\s+(?:it\s+is|this\s+is)\s+(?:needed|necessary|appropriate|required)\b[^,.;]{0,120},\s+", re.I)


# "Signatories that also operate ...", "Providers of such services should also ...": "also" in the subject or before the verb
_ALSO_IN_SUBJECT = re.compile(r"^[^,.;:]{0,120}?\balso\b", re.I)
# "Signatories that also run an online search engine will ...", "Where the Signatory also runs a search engine, it will
# ...": those readers, doing more (never "A provider of a Tier 1 service must also comply with subclause (1)", which adds
# a group)
ALSO_DOING_MORE = re.compile(r"^\s*(?:(?:all|those|the)\s+)?(?:signatories|providers|an?\s+(?:signatory|provider))\s+(?:that|who|which)\s+also\b"
                             r"|^\s*(?:where|if|when)\s+(?:the|a|an|that)\s+(?:signatory|provider)\s+also\b", re.I)
# a definition that opens a paragraph: "In this measure, 'X' means ... . ", "For the purposes of this measure, ... . "
_LEADING_DEFINITION = re.compile(r"^\s*(?:in|for\s+the\s+purposes\s+of)\s+this\s+(?:measure|standard|section|code|chapter|commitment|part)"
                                 r"\s*,[^.]*\.\s+(?=[A-Z])", re.I)


# "This section applies to a provider of a social media service if:" followed by "(a) the service is ...; and"
# "(b) ...": the sentence goes on in the sub-items after it
# ("C9.1 This measure applies to providers of" with no colon, its items on the lines below: the sentence is unfinished)
_OPENS_LIMBS = re.compile(r"(?::|\b(?:if|where|unless|that|which|who)\s*:?|\bof\s+the\s+following\s*:?|\b(?:providers\s+of|applies\s+to|"
                          r"services\s+that\s+(?:are|have))\s*)\s*$", re.I)
# "... at medium or high risk of one or more of the following:" (its list the next paragraph, with or without labels)
_LIST_FOLLOWS = re.compile(r"\bof\s+the\s+following(?:\s+[\w-]+){0,5}\s*:\s*$", re.I)
_LIMB = re.compile(r"^\s*\(?(?:[a-h]|[ivx]{1,4})[.)]\s", re.I)


# a sentence that only narrows, widens or excepts what another says ("This applies only where ...", "It does not
# apply to ...", "It also applies to ...")
_RESTRICTS_ONLY = re.compile(r"^\W*(?:(?:where|if|when|in\s+the\s+case\s+of|in\s+(?:either|each|both|every|any)\s+case)\b[^,.;]{0,160},\s*)?"
                             # ("Where the service is a vertical search service, this measure does not apply")
                             r"(?:(?:this|the)\s+(?:[\w-]+\s+){0,3}?(?:measure|standard|section|commitment|requirement|paragraph)|this|it)\s+"
                             r"(?:(?:only\s+)?applies\s+only|only\s+applies|does\s+not\s+apply|"
                             r"also\s+applies|applies\s+also)\b", re.I)
# a heading-like label with nothing after it, whose answer is the next paragraph ("Who this measure is for")
WHO_LABEL = re.compile(r"\s*(?:\d{1,3}\s+(?=(?:application|scope)\s*:))?(?:who\s+(?:this|the)\s+(?:measure|standard|section|commitment|requirement)\s+(?:is\s+for|applies\s+to)"
                        r"|who\s+(?:it|this)\s+applies\s+to|who\s+should\s+apply\s+(?:it|this\s+measure)|application|scope|"
                        r"applies\s+to)\s*[:.]?\s*", re.I)


def _with_limbs(texts: Sequence[str], kept: list[int]) -> list[int]:
    """``kept`` and, after a kept paragraph that ends where its sub-items start, those sub-items (or, after a
    paragraph that asks whom the measure is for, the answer)."""
    out = list(kept)
    for i in kept:
        text = clean_artefacts(texts[i]).strip()
        if (ASKS_WHOM.fullmatch(text) or WHO_LABEL.fullmatch(text)) and i + 1 < len(texts) and i + 1 not in out:
            out.append(i + 1)  # "Which services does this measure apply to?" / "Large services."
            j = i + 2
            while j < len(texts) and ANSWERED.match(clean_artefacts(texts[j])) and j not in out:
                out.append(j)  # "Does this part apply to me?" / "Yes, if ..." / "No, if ...": each answer
                j += 1
        if not _OPENS_LIMBS.search(text):
            continue
        j = i + 1
        if _LIST_FOLLOWS.search(text) and j < len(texts) and j not in out and not _LIMB.match(texts[j]) \
                and len(texts[j]) < 300 and not DUTY.search(texts[j]):
            out.append(j)  # "... of one or more of the following: / grooming, hate, harassment.": the list, unlabelled
            continue
        while j < len(texts) and _LIMB.match(texts[j]):
            if j not in out:
                out.append(j)
            j += 1
        if j > i + 1 and j < len(texts) and j not in out and _AFTER_LIMBS.match(texts[j]) and re.search(r"[,;]\s*(?:and|or)?\s*$", texts[j - 1]):
            out.append(j)  # "(b) at high risk of violent content, / in each case where ...": the sentence's end
    return sorted(out)


# the words that end a sentence after its sub-items and bear on all of them: "in each case where the service does not
# use highly effective age assurance", "provided that ...", "other than ..."
_AFTER_LIMBS = re.compile(r"^\s*(?:and\s+|or\s+)?(?:in\s+(?:each|either|both|every|any)\s+(?:case|cases)|provided\s+that|save\s+that|"
                          r"except\b|excluding|other\s+than|unless)\b", re.I)


def application_paragraphs(texts: Sequence[str], phrase: re.Pattern[str] | None) -> list[int]:
    """Indexes of the application paragraphs among a measure's paragraphs given as plain text."""
    chosen = [i for i, t in enumerate(texts) if is_application(t, phrase, False, False)]
    return settle_application(texts, chosen)
