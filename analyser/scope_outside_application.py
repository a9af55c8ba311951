"""Whom a measure covers when no sentence of it was read as its application: words elsewhere that say or may say
it (a heading, a table, a definition, a condition on the reader: ``unstated_scope``), features its first duty
names, a duty whose subject points elsewhere, or any sentence that speaks of whom it is for in a shape not read.

Why its own step: without it, a measure with no application sentence is every service's, and each shape above
had made that a confident answer for services the words leave out. What is found here is read, or left
unclear; only a measure that says nothing of whom it is for keeps "every service".
"""

from __future__ import annotations

import functools
import re

from .amendments import split_sentences
from .application_intros import PROHIBITION, grammar, match_intro
from .signatory_openings import without_included
from .application_text import LEADING_LABEL, grammar_data, users_can_then_do
from .condition_tokens import features_named
from .condition_tree import and_, duty_for_every_reader_or_featured, only_relief_classes
from .conditions import Vocabulary, atom, describe, is_understood, parse_application
from .vocabulary import names_whom_in_a_duty
from .defined_terms import term_definitions, undefined_class
from .models import Applicability, Condition, Measure
from .unstated_scope import UnstatedScope, first_duty, is_heading, unstated_scope


def class_words(vocab: Vocabulary) -> frozenset[str]:
    """Every wording of the code's own kinds and features, lower case: "relevant electronic service" is the law's
    class, not one the measure must define."""
    words: set[str] = set()
    for table in (vocab.kinds, vocab.features):
        for entry in table.values():
            words.update(w.lower() for w in (entry.get("label", ""), *entry.get("variants", ())) if isinstance(w, str) and w)
    return frozenset(words)


def scope_outside_application(app: Applicability, measure: Measure, code_kind: str, vocab: Vocabulary, id_pattern,
                               intros: tuple, own_classes: frozenset[str] | None = None) -> bool:
    """No application sentence: sets ``app`` from words elsewhere that say or may say whom the measure covers
    (``unstated_scope``), else from features its first duty names; False (``app`` untouched) when there are none."""
    unstated = unstated_scope(measure)
    if unstated is not None:
        _read_unstated(app, unstated, measure, code_kind, vocab, id_pattern, intros)
        return True
    duty = first_duty(measure)
    defined = _defined_subject(duty, measure)
    if defined is not None:
        return _read_defined_subject(app, defined, measure, code_kind, vocab, id_pattern, intros)
    unread = _unread_subject(duty, measure, own_classes if own_classes is not None else class_words(vocab))
    if unread:
        # "Signatories referred to in Measure 3.1 shall ...", "The provider of a relevant service should ..." (the term
        # defined elsewhere): the duty is for a class this measure does not spell out, never every service
        return _unclear(app, unread, f"{measure.id}: no application sentence; its first duty is for '{unread}', a class "
                                     f"not spelled out here, so whom it covers is unclear")
    excepted = _SUBJECT_EXCEPTION.match(without_included(duty))
    if excepted is not None:
        # "Signatories, other than those relying on the similarly safe model concept, will ...": every reader but those
        words = excepted.group(0).strip(" ,")
        return _read_as_scope(app, f"This measure applies to {excepted.group('who')}, other than {excepted.group('but')}.", words,
                              code_kind, vocab, id_pattern, intros,
                              unread=f"{measure.id}: no application sentence; its first duty's subject '{words}' leaves some "
                                     f"out in words not understood",
                              read=f"{measure.id}: no application sentence; its first duty's subject '{words}' says whom it "
                                   f"leaves out, read as ")
    if _code_formula(app, duty, measure, code_kind, vocab, id_pattern, intros):
        return True
    # the first duty read with every opening (the profile's and the grammar's), once for both shapes below
    sentence = split_sentences(duty)[0] if duty else ""
    hit = match_intro(sentence.rstrip(" ."), (*intros, *grammar()[0])) if sentence else None
    if hit is not None and hit[2]:
        return _duty_with_exception(app, sentence, hit[2], measure, code_kind, vocab, id_pattern, intros)
    if hit is not None and hit[3] and _duty_with_condition(app, sentence, hit[3], measure, code_kind, vocab, id_pattern, intros):
        return True
    if _restricted_subject(app, duty, measure, code_kind, vocab, id_pattern, intros):
        return True
    if _duty_names_features(app, measure, vocab, id_pattern):
        return True
    words = _speaks_of_scope(measure)
    if words:
        # "Measures C4 to C6 apply to large services", "The duty in paragraph (2) is owed by ...": words about whom
        # the measure is for, in a shape not read
        return _unclear(app, words, f"{measure.id}: no sentence was read as saying whom the measure covers, but "
                                    f"'{words}' speaks of it, so whom it covers is unclear")
    return False


