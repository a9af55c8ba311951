"""Application wording → tokens: the longest-match lexicon of one vocabulary and the tokeniser.

Owns ``Tok``, the fixed grammar words (``data/grammar_words.toml``), the content-scope wordings,
measure references ("services to which ICU C9 applies" becomes one ``MREF`` token), numbers written in words and
``tokenise``. The grammar that reads the tokens is ``condition_grammar``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from .condition_feature_phrases import join_feature_phrases
from .condition_harm_phrases import join_harm_phrases
from .paths import PACKAGE_DATA
from .vocabulary import ALL_HARMS, MULTI, Vocabulary, load_vocabulary


@dataclass
class Tok:
    kind: str  # see data/grammar_words.toml and the vocabulary kinds below; WORD for anything unknown
    value: Any
    start: int
    end: int
    words: int = 1
    text: str = ""  # the words as written (lower case)



# The token kinds the grammar reads (condition_reader, condition_grammar); data/grammar_words.toml
# may use only these.
GRAMMAR_KINDS = frozenset({
    "ALL", "HEAD", "FILLER", "OR", "AND", "ANDOR", "COMMA", "NEITHER", "NOR", "EITHER", "BOTH", "ORBOTH", "NOT",
    "WITHOUT", "EXCEPT", "REL", "RELVERB", "COPULA", "VERB", "WITH", "AT", "RISK", "OF", "LEVEL", "ADJ", "NADJ",
    "KIND", "STYPE", "FEATURE", "MILLION", "USERS_CMP", "USERS_POST", "USERNOUN", "BETWEEN", "ATLEAST", "THOSE",
    "WORD",  # (words deliberately left unread, as any word the lexicon does not know is)
})


@functools.lru_cache(maxsize=2)
def fixed_words(path: str | None = None) -> dict[str, tuple[str, Any]]:
    """Phrase -> (token kind, value) from ``data/grammar_words.toml``.

    Kept as data so that a word list can be read and changed without reading the parser; the
    kinds are the grammar's and are listed in that file's header.
    """
    with open(path or PACKAGE_DATA / "grammar_words.toml", "rb") as fh:
        entries = tomllib.load(fh)["words"]
    out: dict[str, tuple[str, Any]] = {}
    for i, entry in enumerate(entries, 1):
        if entry.get("kind") not in GRAMMAR_KINDS or not isinstance(entry.get("phrases"), list):
            # a misspelt kind would make its words silently unknown to the grammar
            raise ValueError(f"grammar_words.toml entry {i}: kind {entry.get('kind')!r} is not one the grammar "
                             f"reads, or it has no list of phrases")
        value: Any = entry.get("value")
        if "at_least" in entry:
            harms = entry.get("harms")
            value = (int(entry["at_least"]), tuple(harms) if harms else None)
        for phrase in entry["phrases"]:
            out[phrase] = (entry["kind"], value)
    return out


# Content-scope wordings: recognised anywhere, never part of the service condition.
SCOPE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:(?:in relation to|in respect of|to|for|only|applies only to)\s+)?(?:the\s+)?"
                r"(?:content\s+(?:that is\s+|which is\s+)?communicated\s+publicly|publicly[- ]communicated\s+content"
                r"|content\s+(?:that is\s+|which is\s+)?(?:shared|posted)\s+publicly"
                # ("content that users communicate publicly on the service": the same, with its users said)
                r"|content\s+(?:that|which)\s+(?:its\s+)?users\s+(?:communicate|share|post)\s+publicly)"
                r"(?:\s+(?:by means of|on|via|through)\s+(?:the|a|its)\s+service)?\b", re.I), "public-content"),
    (re.compile(r"\b(?:(?:in relation to|in respect of|to|for)\s+)?(?:the\s+)?(?:content\s+(?:that is\s+|which is\s+)?"
                r"communicated\s+privately|privately[- ]communicated\s+content"
                # (not "where the service's private communications are end-to-end encrypted": that names a feature)
                r"|(?<!service's\s)(?<!its\s)private\s+communications(?!\s+(?:are|is)\s+(?:end-to-end\s+)?encrypted))\b", re.I),
     "private-content"),
]
# what is left of a sentence of content scope once its content is taken out ("C9.2 It concerns content communicated
# publicly; private communications ... are outside it" -> "C9.2 It concerns;, are outside it"): no word of whom
_HUSK_WORDS = frozenset("it this that the measure standard section concerns concern applies apply is are outside nothing "
                        "in to not only of its does do beyond excluded out scope within".split())


def scope_husk(sentence: str) -> bool:
    """True when ``sentence`` (its paragraph label taken off) has words, none of them more than a content-scope
    sentence's frame (see above)."""
    words = re.findall(r"[a-z]+", sentence.lower())
    return 0 < len(words) <= 12 and all(w in _HUSK_WORDS for w in words)


