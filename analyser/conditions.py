"""Application wording → a condition tree over named atoms.

Why a small explicit grammar rather than a statistical parser: application clauses in codes of practice are short,
formulaic noun phrases ("large or multi-risk services", "services at high risk of image-based CSAM that have more than
700,000 monthly active UK users or are file-storage and file-sharing services"), and an officer must be able to see
exactly why a phrase became the tree it did. The grammar:

    sentence   := INTRO clause            -- "This measure applies to providers of ..."; "It does
                                             not apply to ..." negates; sentences join with "or"
    clause     := group (CONJ group)* [EXCEPT clause]  -- between service groups "and"/"or"/","
                                             all mean union; "except"/"other than" subtracts
    group      := [ALL] premods [HEAD] postmod*
    premods    := premod ((or | and | ,) premod)*     -- "large or multi-risk", as written
    premod     := [NOT] (ADJ | FEATURE | KIND | SEARCH_TYPE)
    postmod    := risk | users | WITH relbody | REL relbody | participle relbody | FEATURE
    relbody    := pred ((and | or | ,) [REL | "the service"] pred)*
    pred       := [VERB] [NOT] [VERB] (neither p nor p | either p or p | risk | users | premods [HEAD])
    risk       := [AT] LEVELS RISK (OF | FOR) harms    -- "at medium or high risk of fraud or hate"

Connectives bind at three strengths, tightest first: plain "and"/"or" between predicates ("and" before "or"); "and
that"/"or that" or a restated subject ("; or (c) the service is ...") between clauses; and bare juxtaposition of
post-modifiers, which restricts ("services at high risk of X with more than N users or that are Y" is X and (N or Y)).
A comma in a list takes the connective that ends the list at its own strength ("A, B or C").

Tokens are found by longest match against a lexicon built from ``data/harms.toml`` (harm and feature wordings, which
users can extend) and the fixed grammar words of ``data/grammar_words.toml``. Anything the grammar cannot place is
returned in ``Applicability.unparsed`` and lowers ``confidence``: a clause is never silently narrowed or widened.

This module owns the sentence level: how the sentences that say whom a measure covers combine ("It does not apply to
...", "It also applies to ...") and where words not understood stand in the tree. The pieces live beside it (their
public names re-exported here): ``application_intros`` (which sentences say whom, and where their condition starts),
``vocabulary`` (service characteristics), ``condition_tree`` (the tree), ``condition_tokens`` (words → tokens),
``condition_body`` (one sentence's words → tree, with the words left over) and ``condition_reader``,
``condition_grammar``, ``condition_premods``, ``condition_combine`` and ``condition_limbs`` (tokens → tree).
"""

from __future__ import annotations

import re

from .amendments import as_amended
from .application_definitions import apply_definitions
from .application_intros import (CASE_OF, EVERY_READER, FOR_EACH_MODEL_OPENING, ONLY_APPLIES, further_sentence,
                                 PROHIBITION, THOSE_SERVICES, Intro, compile_intros, grammar, match_intro,
                                 split_sentences)
from .application_rewrites import affirms_every_service, content_only, exception_last, plain_wording, widen_including
from .legal_drafting import plain_legal
from .application_settle import ALSO_DOING_MORE, WHO_LABEL
from .application_text import (APPLY_THIS_MEASURE, ASKS_WHOM_NOT, LEADING_LABEL, clean_artefacts, question_of_whom_answered,
                               without_asides)
from .condition_body import HARMS_SEEN, parse_body, parse_glossed
from .deeming import Deeming, apply_deeming, read_deeming
from .feature_likeness import trusted_likeness
from .feature_phrasing import tiers_spelled_out
from .such_services import SUCH, such_services
from .condition_tokens import DEFAULT_MEASURE_ID, SCOPE_PATTERNS, digits_for_number_words, features_named, scope_husk, tokenise
from .condition_tree import (and_, atom, atoms_of, base_beside_give_back, describe, describe_atom, duty_for_every_reader_or_featured,
                             impossible_as_unknown, is_understood, normalise, not_, only_relief_classes, or_, users_over_words,
                             with_given_back)
from .models import Applicability, Condition
from .vocabulary import LARGE_THRESHOLD, LEVELS, Vocabulary, load_vocabulary, vocabulary_for, whom_a_duty_names