def _unclear(app: Applicability, words: str, warning: str) -> bool:
    app.condition = atom("unknown", text=words)
    app.unparsed.append(words)
    app.warnings.append(warning)
    return True


# the first duty's subject with an exception set off by commas: "Signatories, other than those relying on ..., will"
_SUBJECT_EXCEPTION = re.compile(
    r"^\s*(?P<who>(?:(?:all|each|every|a|an|the)\s+)?(?:signatories|signatory|providers?))\s*,\s*(?:other\s+than|except(?:\s+for)?|"
    r"excluding|save\s+for|apart\s+from|but\s+not)\s+(?P<but>[^,]{3,200}),\s*(?=(?:will|must|should|shall|are\s+expected\s+to|"
    r"commit\s+to)\b)", re.I)


# a sentence about whom a measure (or a part of it) is for, in any wording: a measure word near a verb of applying
_SCOPE_TALK = re.compile(
    r"[^.;]*(?:\b(?:this|the|these|that|an?|each|every)\s+(?:[\w-]+\s+){0,2}?(?:measures?|standards?|commitments?|sections?|codes?|duty|duties|"
    r"recommendations?|requirements?|paragraphs?)\b|\b(?:measures?|paragraphs?|sections?)\s+\(?[A-Z]{0,4}\s?\d[\w.()]*)"
    r"(?:\s+(?:to|and|or)\s+\(?[A-Z]{0,4}\s?\d[\w.()]*)?\s+(?:[\w-]+\s+){0,4}?"
    r"(?:appl(?:y|ies|ied)|(?:is|are)\s+(?:not\s+)?(?:owed|for|intended|meant|designed|relevant|addressed|aimed|about)|cover(?:s|ed)?|concerns?)\b[^.;]*"
    r"|[^.;]*\b(?:no|any|every)\s+provider\s+(?:need|needs)\s+(?:not\s+)?apply\b[^.;]*"
    # "The Commitments of this Chapter do not bind a Signatory in respect of a model it releases under ..."
    r"|[^.;]*\b(?:do|does|shall|will)\s+not\s+(?:bind|oblige|extend\s+to)\b[^.;]*"
    # "Services that are not large, and not multi-risk, are not covered", "... fall outside it", "... need not comply"
    r"|[^.;]*\b(?:services|providers|signatories)\b[^.;]{0,200}\b(?:(?:is|are)\s+(?:not\s+)?(?:covered|exempt(?:ed)?|excluded|outside|"
    r"within\s+scope|in\s+scope|out\s+of\s+scope)|falls?\s+outside|need\s+not\s+(?:apply|comply|follow))\b[^.;]*", re.I)


def _speaks_of_scope(measure: Measure) -> str:
    """The first sentence of the measure that speaks of whom it (or a part of it) is for; "" if none."""
    for p in measure.paragraphs:
        m = _SCOPE_TALK.search(" ".join(p.text.split()))
        if m is not None:
            return m.group(0).strip()
    return ""