_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z][a-z'’\-]*(?:/[a-z]+)?|[,;:()]|[^\s\w]", re.I)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                          "\u2019": "'", "\u2018": "'", "\u00a0": " "})


@dataclass
class Lexicon:
    phrases: dict[tuple[str, ...], tuple[str, Any]]
    max_len: int
    # first word -> the lengths (in words) of the phrases it opens, longest first: the tokeniser
    # tries only those, not every length up to the longest phrase in the lexicon
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    words: frozenset[str] = frozenset()  # every word of every phrase: see application_text.rejoin_broken_words


# "monitor their child's online activity", "... the child's ...", "... a child's ...": one wording, whichever
# determiner the drafter chose before the child (a vocabulary lists one of them)
_CHILD_POSSESSIVE = frozenset({"child's", "children's"})
_DETERMINERS = frozenset({"their", "the", "a", "your", "its", "his", "her", "each"})


def _same_child(words: list[str]) -> list[str]:
    return ["the" if w in _DETERMINERS and i + 1 < len(words) and words[i + 1] in _CHILD_POSSESSIVE else w
            for i, w in enumerate(words)]


def _split_words(text: str) -> list[str]:
    return _same_child([m.group(0).lower() for m in _WORD.finditer(text.translate(_DASHES))])


LEXICONS: dict[str, Lexicon] = {}


@functools.lru_cache(maxsize=1)
def _fixed_phrases() -> tuple[tuple[tuple[str, ...], tuple[str, Any]], ...]:
    """The grammar words as word tuples: the same for every vocabulary, so split once."""
    return tuple((tuple(_split_words(text)) if text != "non-" else ("non-",), entry)
                 for text, entry in fixed_words().items())


def lexicon_for(vocab: Vocabulary | None = None) -> Lexicon:
    """Longest-match phrase table of one vocabulary (kept per vocabulary key)."""
    vocab = vocab or load_vocabulary()
    cached = LEXICONS.get(vocab.key)
    if cached is not None:
        return cached
    phrases: dict[tuple[str, ...], tuple[str, Any]] = {
        # Ofcom's kind words mean nothing in a code with kinds of its own (see vocabulary_for)
        k: v for k, v in _fixed_phrases()
        if not (v[0] == "KIND" and v[1] not in vocab.kinds) and not (v[0] == "STYPE" and "search" not in vocab.kinds)
    }
    for key, info in vocab.kinds.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("KIND", key)
    for key, info in vocab.features.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("FEATURE", key)
    for key, info in vocab.harms.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("HARM", [key])
    for wording, keys in vocab.harm_groups.items():
        phrases[tuple(_split_words(wording))] = ("HARM", list(keys))
    for wording in vocab.any_harm:
        phrases[tuple(_split_words(wording))] = ("HARM", ["any"])
    for wording in vocab.all_harms:
        phrases[tuple(_split_words(wording))] = ("HARM", [ALL_HARMS])
    for wording in vocab.multi_harm:
        phrases[tuple(_split_words(wording))] = ("HARM", [MULTI])
    phrases.pop((), None)
    by_first: dict[str, set[int]] = {}
    for k in phrases:
        by_first.setdefault(k[0], set()).add(len(k))
    lex = Lexicon(phrases, max(len(k) for k in phrases),
                  {w: tuple(sorted(ns, reverse=True)) for w, ns in by_first.items()},
                  frozenset(w for k in phrases for w in k if w.isalpha()))
    LEXICONS[vocab.key] = lex
    return lex


# A measure ID in application wording, when the code's profile gives no pattern of its own:
# "ICU C9", "PCU B2A", "Measure 7.6", "Standard 3".
DEFAULT_MEASURE_ID = re.compile(
    r"\b(?:[A-Z]{2,5}\s+[A-Z]\d{1,3}[A-Za-z]?|(?:Measure|Standard|Commitment)\s+\d{1,2}(?:\.\d{1,2})?)\b(?!\.\d)"
)
# "services to which ICU C9 applies", "providers to whom ICU C9 and ICU C10 apply", "services in
# scope of ICU C9": the ID list becomes one MREF token, whose value is ([ids], "and"/"or").
# ("to which any of PCU B1 to PCU B4 applies": one of them is enough)
_MREF_BEFORE = (r"(?:(?:to|for|in\s+respect\s+of|in\s+relation\s+to)\s+(?:which|whom)\s+(?P<neither>neither\s+)?"
                r"(?P<any>(?:any|one\s+or\s+more|at\s+least\s+one|either)\s+of\s+)?(?:(?:the\s+)?measures?\s+)?"
                r"|(?:with)?in\s+(?:the\s+)?scope\s+of\s+(?:(?:the\s+)?measures?\s+)?)")
# "services in respect of which Measure ICU C9 is recommended": a measure recommended for them is one that applies
_MREF_AFTER = (r"(?:\s+(?:also\s+)?(?:applies|apply|is\s+applicable|are\s+applicable|(?:is|are)\s+(?:also\s+)?recommended)"
               r"|(?P<neg>\s+(?:does|do)\s+not\s+apply|\s+(?:is|are)\s+not\s+(?:applicable|recommended)))?")


def _id_range(first: str, last: str) -> list[str]:
    """The IDs after ``first`` up to ``last`` where both are one series ("PCU B1", "PCU B4": B2, B3, B4), else none."""
    a, b = re.fullmatch(r"(.*?)(\d{1,3})", first), re.fullmatch(r"(.*?)(\d{1,3})", last)
    if not (a and b and a[1] == b[1] and 0 < int(b[2]) - int(a[2]) <= 20):
        return []
    return [f"{a[1]}{n}" for n in range(int(a[2]) + 1, int(b[2]) + 1)]


def _measure_refs(norm: str, id_pattern: re.Pattern[str] | None) -> list[tuple[int, int, list[str], str]]:
    """Spans of measure references in ``norm``: (start, end, ids, "and"/"or")."""
    pat = id_pattern or DEFAULT_MEASURE_ID
    ids = [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0))) for m in pat.finditer(norm)]
    if not ids:
        return []
    out: list[tuple[int, int, list[str], str]] = []
    i = 0
    while i < len(ids):
        s, e, first = ids[i]
        group, op, j = [first], "and", i + 1
        while j < len(ids):
            # ("ICU C4 or Measure ICU C5": the word "Measure" again before the next ID)
            between = re.sub(r"\s*\b(?:measures?|standards?|sections?)$", "", norm[e:ids[j][0]].strip().lower()).strip()
            if between in (",", "and", "or", ", and", ", or", "and/or", "nor", ", nor"):
                op = "nor" if "nor" in between else "or" if "or" in between else op
                group.append(ids[j][2])
            elif between in ("to", "-", "through") and (run := _id_range(group[-1], ids[j][2])):
                # "PCU B1 to PCU B4": every measure of the run, not its two ends alone
                group.extend(run)
            else:
                break
            e = ids[j][1]
            j += 1
        before = re.search(_MREF_BEFORE + r"$", norm[:s], re.I)
        after = re.match(_MREF_AFTER, norm[e:], re.I)
        start = before.start() if before else s
        end = e + (after.end() if after else 0)
        negated = bool(after and after.group("neg"))
        if before and before.group("any"):
            op = "or"
        if op == "nor" or (before and before.group("neither")):
            # "services to which neither ICU C4 nor ICU C5 applies": none of them applies
            negated, op = not negated, "and"
        out.append((start, end, group, ("not-" if negated else "") + (op if len(group) > 1 else "and")))
        i = j
    return out