__all__ = [
    "DEFAULT_MEASURE_ID", "LARGE_THRESHOLD", "LEVELS", "Intro", "Vocabulary", "and_", "atom", "atoms_of",
    "compile_intros", "describe", "describe_atom", "is_understood", "load_vocabulary", "normalise", "not_",
    "or_", "parse_application", "tokenise", "users_over_words", "vocabulary_for",
]


_APPLIES_IN_SCOPE_ONLY = re.compile(r"^\s*(?:this|the)\s+measure\s+(?:only\s+)?applies\s+(?:only\s+)?in\s+relation\s+to\b", re.I)
_BARE_APPLIES = re.compile(r"^\s*(?:[A-Z]{0,5}\s?\d{1,3}(?:\.\d{1,3})+\s+)?(?:in\s+each\s+case,?\s+)?(?:(?:this|the)\s+measures?|it|they)\s+(?:only\s+)?"
                           r"(?:appl(?:ies|y)|concerns?)(?:\s+only)?\s*[.:;]?\s*(?:nothing\s+in\s+it\s+applies\s*[.;]?\s*)?$", re.I)  # (its label first)
# "Providers of large services should apply this measure": the duty to apply the measure itself, which says whom
_APPLY_THIS = re.compile(rf"\b(?:{APPLY_THIS_MEASURE})\b", re.I)
# the words with which an exception may give some of its services back ("... unless they are large")
_GIVES_BACK_WORD = re.compile(r"\b(?:unless|other\s+than|except|save|excluding|but\s+not|apart\s+from|aside\s+from|"
                              r"with\s+the\s+exception\s+of)\b", re.I)
# "Providers (of large services) should also ...": more of a duty another sentence lays down (not "should also apply it")
_MORE_OF_THE_DUTY = re.compile(r"^\W*(?:the\s+|all\s+|each\s+|every\s+)?(?:providers?|signatories|signatory)(?P<of>\s+of\s+[^,.;]{1,120}?)?\s+"
                               r"(?:should|must|shall|will)\s+also\b(?!\s+(?:apply|follow|adopt|implement|take\s+the\s+steps)\b)", re.I)
# "If your service is aimed at children under 13, you should also ...": a further duty for some of the services, which
# writers read as adding nothing to whom the measure covers (unlike a duty whose subject names services)
# "It does apply to (reach, extend to) X" after a release: X given back, or whom the measure is for (``base_beside_give_back``)
_SAID_TO_APPLY = re.compile(r"^\W*(?:(?:however|but),?\s+)?(?:it|they|this|the)\b[^.;]{0,60}?\b(?:does|do)\s+(?:still\s+)?(?:apply|reach|extend)\b", re.I)
_CONDITION_FIRST = re.compile(r"\s*(?:if|where|when|whenever|in\s+the\s+case\s+of)\b", re.I)
_LEADING_PROVIDERS = re.compile(r"^\s*(?:(?:all\s+)?providers?\s+of\s+)", re.I)
def parse_application(
    text: str,
    code_kind: str = "u2u",
    vocab: Vocabulary | None = None,
    id_pattern: re.Pattern[str] | None = None,
    intros: tuple[Intro, ...] = (),
) -> Applicability:
    """Parse an application clause (or an index-table "applies to" cell) into an ``Applicability``.

    ``code_kind`` ("u2u"/"search"/"any") makes the code's own kind implicit, so that "all user-to-user services" in a
    U2U code is simply ``all``. A blank text means all services (the convention of the codes' index tables), with a
    note saying so. ``vocab`` is the code's vocabulary (``vocabulary_for``), ``id_pattern`` its measure-ID pattern (for
    "services to which ICU C9 applies") and ``intros`` its profile's own sentence openings, tried first.

    Never a guess: words the grammar cannot place become an ``unknown`` atom where they stand, so the condition is
    undecided wherever they could matter (a trailing restriction such as "large services whose principal purpose is X"
    still exempts every service that is not large).
    """
    token = HARMS_SEEN.set([])  # "those kinds of content" refers back within this clause only
    try:
        result = _parse_application(text, code_kind, vocab, id_pattern, intros)
        for rule in (vocab.context_readings if vocab is not None else ()):
            if result.condition is None or not (rule.when.search(text or "") and rule.phrase.search(text or "")):
                continue
            HARMS_SEEN.set([])
            # (a function, so that a profile's words are never read as a replacement template)
            also = rule.phrase.sub(lambda _m, words=rule.also: words, text)
            other = _parse_application(also, code_kind, vocab, id_pattern, intros).condition
            if other is not None and normalise(other) != normalise(result.condition):
                # the profile says the term may mean more narrowly here: kept both ways, decided where they agree
                result.condition = Condition(op="agree", args=[result.condition, other],
                                             params={"why": "context", "because": rule.because})
        # (last, so that a reading read both ways above is checked too)
        return trusted_likeness(result, vocab or load_vocabulary())
    finally:
        HARMS_SEEN.reset(token)