# the subject of a duty that points elsewhere for whom it binds: "Signatories referred to in Measure 3.1", "A provider
# to which paragraph C4.1 applies"
_POINTING_SUBJECT = re.compile(r"\b(?:signatories|providers?|services?)\s+(?:to\s+(?:which|whom)|referred\s+to\s+in|mentioned\s+in|"
                               r"described\s+in|specified\s+in|covered\s+by)\s+(?:[^,.;]|\.(?=\d)){1,80}?(?=\s+(?:must|should|shall|will|may)\b)", re.I)


def _before_the_verb(duty: str) -> str:
    """The first duty's words before its first modal verb ("Large enterprises" in "Large enterprises will ..."); "" for none."""
    return re.split(r"\b(?:must|should|shall|will|may)\b", duty, maxsplit=1)[0] if duty else ""


def _defined_subject(duty: str, measure: Measure) -> tuple[str, str] | None:
    """(the term, what it means) when the first duty's subject is a term the measure defines in quotes ("In this
    Measure, a 'large enterprise' means a Signatory that is neither an SME nor an SMC. / Large enterprises will ...")."""
    subject = _before_the_verb(duty)
    for term, (body, _sentence) in term_definitions(measure).items():
        if re.fullmatch(rf"\s*(?:(?:all|each|every|any|the|a|an)\s+)?{re.escape(term)}s?\s*", subject, re.I):
            return term, body
    return None


def _read_defined_subject(app: Applicability, defined: tuple[str, str], measure: Measure, code_kind: str, vocab: Vocabulary,
                          id_pattern, intros: tuple) -> bool:
    term, body = defined
    return _read_as_scope(app, f"This measure applies to {body}.", body, code_kind, vocab, id_pattern, intros,
                          unread=f"{measure.id}: no application sentence; its first duty is for '{term}', defined here as "
                                 f"'{body}', in words not understood",
                          read=f"{measure.id}: no application sentence; its first duty is for '{term}', read as the measure "
                               f"defines it: ")


def _read_as_scope(app: Applicability, statement: str, words: str, code_kind: str, vocab: Vocabulary, id_pattern,
                   intros: tuple, *, unread: str, read: str) -> bool:
    """``statement`` ("This measure applies to ...", made from the duty's words) read as whom the measure covers, the
    reading said after ``read`` in a warning; unclear, with ``unread``, where it is not wholly understood."""
    got = _understood(statement, code_kind, vocab, id_pattern, intros)
    if got is None:
        return _unclear(app, words, unread)
    app.condition = got
    app.warnings.append(f"{read}{describe(app.condition, vocab)}")
    return True


def _understood(statement: str, code_kind: str, vocab: Vocabulary, id_pattern, intros: tuple) -> Condition | None:
    """``statement`` read as application text, or None where it is not wholly understood."""
    got = parse_application(statement, code_kind, vocab, id_pattern, intros).condition
    return got if got is not None and is_understood(got) else None


def _unread_subject(duty: str, measure: Measure, own_classes: frozenset[str]) -> str:
    """The words of the first duty's subject that name a class the measure does not spell out; "" if none."""
    subject = _before_the_verb(duty)
    m = _POINTING_SUBJECT.search(subject + " must")
    if m is not None:
        return m.group(0)
    return undefined_class(subject, measure, own_classes) if subject else ""


def _read_unstated(app: Applicability, unstated: UnstatedScope, measure: Measure, code_kind: str, vocab: Vocabulary,
                   id_pattern, intros: tuple) -> Applicability:
    """No application sentence, but words elsewhere say (a heading) or may say (a condition on the reader) whom
    the measure covers: read them; what they do not settle is unclear, never every service."""
    read = parse_application(unstated.reading, code_kind, vocab, id_pattern, intros)
    cond = read.condition if read.condition is not None else atom("unknown", text=unstated.words)
    if not is_understood(cond):
        cond = atom("unknown", text=unstated.words)
        app.unparsed.append(unstated.words)
    if unstated.restricts:
        app.condition = cond
        app.warnings.append(f"{measure.id}: no application sentence; '{unstated.words}' in its heading says whom it "
                            f"covers, read as {describe(cond, vocab)}")
    else:
        # a condition on the reader: the measure for those services only, or a duty those services have beside
        # whatever the rest of it asks of everyone; decided only where the two readings agree
        app.condition = Condition(op="agree", params={"why": "reader-condition"}, args=[atom("all"), cond])
        app.warnings.append(f"{measure.id}: no application sentence; '{unstated.words}' sets a condition on the "
                            f"reader, which may say whom the measure covers; services that do not meet it are unclear")
    return app