def tokenise(text: str, lexicon: Lexicon | None = None, id_pattern: re.Pattern[str] | None = None) -> list[Tok]:
    """Longest-match tokens over ``text`` (offsets are into ``text`` itself)."""
    lexicon = lexicon or lexicon_for()
    norm = text.translate(_DASHES)
    refs = _measure_refs(norm, id_pattern)
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(norm)
             if not any(rs <= m.start() < re_ for rs, re_, _ids, _op in refs)]
    spans = [(s, e, w) for (s, e, _), w in zip(spans, _same_child([w for _s, _e, w in spans]))]
    for rs, re_, ids, op in refs:
        spans.append((rs, re_, "\0mref"))
    spans.sort()
    mref_at = {rs: (ids, op) for rs, _re, ids, op in refs}
    # "non-large": split a leading "non-" so that it negates what follows
    expanded: list[tuple[int, int, str]] = []
    for s, e, w in spans:
        if w.startswith("non-") and len(w) > 4 and (w[4:],) in lexicon.phrases and (w,) not in lexicon.phrases:
            expanded.append((s, s + 4, "non-"))
            expanded.append((s + 4, e, w[4:]))
        else:
            expanded.append((s, e, w))
    spans = expanded
    # (a feature's wording with "not" inside is looked for only where some word is "not": every clause passes here)
    has_not = any(w == "not" for _s, _e, w in spans)
    toks: list[Tok] = []
    i = 0
    while i < len(spans):
        s, e, w = spans[i]
        if w == "\0mref":
            toks.append(Tok("MREF", mref_at[s], s, e))
            i += 1
            continue
        if w[0].isdigit():
            digits = w.replace(",", "")
            try:
                value: Any = float(digits) if "." in digits else int(digits)
            except ValueError:
                value = None
            toks.append(Tok("NUM", value, s, e))
            i += 1
            continue
        shared = _shared_verb_feature(toks, spans, i, lexicon)
        if shared is not None:
            toks.append(shared[0])
            i += shared[1]
            continue
        negated = _feature_said_with_not(spans, i, lexicon) if has_not else None
        if negated is not None:
            toks.extend(negated[0])
            i += negated[1]
            continue
        match = None
        for n in lexicon.lengths.get(w, ()):
            if n > len(spans) - i:
                continue
            key = tuple(sp[2] for sp in spans[i:i + n])
            entry = lexicon.phrases.get(key)
            if entry is not None:
                match = (n, entry, key)
                break
        # a feature's wording with a word in the other number wins over a shorter verb that the lexicon knows
        # as written ("integrates generative AI features ..." over the verb "integrates"); over any other word
        # the word as written stands ("users verification" is no "user verification")
        # (looked for only where it could win: no match, or a verb)
        other = _other_verb_form(spans, i, lexicon) if match is None or match[1][0] == "VERB" else None
        if match is not None and (other is None or match[0] >= other[1]):
            n, entry, key = match
            toks.append(Tok(entry[0], entry[1], s, spans[i + n - 1][1], n, " ".join(key)))
            i += n
        elif other is not None:
            toks.append(other[0])
            i += other[1]
        else:
            toks.append(Tok("WORD", w, s, e))
            i += 1
    return join_harm_phrases(join_feature_phrases(_to_another_group(_shared_head(toks, lexicon)), norm), norm)