def _parse_application(
    text: str, code_kind: str, vocab: Vocabulary | None, id_pattern: re.Pattern[str] | None, intros: tuple[Intro, ...]
) -> Applicability:
    vocab = vocab or load_vocabulary()
    own_intros, ignore = grammar()
    all_intros = (*intros, *own_intros)
    original = text or ""
    # (an amending instruction is carried out before the quotes round its words go with the other artefacts)
    flat = re.sub(r"\s+", " ", clean_artefacts(as_amended(original))).strip()
    result = Applicability(text=original)
    if not flat:
        result.condition = atom("all")
        result.confidence = 1.0
        result.warnings.append("no application wording: taken as all services")
        return result

    # content scope first: it says which content, not which services
    # "Who need not? Providers of small services.": the answer is whom it leaves out
    work = ASKS_WHOM_NOT.sub(". It does not apply to ", without_asides(plain_legal(content_only(flat))))
    work = question_of_whom_answered(work)  # "Which services does it apply to? Large services.": the answer
    label = WHO_LABEL.match(work)  # "Who this measure is for" / "General search services.": the answer
    if label and label.end() < len(work) and work[label.end()].isupper():
        # (and the answer's own paragraph number: "Who this measure is for / J3.1 Large services that ...")
        work = re.sub(r"^(?:[A-Z]{1,5}\s?)?\d{1,3}(?:\.\d{1,3})+[A-Z]?\s+(?=[A-Z])", "", work[label.end():], count=1)
    affirmed = affirms_every_service(work)
    for pattern, scope in SCOPE_PATTERNS:
        if pattern.search(work):
            if scope not in result.scope:
                result.scope.append(scope)
            work = pattern.sub(" ", work)
    work = widen_including(tiers_spelled_out(work), vocab)
    for pattern in ignore:
        work = pattern.sub(" ", work)
    work = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", work)).strip()
    # "This measure applies, in respect of content communicated publicly, to providers of ...": the aside taken out
    # above leaves the two commas that set it off: both go ("any service, of any size, that is ...": no comma before the
    # relative clause), but one stays before the subject of a duty ("Where a Signatory uses crawlers, or has others use
    # them, to collect data, it will ...": the comma still ends the condition)
    work = re.sub(r",,+(?!\s*(?:it|they|then|you|signatories|providers|the\s+(?:provider|signatory))\b)\s*", " ", work)
    work = re.sub(r",,+", ",", work)
    affirmed = affirmed or not work.strip(" .,;:")  # only words that say nothing of whom ("Nothing in this measure ...")
    work = digits_for_number_words(work)
    work = plain_wording(work, vocab)

    positive: list[Condition] = []
    duty_for_all = False
    duty_features: list[str] = []  # features the duty for every reader names ("Switch geolocation options off")
    turned: list[Condition] = []  # sentences that change who is covered in a way not understood
    also: list[Condition] = []
    back: list[Condition] = []  # "This exception does not apply to X": X taken back out of the exceptions
    said_to_apply: list[Condition] = []  # ... of which those said as "It does apply to (reach) X", which may say whom
    negative: list[Condition] = []
    only: list[Condition] = []
    case_groups: list[Condition] = []  # "In the case of X, this measure applies only if ...": the Xs
    case_pairs: list[Condition] = []  # ... and the Xs on that condition
    duty_groups: list[Condition] = []  # services a duty's subject names beside a statement of whom
    plain_negative: list[Condition] = []  # exceptions whose sentence has no "unless" or "other than", so gives nothing back
    deemings: list[tuple[Deeming, str, str]] = []  # "X is to be treated as a service at high risk of terrorism", read
    total_words = 0
    parsed_words = 0
    sentences = [exception_last(s) for s in split_sentences(work)]
    # "'Relevant service' means a large service. Providers of relevant services should ...": the term read as defined
    sentences = apply_definitions(sentences)
    matched = [match_intro(s.rstrip(" ."), all_intros) for s in sentences]
    intro_seen = any(m is not None for m in matched)
    # a sentence that states whom the measure covers ("This standard applies to ..."), not a duty's subject
    statements = [h[0] for h in matched if h is not None and h[0].until is None and not h[0].also]
    # ("Providers of large services, and providers of multi-risk services, should apply this measure": a duty to apply the
    # measure itself states whom, so "The provider should ..." after it is the duty, not a second, wider scope)
    stated = bool(statements) or any(h is not None and h[0].until is not None and _APPLY_THIS.search(s)
                                     for s, h in zip(sentences, matched))
    stated_whom = any(i.polarity == "applies" for i in statements)  # ... and says whom it covers, not only whom it leaves out
    # a sentence of scope that is not a conditional duty: beside it, "Where a service is large, the provider
    # should also ..." is a further duty for some services, not a second group of services
    # (not one that only takes services out: beside "This does not apply to counselling services", "Where children can
    # upload photos, make ..." still says whom the standard is for)
    # (nor a condition on the reader before a duty: beside "Where your service has parental controls, tell the child",
    # "If a parent can use your service to track a child, make it obvious" is a second such duty, for other services)
    # (nor a duty for every reader said as more of one: beside "Where the service has direct messaging, providers should
    # ...", "Providers should also let the child change that default" adds to the duty, it states no scope)
    scoped = any(h is not None and not h[0].alone and h[0].polarity == "applies" and not (h[0].relative and h[0].until is not None)
                 and not (h[0].until is not None and _MORE_OF_THE_DUTY.match(s)) for s, h in zip(sentences, matched))
    # a duty ("Signatories shall draw up a Model Report for each model with systemic risk", "The provider should ...")
    duty_seen = any(h is not None and h[0].until is not None and not h[0].permission for h in matched)
    for number, (sentence, hit) in enumerate(zip(sentences, matched)):
        body = sentence.rstrip(" .")
        if _BARE_APPLIES.match(body) or (result.scope and scope_husk(LEADING_LABEL.sub("", body, count=1))):
            continue  # what was left of "This measure applies in relation to content communicated publicly."
        late = inner = ""
        if hit is not None and hit[0].alone and (scoped or (not re.match(r"\W*(?:if|where|when)\b", body, re.I) and any(  # (after "If you
                h and h[0].relative and h[0].until and h[0].polarity == "applies" for h in matched[:number]))):  # provide X, tell ...",
            continue  # "Explain the parent's role" is theirs too; "If a parent can ..., show ..." is a second group)
        if hit is not None:
            intro, body, late, inner = hit
        elif _APPLIES_IN_SCOPE_ONLY.match(body) and not body[_APPLIES_IN_SCOPE_ONLY.match(body).end():].strip(" ."):
            continue  # "This measure applies in relation to content communicated publicly."
        elif intro_seen:
            # a further sentence that is no application sentence: harmless when it says nothing of
            # applying or exemption (a definition, an explanation); otherwise it could change who is
            # covered, in a way not understood, so the answer becomes undecided
            if body.strip(" .,;:"):
                total_words += len(body.split())
                effect = further_sentence(body)
                deeming = read_deeming(body, lambda w: _group(w, code_kind, vocab, id_pattern)) if effect is not None else None
                if deeming is not None:
                    deemings.append((deeming, effect, body.strip()))  # (its words count as read once it is applied, below)
                    continue
                result.unparsed.append(body.strip())
                if effect is not None:
                    # "This does not apply to ...": it can only take services out; "It also covers ...": it can only
                    # add services; otherwise either way: nothing it touches can be decided
                    {"narrows": negative, "widens": also, "turns": turned}[effect].append(atom("unknown", text=body.strip()))
            continue
        else:
            intro, body = None, _LEADING_PROVIDERS.sub("", body)
        if intro is not None and intro.relative:
            starts_relative = re.match(r"(?:that|who|whose|which|to\s+which|to\s+whom)\b", body, re.I)
            # "If Australian children are able to hold accounts on the service, ...": a clause with its own subject
            own_subject = re.match(r"(?:australian\s+)?(?:children|child\s+users|end-users|end\s+users|users|an?\s+end-?\s?user|a\s+user|"
                                   r"a\s+child|other\s+users|parents|carers|a\s+parent|a\s+carer)\b", body, re.I)
            body = ("services " if starts_relative else "services where " if own_subject else "services that ") + body
        if intro is not None and THOSE_SERVICES.match(body):
            if number and (positive or also or negative or only):
                continue  # "Providers of those services should review ...": a duty of the services named before
            positive.append(atom("unknown", text=sentence.strip()))  # named before this text began: not here to read
            result.unparsed.append(sentence.strip())
            continue
        if intro is not None and intro.until is not None and positive and (((more := _MORE_OF_THE_DUTY.match(sentence)) and more["of"])
                                                                           or ALSO_DOING_MORE.match(sentence)):
            continue  # "Providers of large services should also make that control easy to find": more of the duty, for some
        if intro is not None and intro.until is not None and (stated or duty_seen) and intro.permission and (stated_whom or duty_seen
                or not only_relief_classes(parse_body(body, code_kind, vocab, id_pattern)[0], vocab)):
            # "Providers of large services may find it useful" beside a scope, "SMEs may reduce the detail" beside a duty (not beside an exception alone)
            continue
        if intro is not None and intro.reads and (not body.strip(" ,;:.") or EVERY_READER.match(body)):
            if stated:
                continue  # the duty's subject beside a sentence that states whom, as for a duty for every reader
            body = intro.reads  # the opening names the services itself ("The provider of the service will ...")
        if intro is not None and intro.until is not None and not late and not inner and not intro.reads and (
                not body.strip(" ,;:.") or EVERY_READER.match(body)):
            # "Signatories will ...", "Switch options off by default", "The provider of the service will
            # ...": a duty for every reader. It says whom the measure covers only when no sentence states
            # it: beside "This standard applies to every service that profiles children" it is the duty,
            # not a second, wider scope
            # (not "Providers should also ...", more of a duty another sentence lays on the services it names)
            duty_for_all = duty_for_all or not (stated or (_MORE_OF_THE_DUTY.match(sentence) and any(
                h is not None for j, h in enumerate(matched) if j != number)))
            if not stated and not PROHIBITION.match(sentence):
                # an instruction in the imperative ("Switch geolocation options off"), not a prohibition ("Do not use nudge
                # techniques": for everyone); a duty with a subject ("Signatories will ...") only in the profile's words
                duty_features.extend(whom_a_duty_names(lambda: features_named(sentence, vocab, id_pattern), sentence, vocab, intro.until.pattern == "^"))
            continue
        if intro is not None and not body.strip(" ,;:."):
            cond, done, total, leftovers = atom("all"), 0, 0, []
        else:
            such = SUCH.search(body)
            if such:
                # "It also applies to any such service that is large": the services an earlier sentence named
                body = SUCH.sub(lambda m: m.group("noun"), body)
            cond, done, total, leftovers = parse_glossed(body, code_kind, vocab, id_pattern)
            if cond is not None and _OTHERS_BARE.search(body):
                # "Providers of other services should consider doing the same": the services not named, never every service
                cond, leftovers = atom("unknown", text=body.strip()), [body.strip()]
            if such and cond is not None:
                cond = and_(cond, such_services(such.group(0), sentences[:number], positive,
                                                lambda w: parse_body(w, code_kind, vocab, id_pattern)[0]))
        total_words += total
        parsed_words += done
        result.unparsed.extend(leftovers)
        if cond is None:
            cond = atom("unknown", text=body.strip())
        if any(_RELEASE_LEFT.search(words) for words in leftovers) and not (intro is not None and intro.polarity == "exempt"):
            # "Signatories that do not crawl the web need not keep crawler logs; all other Signatories will ...": a release
            # in words not understood may take out the very services the sentence names; read as whom the measure is for,
            # beside a duty for every reader it had vanished into "all services"
            turned.append(atom("unknown", text=body.strip()))
            continue
        if intro is not None and intro.reads and body != intro.reads:
            # the services the opening names, and the condition the sentence's own words set
            cond = and_(parse_body(intro.reads, code_kind, vocab, id_pattern)[0] or atom("unknown", text=intro.reads), cond)
        if late:
            # "..., unless the service incorporates effective controls": a condition on the service, not a group
            late = re.sub(r"^it\s+", "the service ", late, count=1, flags=re.I)  # "unless it distributes only its own apps"
            late = re.sub(r"^they\s+(?=(?:present|have|has|are|is|offer|use|pose|carry)\b)", "services that ", late, count=1, flags=re.I)
            late = re.sub(r"^services\s+where\s+they\s+", "services that ", late, count=1, flags=re.I)  # "unless they present ..."
            late = re.sub(r"^(?:the|its|their|such|those|these)\s+(?=(?:[\w-]+\s+){0,2}?(?:messages|communications|chats|conversations|material|content|files)\s+(?:are|is)\s)",
                          "services whose ", late, count=1, flags=re.I)  # "unless the messages are end-to-end encrypted"
            late = re.sub(r"^(?=effective\s+controls\b)", "services where ", late, count=1, flags=re.I)  # "unless effective controls prevent ..."
            late = re.sub(r"^(?:where\s+|if\s+|when\s+)?(?=(?:the|that|such|its|their)\s+(?:[\w-]+\s+){0,2}?(?:service|search\s+engine|device|"
                          r"equipment|platform|model)\s+(?!providers?\b))", "services where ", late, count=1, flags=re.I)
            exc, _d, _t, late_left = parse_body(late, code_kind, vocab, id_pattern)
            result.unparsed.extend(late_left if exc is not None else [late])
            exc = exc if exc is not None else atom("unknown", text=late)
            if intro is not None and intro.polarity == "exempt":
                cond = and_(cond, not_(exc))  # "X need not comply, unless Y": the exemption is X and not Y
            else:
                negative.append(exc)
                if not re.search(r"\bunless\b", sentence, re.I):
                    # ("..., except a provider of a Tier 2 service on which children cannot hold accounts": a "not" inside
                    # the services excepted says which they are, it gives nothing back)
                    plain_negative.append(exc)
        if inner:
            # "if the service is not end-to-end encrypted": read as "services where the service is ..."
            where = re.sub(r"^(?:if|where|when|provided\s+that|to\s+the\s+extent\s+that|in\s*so\s+far\s+as)\b", "where",
                           inner, flags=re.I)
            where = re.sub(r"^where\s+(?:they|it)\s+", "that ", where, flags=re.I)  # "to the extent that they integrate ...": the reader
            where = re.sub(r"^(?=trained\b)", "that are ", FOR_EACH_MODEL_OPENING.sub("", where))  # ("model trained with")
            extra, _d, _t, inner_left = parse_body("services " + where, code_kind, vocab, id_pattern)
            result.unparsed.extend(inner_left if extra is not None else [inner])
            if CASE_OF.match(LEADING_LABEL.sub("", sentence, count=1)) and intro is not None and intro.polarity == "applies" and not intro.also:
                # "In the case of a vertical search service, this measure applies only if ...": for those services,
                # on that condition; it says nothing of the others
                case_groups.append(cond)
                only.append(or_(not_(cond), extra if extra is not None else atom("unknown", text=inner)))
                case_pairs.append(and_(cond, extra if extra is not None else atom("unknown", text=inner)))
                continue
            cond = and_(cond, extra if extra is not None else atom("unknown", text=inner))
        if intro is not None and intro.polarity == "exempt":
            if cond.op == "atom" and cond.atom == "all":
                # "It does not apply to other services": read as every service, it would take out the very services the
                # measure names; whom it means is not understood
                cond = atom("unknown", text=sentence.strip(" ."))
                result.unparsed.append(sentence.strip(" ."))
            negative.append(cond)
            if not _GIVES_BACK_WORD.search(sentence):
                plain_negative.append(cond)  # "It does not apply to a vertical service with 700,000 or fewer users": no "unless"
        elif intro is not None and intro.back:
            back.append(cond)
            said_to_apply += [cond] if _SAID_TO_APPLY.match(LEADING_LABEL.sub("", sentence, count=1)) else []
        elif intro is not None and intro.also:
            also.append(cond)
        elif ONLY_APPLIES.match(LEADING_LABEL.sub("", sentence, count=1)) and len(matched) > 1:
            only.append(cond)  # "It applies only where the service is also large": narrows the other sentences
        elif (stated_whom and intro is not None and intro.until is not None and not intro.permission and intro.polarity == "applies"
              and not _CONDITION_FIRST.match(LEADING_LABEL.sub("", sentence, count=1))):
            duty_groups.append(cond)  # "This measure applies to X. The provider of a relevant service should ...": see below
        elif intro is not None and intro.permission and only_relief_classes(cond, vocab):
            # "Signatories that are SMEs may give less detail", the only sentence of whom: the measure of those it permits,
            # or a relaxation for them in a measure for all? Writers read it both ways (34 and 50 of the development sets'
            # GPAI clauses); a permission for those with a feature ("Where you use nudges, you may ...") is theirs
            positive.append(Condition(op="agree", params={"why": "permission"}, args=[cond, atom("all")]))
        else:
            positive.append(cond)

    if duty_groups and not positive:
        positive = duty_groups
    elif duty_groups and any(p.op == "atom" and p.atom == "all" for p in positive):
        pass  # "This measure applies to all services. Providers of large services should also ...": as a conditional duty
    elif duty_groups:
        # a duty whose subject names services beside a sentence that states whom the measure covers: a second group, or
        # the part of the first the duty is for? Decided only where the two readings agree
        # (the same services both ways, "Providers of X must ...; the measure applies to every X": one reading)
        union, both = or_(*positive, *duty_groups), and_(or_(*positive), or_(*duty_groups))
        positive = [union if union == both else Condition(op="agree", params={"why": "duty-subject"}, args=[union, both])]
    if case_groups and not positive and not duty_for_all:
        positive.append(or_(*case_groups, atom("unknown", text="whom it covers besides the services it names after 'In the case of'")))
    if duty_for_all and duty_features:
        # "Switch geolocation options off by default": a duty for every service, or for those with the feature it
        # names? Writers read it both ways; decided only where the two readings agree
        positive.append(duty_for_every_reader_or_featured(duty_features))
    elif duty_for_all:
        positive.append(atom("all"))
    if not positive and not negative and not also and not only and not back:
        if not result.unparsed and (result.scope or affirmed):
            # only a scope sentence ("applies in relation to content communicated publicly", "applies to you
            # whatever your size"): every service, for that content
            result.condition = atom("all")
            result.confidence = 1.0
            return result
        result.condition = atom("unknown", text=flat)
        result.confidence = 0.0
        if not result.unparsed:
            result.unparsed.append(flat)
        return result
    if back:
        # the exceptions no longer reach those services; with no exception read, they are at least covered
        negative = [and_(n, not_(or_(*back))) for n in negative]
        also = also if negative else [*also, *back]
    cond = and_(or_(*positive), *only) if positive else and_(*only) if only else base_beside_give_back(negative, said_to_apply)
    if case_pairs and positive and not any(p.op == "atom" and p.atom == "all" for p in positive):
        # "This measure applies to general search services. It applies to a vertical search service only where it is large":
        # a condition on those the first sentence covers, or large vertical services covered too? Decided where both agree
        cond = Condition(op="agree", args=[cond, or_(cond, *case_pairs)], params={"why": "case-of"})
    if also:
        # "It also applies to ..." adds to a group; with no sentence naming that group, the rest of
        # whom it covers was never read, so it is not taken to be nobody
        base = cond if (positive or negative or only) else atom("unknown", text="whom it applies to besides those it 'also' names")
        cond = or_(base, *also)
    if negative:
        # "Vertical search services need not apply this measure unless they are large. General search services should
        # apply it.": are large vertical services covered? (``with_given_back``)
        cond = with_given_back(cond, negative, plain_negative) if positive else _activity_in_exception(_kind_in_exception(
            and_(cond, *(not_(n) for n in negative)), negative, only or also, vocab), negative, only or also, work)
    for deeming, effect, words in deemings:
        deemed = apply_deeming(cond, deeming)
        if deemed is not None:
            parsed_words += len(words.split())
        else:
            # the class it deems is not in the application as read (or beside one it interacts with): words not understood
            result.unparsed.append(words)
            unknown = atom("unknown", text=words)
            deemed = or_(cond, unknown) if effect == "widens" else and_(cond, not_(unknown)) if effect == "narrows" else None
            if deemed is None:
                turned.append(unknown)
                continue
        cond = deemed
    if turned:
        cond = turned[0] if len(turned) == 1 else and_(*turned)
    result.condition = impossible_as_unknown(cond, vocab)
    result.confidence = 1.0 if not result.unparsed else round(0.9 * parsed_words / max(total_words, 1), 2)
    return result