# the subject of a duty, before its verb: "MCM 1. A provider of a social media service that has been assessed ... as
# being in the highest risk tier must ...", "A large service that marks the accounts of ... should ..."
_DUTY_SUBJECT = re.compile(r"^\W*(?P<who>[^.;:]{3,300}?)\s+(?:must|should|shall|will|"
                           r"(?:is|are)\s+(?:expected|required)\s+to|needs?\s+to)\b", re.I)
# ... whose head is a service, its provider or a signatory, narrowed by words before or after it (not "The provider's
# senior governance body", nor a bare "A provider", "Signatories", "Providers of the service")
_SERVICE_SUBJECT = re.compile(r"^(?!(?:if|when|whenever|where|once|unless|in|for|after|before|as)\b)"
                              r"(?:(?:a|an|the|each|every|any|all|such)\s+)?(?P<pre>(?:[\w-]+\s+){0,5}?)"
                              r"(?:providers?|services?|signator(?:y|ies)|platforms?)(?![\w'\u2019])(?P<post>.*)$", re.I)
_BARE_POST = re.compile(r"^\s*(?:of\s+(?:the|a|an|its|their|this|that|any)\s+(?:service|platform)s?|of\s+services?)?"
                        r"(?:\s*(?:in\s+scope|within\s+(?:the\s+)?scope|(?:covered|bound)\s+by\s+(?:this|the)\s+\w+))?\s*$", re.I)
# when the duty falls due, not whom it binds: "A provider that becomes aware of ...", "Signatories who receive a request"
_EVENT = re.compile(r"\b(?:that|who|which)\s+(?:becomes?|receives?|learns?|identif(?:y|ies)|suspects?|knows?|is\s+aware|are\s+aware|"
                    r"has\s+reasonable|have\s+reasonable|decides?|chooses?|wishes|wants?|intends?)\b", re.I)


def _narrowing_subject(duty: str) -> str:
    """The first duty's subject where it narrows its reader to some services ("A social media service that is in the
    top risk tier for online pornography must ..."); "" for a bare reader or a subject about an event."""
    # (without the paragraph's own label, which would end the first sentence at its dot: "MCM 1. ", "J3.2 ")
    sentence = split_sentences(LEADING_LABEL.sub("", duty, count=1))[0] if duty else ""
    m = _DUTY_SUBJECT.match(sentence)
    who = m.group("who").strip(" ,") if m else ""
    head = _SERVICE_SUBJECT.match(who)
    if head is None or _EVENT.search(who) or (not head.group("pre").strip() and _BARE_POST.match(head.group("post"))):
        return ""
    return who


def _restricted_subject(app: Applicability, duty: str, measure: Measure, code_kind: str, vocab: Vocabulary, id_pattern,
                        intros: tuple) -> bool:
    """No application sentence, and the first duty's subject narrows its reader to some services: read as whom the
    measure covers, or unclear when not wholly understood. Why: such a duty had been every service's, a confident
    answer for the services its subject leaves out. False (``app`` untouched) for a bare reader or an event."""
    who = _narrowing_subject(duty)
    if not who:
        return False
    return _read_as_scope(app, f"This measure applies to {who}.", who, code_kind, vocab, id_pattern, intros,
                          unread=f"{measure.id}: no application sentence; its first duty is for '{who}', words not "
                                 f"understood, so whom it covers is unclear",
                          read=f"{measure.id}: no application sentence; its first duty's subject '{who}' says whom it "
                               f"covers, read as ")