def _shared_head(toks: list[Tok], lexicon: Lexicon) -> list[Tok]:
    """"a classified or general purpose service": a word before "or" shares the next feature's head noun, and is the
    feature it names with it ("classified service"; alone, "classified" names none: "classified as Tier 1")."""
    for k in range(len(toks) - 2):
        a, conj, b = toks[k:k + 3]
        head = b.text.split(" ")[-1] if b.kind == "FEATURE" and a.kind == "WORD" and conj.kind in ("OR", "AND") else ""
        entry = lexicon.phrases.get((a.value, head)) if head in ("service", "services") else None
        if entry is not None and entry[0] == "FEATURE":
            toks[k] = Tok("FEATURE", entry[1], a.start, a.end, 1, a.value)
    return toks


def _feature_said_with_not(spans: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> tuple[list[Tok], int] | None:
    """A feature's wording with "not" after its verb ("weights are not publicly available" for the feature "weights
    are publicly available"): NOT and the FEATURE, and how many words they cover. None where the words with their
    "not" are a wording of their own, or without it are no feature's."""
    for n in lexicon.lengths.get(spans[i][2], ()):
        if n < 3 or i + n >= len(spans):
            continue
        words = [sp[2] for sp in spans[i:i + n + 1]]
        for k in range(1, n):
            if words[k] == "not" and words[k - 1] in ("are", "is", "were", "was", "have", "has"):
                key = tuple(words[:k] + words[k + 1:])
                entry = lexicon.phrases.get(key)
                if entry is not None and entry[0] == "FEATURE" and tuple(words) not in lexicon.phrases:
                    s, e = spans[i][0], spans[i + n][1]
                    return [Tok("NOT", None, s, s, 1, "not"), Tok("FEATURE", entry[1], s, e, n + 1, " ".join(key))], n + 1
    return None


# what may open a group of services after "and to": "..., and to any large service", "... and to large general
# search services", "... and to those that are ..."
_GROUP_OPENERS = frozenset({"ALL", "ADJ", "KIND", "STYPE", "HEAD"})


def _to_another_group(toks: list[Tok]) -> list[Tok]:
    """ "and to" before the start of a group of services opens a second group, as "and to providers of" does:
    "search services which are multi-risk, and to large general search services" names two groups, not a
    second predicate of the first ("which are multi-risk and large ..."). A verb after "to" ("and to
    message") is no group, and "and to them" points back at the services already named."""
    for i in range(1, len(toks) - 1):
        t, after = toks[i], toks[i + 1]
        if (t.kind == "FILLER" and t.value is None and t.text == "to" and toks[i - 1].kind == "AND"
                and after.kind in _GROUP_OPENERS and after.text not in ("them", "it", "they", "you")):
            toks[i] = Tok("FILLER", "newgroup", t.start, t.end, t.words, t.text)
    return toks


# verbs that open a feature's wording and that drafters write once for two features ("hosts a Tier 1 social
# media service or a high impact designated internet service")
_SHARED_VERBS = frozenset("host hosts offer offers provide provides permit permits allow allows use uses supply supplies "
                          "integrate integrates operate operates".split())


def _shared_verb_feature(toks: list[Tok], spans: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> tuple[Tok, int] | None:
    """After "<verb> A or", the words at ``i`` as the feature "<verb> B" when the lexicon knows that wording
    (the FEATURE token and how many words it covers), else None."""
    if len(toks) < 2 or toks[-1].kind not in ("OR", "AND") or toks[-2].kind != "FEATURE":
        return None
    verb = toks[-2].text.split(" ", 1)[0]
    if verb not in _SHARED_VERBS:
        return None
    for n in range(min(lexicon.max_len - 1, len(spans) - i), 0, -1):
        key = (verb, *(sp[2] for sp in spans[i:i + n]))
        entry = lexicon.phrases.get(key)
        if entry is not None and entry[0] == "FEATURE":
            return Tok("FEATURE", entry[1], spans[i][0], spans[i + n - 1][1], n, " ".join(key[1:])), n
    return None


def _other_verb_form(spans: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> tuple[Tok, int] | None:
    """A feature's wording with its first or last word in the other number ("the service prohibits users under
    18" for "prohibit users under 18", "classified designated internet services" for "... service"): the
    FEATURE token and how many words it covers. Only feature wordings of at least two words, so no grammar
    word changes meaning."""
    def flip(word: str) -> str:
        return word[:-1] if word.endswith("s") and len(word) > 3 else word + "s"

    w = spans[i][2]
    # the first word in the other number ("prohibits"), or the last ("classified designated internet services")
    for first, lengths in ((flip(w), lexicon.lengths.get(flip(w), ())), (w, lexicon.lengths.get(w, ()))):
        for n in lengths:
            if n < 2 or n > len(spans) - i:
                continue
            words = [first, *(sp[2] for sp in spans[i + 1:i + n])]
            if first == w:
                words[-1] = flip(words[-1])
            entry = lexicon.phrases.get(tuple(words))
            if entry is not None and entry[0] == "FEATURE":
                return Tok("FEATURE", entry[1], spans[i][0], spans[i + n - 1][1], n,
                           " ".join(sp[2] for sp in spans[i:i + n])), n
    return None


def names_group(tok: Tok | None) -> bool:
    """A wording that carries its own head noun ("enterprise services", "gaming service with communications
    functionality"): it names a group of services."""
    return tok is not None and tok.kind in ("FEATURE", "KIND", "STYPE") and re.search(
        r"\b(?:services?|providers|platforms)$|\b(?:services?|providers|platforms)\s+(?:with|that|which|in|offering|providing)\b", tok.text) is not None


# ---------------------------------------------------------------------------- numbers in words

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, "a", *_SCALES])
# "seven hundred thousand", "one million", "five million": only runs that hold a scale word, so that
# "one or more of the following" keeps its words
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)*(?:hundred|thousand|million)\b(?:[\s-]+(?:{_NUMBER_WORD})\b)*", re.I)