def _group(words: str, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None) -> tuple[Condition | None, list[str]]:
    """A group of services read alone (a deeming provision's two sides), with the words left over."""
    cond, _done, _total, leftovers = parse_body(words, code_kind, vocab, id_pattern)
    return cond, leftovers


# a release (or a give-back) among the words not understood: "need not keep crawler logs", "are still covered where ..."
# (never a deferral, "need not offer the complaints route until ...", nor "its weights are released")
_RELEASE_LEFT = re.compile(r"\b(?:need\s+not|(?:is|are)\s+not\s+(?:required|expected|obliged)|(?:do|does)\s+not\s+(?:have|need)\s+to|"
                           r"(?:is|are)\s+(?:exempt(?:ed)?|excused|(?:still|also|nonetheless|nevertheless)\s+(?:covered|within|bound)))\b(?![^.;]*\buntil\b)", re.I)


# "other services" with nothing after that says which: the complement of those named, which no reading of its own has
_OTHERS_BARE = re.compile(r"\b(?:any|all)?\s*other\s+(?!than\b)(?:[\w-]+\s+){0,2}?(?:services|providers|signatories|platforms)\b"
                          r"(?!\s+(?:that|which|who|whose|with|without|at|of|in|where|on|offering|using|providing|whereby)\b)", re.I)