def subject_beside_exceptions(app: Applicability, measure: Measure, code_kind: str, vocab: Vocabulary, id_pattern,
                              intros: tuple) -> None:
    """Application text that only leaves services out ("Publication is not needed for a model that is treated as
    similarly safe"), beside a first duty whose subject narrows its reader ("Signatories with a model with systemic risk
    will publish ..."): the measure is for those the subject names, less those left out. So too, read both ways, beside
    a permission for the classes the code eases duties for, or an instruction that names a feature; and text that is only
    further duties on a condition ("If other users can see ...") after an instruction that names a feature is that
    instruction's. Why: read alone, the exceptions (or the conditions) had decided every other service with confidence.
    Untouched otherwise."""
    if app.condition is None or app.decided_by != "text":
        return
    chosen = [" ".join(p.text.split()) for p in measure.paragraphs if p.is_application]
    duty = first_duty(measure)
    if not chosen or not duty or duty in chosen:
        return
    # (the regular expressions first: every measure passes here, and reading each application paragraph again is the
    # costly part)
    if all(users_can_then_do().match(t) for t in chosen) and _further_duties_on_a_condition(app, measure, duty, vocab, id_pattern):
        return
    who = _narrowing_subject(duty)
    # ("Signatories that are SMEs or SMCs may use the shorter Form / The shorter Form is not available for a model with
    # systemic risk": a permission for the classes the code eases duties for, beside text that only takes some back)
    opening = LEADING_LABEL.sub("", duty, count=1)
    permitted = "" if who else (m.group("who") if (m := _PERMITTED.match(opening)) else "")
    # ("Switch off by default any option that uses profiling ... / Profiling you need to deliver your core service falls
    # outside this default": an instruction that names a feature, beside text that only leaves some out; read as the
    # exception alone, every service without profiling had been bound with confidence; only an instruction: "Signatories
    # will publish a summary ... where that helps to assess systemic risk" names no holder)
    features = [] if who or permitted or not _imperative_first().match(opening) else _features_a_duty_names(duty, vocab, id_pattern)
    if not (who or permitted or features) or not all(_leaves_out_only(t, code_kind, vocab, id_pattern, intros) for t in chosen):
        return
    if features:
        app.condition = and_(duty_for_every_reader_or_featured(features), app.condition)
        app.warnings.append(f"{measure.id}: its application text only leaves services out; its first duty names "
                            f"{', '.join(vocab.feature_label(f) for f in dict.fromkeys(features))}, so services without it "
                            f"are unclear")
        return
    # ("SMEs and SMCs may ...": each of the two, which no one Signatory is both of)
    permitted = re.sub(r"\b(sm[ec]s)\s+and\s+(?=sm[ec]s\b)", r"\1 or ", permitted, flags=re.I)
    subject = _understood(f"This measure applies to {who or permitted}.", code_kind, vocab, id_pattern, intros)
    if permitted:
        if subject is not None and only_relief_classes(subject, vocab):
            app.condition = and_(Condition(op="agree", params={"why": "permission"}, args=[subject, atom("all")]), app.condition)
            app.warnings.append(f"{measure.id}: its application text only leaves services out; its first sentence permits "
                                f"'{permitted}' something, which may make the measure theirs")
        return
    if subject is None:
        subject = atom("unknown", text=who)
        app.unparsed.append(who)
    app.condition = and_(subject, app.condition)
    app.warnings.append(f"{measure.id}: its application text only leaves services out; its first duty is for '{who}', "
                        f"read as {describe(subject, vocab)}")


# a permission's subject: "Signatories that are SMEs or SMCs may ...", "An SME may ..."
_PERMITTED = re.compile(r"^\W*(?P<who>[^.;:]{0,80}?\b(?:signator(?:y|ies)|providers?)\b[^.;:]{0,120}?|(?:(?:an?|any)\s+)?(?:smes?|smcs?)"
                        r"(?:\s+(?:or|and)\s+(?:an?\s+)?(?:smes?|smcs?))?)\s+may\b", re.I)