def _number_from_words(m: re.Match[str]) -> str:
    """The digits of a number written in words, or the words unchanged when they do not make one.

    "and" joins two numbers ("between one million and five million") except after "hundred" ("seven
    hundred and fifty thousand")."""
    chunks = re.split(r"(?<!hundred)\s+and\s+", m.group(0), flags=re.I)
    return " and ".join(_words_to_digits(c) for c in chunks)


def _words_to_digits(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not any(w in _SCALES for w in words):
        return text
    total, current = 0, 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "a":
            current += 1
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million"):
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return text
    if not words or words[0] in _SCALES:
        return text  # "million" alone (after digits: "7 million") is the tokeniser's
    return f"{total + current:,}"


# "700 000 monthly active UK users": thousands set apart by a space (or a thin or no-break space), as in SI style
_SPACED_THOUSANDS = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+\b")
# "1m monthly active UK users", "7.5m users": the abbreviation said in full
_ABBREVIATED_MILLION = re.compile(r"\b(\d{1,3}(?:\.\d{1,2})?)\s?m\b(?=\s+(?:monthly|active|uk|united|users?|people|members|accounts))", re.I)


def digits_for_number_words(text: str) -> str:
    """``text`` with numbers written in words ("seven hundred thousand") in digits ("700,000"), and thousands set apart
    by spaces joined ("700 000" -> "700000")."""
    text = _ABBREVIATED_MILLION.sub(r"\1 million", _SPACED_THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group(0)), text))
    # ("2 or more kinds of illegal harm", "at least 1 kind of"): a count of kinds, said in the words the harm lists know
    text = _COUNTED_KINDS.sub(lambda m: f"{m.group(1) or ''}{_COUNT_WORDS[m.group(2)]}{m.group(3)}", text)
    return _NUMBER_WORDS.sub(_number_from_words, text)