# "This standard does not apply to profiling that is essential to the core service": an exception for one kind of an
# activity, not of service, model or organisation (nor "you")
_EXCEPTS_AN_ACTIVITY = re.compile(r"\b(?:does|do)\s+not\s+(?:apply|extend)\s+to\s+(?!you\b|(?:(?:an?|any|the|those|all|your)\s+)?(?:[\w-]+\s+){0,3}?"
                                  r"(?:services?|providers?|models?|signator\w*|organisations?|companies|businesses|platforms?)\b)"  # or "... is outside the rule"
                                  r"|^(?![^.;]*\b(?<!core\s)(?:services?|providers?|models?|signator\w*)\b)[^.;]*\b(?:is|are|falls?)\s+outside\s+(?:this|the)\b", re.I)


def _activity_in_exception(cond: Condition, negative: list[Condition], others: list[Condition], text: str) -> Condition:
    """``cond``, or, where the only sentence of whom excepts one kind of an activity the vocabulary names ("profiling that
    is essential to the core service": two features, the activity first), that reading for those who carry it on and,
    for the rest, only where "every service" and "those that carry it on" agree. Why: writers read such a standard as
    the activity's (all five ICO development clauses so worded); read as every service's, those without it were "applies"."""
    parts = negative[0].args if len(negative) == 1 and negative[0].op == "and" else []
    if others or len(parts) != 2 or not all(a.op == "atom" and a.atom == "feature" for a in parts) or not _EXCEPTS_AN_ACTIVITY.search(text):
        return cond
    return and_(Condition(op="agree", args=[atom("all"), parts[0]], params={"why": "activity-in-exception"}), cond)