def _further_duties_on_a_condition(app: Applicability, measure: Measure, duty: str, vocab: Vocabulary, id_pattern) -> bool:
    """"Location features should start in the off position ... / If other users can see a child's location, show an
    obvious sign ...": later duties on a condition, inside the standard its first duty names; read as the scope, the
    standard had become the later condition's alone, with confidence. False (``app`` untouched) when the first duty names
    no feature."""
    features = _features_a_duty_names(duty, vocab, id_pattern)
    if not features:
        return False
    app.condition, app.confidence, app.unparsed = duty_for_every_reader_or_featured(features), 0.5, []
    app.warnings.append(f"{measure.id}: its first duty names {', '.join(vocab.feature_label(f) for f in dict.fromkeys(features))}"
                        f" and its later paragraphs are further duties on a condition, so services without it are unclear")
    return True


@functools.lru_cache(maxsize=1)
def _imperative_first() -> re.Pattern[str]:
    """A duty that opens with an instruction ("Switch off ...", "Do not ..."), the pattern application.toml shares."""
    return re.compile(r"^\W*(?:" + grammar_data()["pieces"]["imperative"] + ")", re.I)


def _leaves_out_only(text: str, code_kind: str, vocab: Vocabulary, id_pattern, intros: tuple) -> bool:
    cond = parse_application(text, code_kind, vocab, id_pattern, intros).condition
    return cond is not None and (cond.op == "not" or cond.op == "and" and all(a.op == "not" for a in cond.args))


# a sentence that says whom it leaves out: "The Commitments of this Chapter do not bind a Signatory in respect of ...",
# "Unless your service uses age assurance ..., treat every user as ..." (never "unless you can show a compelling reason"), "Other
# than a supplier of ..., a person ... must"
_LEAVES_OUT = re.compile(r"[^.;]*\b(?:(?:do|does|shall|will|need)\s+not\s+(?:bind|oblige|extend\s+to|apply|cover)|(?:is|are)\s+"
                         # ("only the chat line is left out", "is outside the code", "That option is not open to them for ...")
                         r"(?:exempt(?:ed)?|excluded|not\s+covered|left\s+out|outside\s+(?:the|this)\s+(?:code|standard|scope)|not\s+(?:open|available)\s+to)|unless(?!\s+(?:you|they|it)\s+(?:can|could|are\s+able|is\s+able)\b|\s+there\s+is\b|"
                         r"\s+it\s+is\s+(?:not\s+)?(?:possible|feasible|practicable|necessary|appropriate|proportionate)\b)"
                         # ("Other than a supplier of Tier 3 equipment, a person in the equipment section must ...": an exception)
                         r"|(?<![\w,)]\s)(?<![\w,])(?:other\s+than|except(?:\s+for)?|excluding|apart\s+from|save\s+for)\s+(?:an?|any|the|those)\s+(?:[\w-]+\s+){0,4}?"
                         r"(?:providers?|suppliers?|services?|persons?|signator(?:y|ies)|models?)\b)\b[^.;]*", re.I)


# a feature denied to the services the sentence names ("services ... that do not use age assurance", "without using
# ...", "Signatories other than SMEs"), never a negation about something else ("Without limiting what reasonable steps may be", "unless you can show")
_NEGATION = re.compile(r"\b(?:that|which|who|whose|where|if|when)\s+(?:[\w-]+\s+){0,3}?(?:do|does|did)\s*(?:not|n[\u2019']t)\s+"
                       r"(?:use|have|offer|provide|operate|run|allow|support|deploy|employ|hold|carry)\b"
                       r"|\bwithout\s+(?:using|having|offering|providing|operating|running|allowing)\b|\bno\s+means\b"
                       # ("Signatories other than SMEs publish ...": the class the duty names, taken out)
                       r"|\b(?:signatories|providers|services)\s+(?:other\s+than|except(?:\s+for)?|excluding|apart\s+from)\b", re.I)