_COUNT_WORDS = {"1": "one", "2": "two", "3": "three"}
_COUNTED_KINDS = re.compile(r"\b(at\s+least\s+)?([123])(\s+(?:or\s+more\s+)?(?:kinds?|types?)\s+of)\b", re.I)


def kinds_named(sentence: str, vocab: Vocabulary) -> frozenset[str]:
    """The kinds of service a sentence names, in the code's own wordings (kept per vocabulary and sentence: the parts
    check asks it of the same words not understood for every service it evaluates)."""
    found = _KINDS_NAMED.get((vocab.key, sentence))
    if found is None:
        if len(_KINDS_NAMED) > 4096:
            _KINDS_NAMED.clear()  # (a long-running app reads many codes: kept small)
        found = _KINDS_NAMED[(vocab.key, sentence)] = frozenset(
            t.value for t in tokenise(sentence, lexicon_for(vocab), None) if t.kind == "KIND")
    return found


_KINDS_NAMED: dict[tuple[str, str], frozenset[str]] = {}


def features_named(sentence: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None) -> list[str]:
    """The features a sentence names, not under a negation (the code's scope feature aside)."""
    toks = tokenise(sentence, lexicon_for(vocab), id_pattern)
    return [t.value for i, t in enumerate(toks) if t.kind == "FEATURE" and t.value != "likely-accessed-by-children"
            and not (i and toks[i - 1].kind in ("NOT", "WITHOUT"))]