def _kind_in_exception(cond: Condition, negative: list[Condition], others: list[Condition], vocab: Vocabulary) -> Condition:
    """``cond`` (every service but those the exceptions name), or, where the only sentence of whom is an exception that
    names one of the code's several kinds with more ("This measure does not apply to an app distribution service that
    only distributes its own apps", under an app distribution schedule), both that reading and the measure of that
    kind's other services, decided only where the two agree."""
    if others or len(vocab.kinds) < 2:
        return cond
    kinds: set[str] = set()
    rests: list[Condition] = []
    for n in negative:
        parts = n.args if n.op == "and" else [n]
        named = [a for a in parts if a.op == "atom" and a.atom == "kind"]
        # ("Section 21 does not apply to a classified designated internet service": a feature only one kind has)
        of_kind = [str(vocab.features[a.params.get("name")]["kind"]) for a in parts if a.op == "atom" and a.atom == "feature"
                   and vocab.features.get(a.params.get("name"), {}).get("kind")]
        if not named and len(set(of_kind)) == 1:
            kinds.add(of_kind[0])
            rests.append(n)
            continue
        if len(named) != 1 or len(parts) < 2:
            return cond
        kinds.add(str(named[0].params.get("kind")))
        rests.append(and_(*(a for a in parts if a is not named[0])))
    if len(kinds) != 1:
        return cond
    kind_only = and_(atom("kind", kind=kinds.pop()), *(not_(r) for r in rests))
    return Condition(op="agree", args=[cond, kind_only], params={"why": "kind-in-exception"})