def _features_a_duty_names(duty: str, vocab: Vocabulary, id_pattern) -> list[str]:
    """The features the first sentence of ``duty`` names as those it is for ("Switch options that use profiling off"),
    none for a prohibition ("Do not use nudge techniques ...")."""
    first = duty.split(". ")[0] if duty else ""
    if not duty or PROHIBITION.match(duty):
        return []
    return [f for f in features_named(first, vocab, id_pattern) if names_whom_in_a_duty(f, first, vocab)]


def _duty_names_features(app: Applicability, measure: Measure, vocab: Vocabulary, id_pattern) -> bool:
    """No application sentence, and the measure's first duty names features ("Switch geolocation options off by
    default", "Signatories commit to employing web-crawlers that ..."): every service's duty, or the duty of those
    with the features? Writers read it both ways, as they do the same duty written as application text; decided
    only where the two readings agree. False (``app`` untouched) when the duty names none or forbids."""
    duty = first_duty(measure)
    first = duty.split(". ")[0] if duty else ""
    features = _features_a_duty_names(duty, vocab, id_pattern)
    named_by = "its first duty names"
    if not features and duty and not PROHIBITION.match(duty):
        features, named_by = _heading_features(measure, duty, vocab, id_pattern), "its heading names"
    if not features:
        return False
    leaves_out = next((m.group(0).strip() for p in measure.paragraphs if (m := _LEAVES_OUT.search(" ".join(p.text.split())))), "")
    if leaves_out:
        # "... the device-level expectations in this standard do not apply": whom it leaves out, in words not read
        return _unclear(app, leaves_out, f"{measure.id}: no application sentence; its first duty names features, and "
                                         f"'{leaves_out}' leaves some services out in words not understood")
    negated = _NEGATION.search(first)
    if negated:
        # "... services used by both adults and children that do not use age assurance": a feature named only to be
        # denied; read as "or those who have it", the services with it would be covered with confidence
        return _unclear(app, first, f"{measure.id}: no application sentence; its first duty names features and "
                                    f"'{negated.group(0)}', so whom it covers is unclear")
    app.condition = duty_for_every_reader_or_featured(features)
    app.warnings.append(f"{measure.id}: no application sentence; {named_by} "
                        f"{', '.join(vocab.feature_label(f) for f in dict.fromkeys(features))}, "
                        f"so services without it are unclear")
    return True


def _heading_features(measure: Measure, duty: str, vocab: Vocabulary, id_pattern) -> list[str]:
    """Features named in the headings above the first duty that the code's profile says a heading may confine the
    measure to (``in_a_heading``): "14. Connected toys and devices" over "Explain at the point of purchase how the toy
    collects personal data" (read as every reader's, each service without a toy had been covered with confidence; the
    ICO's "9. Data sharing" over "Do not disclose ..." names no such feature, and binds every reader)."""
    found: list[str] = []
    for p in measure.paragraphs:
        text = " ".join(p.text.split())
        if text == duty:
            break
        if is_heading(text):
            found += [f for f in features_named(text, vocab, id_pattern)
                      if (words := vocab.features.get(f, {}).get("in_a_heading")) and re.search(words, text, re.I)]
    return found


def _code_formula(app: Applicability, duty: str, measure: Measure, code_kind: str, vocab: Vocabulary, id_pattern,
                  intros: tuple) -> bool:
    """No application sentence, and the first duty opens with one of the code profile's own openings ("(1) If the
    service uses encryption, the provider of the service will ...": the Basic Online Safety Expectations' formula,
    which names the sections it covers): the duty is read as the profile says. False (``app`` untouched) when no
    opening of the profile matches or the sentence is not wholly understood."""
    sentence = split_sentences(duty)[0] if duty else ""
    if not sentence or not intros or match_intro(sentence, intros) is None:
        return False
    return _read_duty(app, sentence, code_kind, vocab, id_pattern, intros,
                      f"{measure.id}: no application sentence; its first duty opens as the code's own wording of whom "
                      f"('{sentence[:120]}')")


def _duty_with_exception(app: Applicability, sentence: str, late: str, measure: Measure, code_kind: str, vocab: Vocabulary,
                         id_pattern, intros: tuple) -> bool:
    """No application sentence, and the first duty (``sentence``) is for every reader but ends with an exception about
    whom (``late``: "Signatories will let evaluators use the model, unless the model counts as a similarly safe or safer
    model"): every service but those, as the same sentence reads as application text (why: the features the exception
    names are not the duty's); unclear when the sentence is not wholly understood."""
    return (_read_duty(app, sentence, code_kind, vocab, id_pattern, intros,
                       f"{measure.id}: no application sentence; its first duty leaves out '{late}'")
            # (whom it leaves out, not understood: never passed over for the features the duty names)
            or _unclear(app, late, f"{measure.id}: no application sentence; its first duty leaves out '{late}', "
                                   f"words not understood, so whom it covers is unclear"))


# "if they have reasonable grounds to believe ...", "when it becomes aware of ...": when the duty falls due, not whom
_TRIGGER = re.compile(r"^(?:if|where|when)\s+(?:they|it|the\s+signatory|the\s+provider)\s+(?:have|has|becomes?|receives?|learns?|"
                      r"identif(?:y|ies)|considers?|believes?|knows?|suspects?|is\s+aware|are\s+aware)\b", re.I)


# a condition whose subject is the reader's service or model ("where (a) the model presents ..."), not an event
# ("if the systemic risks stemming from the model are determined to be acceptable", "if the precise dates are unclear")
_ON_THE_SERVICE = re.compile(r"^(?:if|where|when|provided\s+that)\s+(?:\(\w{1,4}\)\s*)?(?:the|its|their|a|an|any)\s+"
                             r"(?:(?!of\b|from\b|by\b|in\b|stemming\b|for\b)[\w-]+\s+){0,2}?"
                             r"(?:services?|models?|signator(?:y|ies)|providers?|platforms?)\b", re.I)


def _duty_with_condition(app: Applicability, sentence: str, inner: str, measure: Measure, code_kind: str, vocab: Vocabulary,
                         id_pattern, intros: tuple) -> bool:
    """No application sentence, and the first duty (``sentence``) sets a condition on the service inside it (``inner``:
    "Signatories will publish a summary where (a) the model presents systemic risk, and (b) the Signatory is not an
    SME"): the measure for those services only, or a duty they have beside the rest? Decided only where the two
    readings agree, as for a condition on the reader before the duty; unclear when the condition is not wholly
    understood (never only the features the duty names, which had dropped "is not an SME"). False (``app`` untouched)
    when the condition is when the duty falls due, or not on the service."""
    if _TRIGGER.match(inner) or not _ON_THE_SERVICE.match(inner):
        return False
    read = parse_application(sentence, code_kind, vocab, id_pattern, intros)
    if read.condition is None or not is_understood(read.condition) or read.unparsed:
        return _unclear(app, inner, f"{measure.id}: no application sentence; its first duty holds '{inner}', words "
                                    f"not understood, so whom it covers is unclear")
    app.condition = Condition(op="agree", params={"why": "reader-condition"}, args=[atom("all"), read.condition])
    app.warnings.append(f"{measure.id}: no application sentence; its first duty holds '{inner}', which may say whom the "
                        f"measure covers; services that do not meet it are unclear")
    return True


def _read_duty(app: Applicability, sentence: str, code_kind: str, vocab: Vocabulary, id_pattern, intros: tuple,
               why: str) -> bool:
    """``app`` set from the duty ``sentence`` read as application text, with ``why`` and the reading as its warning;
    False (``app`` untouched) when the sentence is not wholly understood."""
    read = parse_application(sentence, code_kind, vocab, id_pattern, intros)
    if read.condition is None or not is_understood(read.condition) or read.unparsed:
        return False
    app.condition = read.condition
    app.warnings.append(f"{why}, read as {describe(app.condition, vocab)}")
    return True

