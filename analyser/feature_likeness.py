"""A condition worded in the drafter's own words, read as the one feature of the code whose wordings it is close to.

Why: a profile lists the wordings of each feature ("a parent or carer can see what a child does"), and the parser reads
those exactly; a drafter who writes "where a parent or carer can see what the child does online" says the same thing in
words no list foresaw, and the clause was left undecided. Here such a condition, when the parser has read nothing of it
(or nothing of what follows the services named), is compared with every wording of every feature of the code by the
words they share, each word weighted by how few features use it. It is read as a feature only when one feature is
clearly the nearest: most of that feature's wording is in the condition, nearly all of the condition is in that wording,
the condition joins no more things with "and" or "or" than that wording does, it names no other feature by its label,
and no other feature comes close. A condition with a word that limits or negates ("only", "not", "unless", "cannot",
"more than"), a list (a comma), a number or a level of risk is never read this way: those words carry meaning the
comparison cannot see (two features, or one of them left out), so the clause stays undecided.

The reading is then trusted only where nothing around it could turn the answer (``trusted_likeness``): not under "not"
or "or", not in a clause or measure that lets services out, gives some back or permits them something, and not beside
another feature named word for word. What was read this way is said in the reason, with the wording it was matched to,
so that an officer can check it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .condition_tree import atom, atoms_of
from .models import Applicability, Condition
from .vocabulary import Vocabulary

# words every wording shares, which tell no feature from another
_STOP = frozenset("""a an the of to for and or in on at by with from into onto as that which who whom whose when
it its it's their theirs they them his her he she this these those such your you yours our we is are be been being was were
has have had do does did can could may might will would shall should must let lets letting allow allows allowed allowing
enable enables enabled make makes made any some each every other another one own also so than then there here
service services provider providers signatory signatories platform platforms online people person someone anyone
user users""".split())
# words that limit, negate or count: what they say is lost in a comparison of words, so a condition with one is not read
_LIMITS = re.compile(r"[,;:]|\b(?:not|no|none|never|neither|nor|either|cannot|unable|nothing|nobody|however|any\s+other|without|"
                     r"only|unless|except|excluding|other\s+than|fewer|"
                     r"more\s+than|less\s+than|at\s+least|at\s+most|up\s+to|risk|risks|large|small|if|whether|while|until|"
                     r"before|after|once)\b|n't\b|(?<![\w])\d", re.I)
# what opens the condition: the services (Signatories, models) it is said of
_LEAD = re.compile(r"^\s*(?:(?:the|those|any|all)\s+)?(?:services?|signator(?:y|ies)|providers?|models?)\s+"
                   r"(?:that|which|who|where|whose)\s+", re.I)
_JOINERS = re.compile(r"\b(?:and|or)\b", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*(?:'s)?")
_IRREGULAR = {"children": "child", "childrens": "child", "bought": "buy", "sold": "sell", "sent": "send", "shown": "show",
              "seen": "see", "made": "make", "kept": "keep", "held": "hold", "given": "give", "met": "meet"}

CONTAINED = 0.7  # at least this share of the feature's wording (by weight) is in the condition
COVERED = 0.8  # at least this share of the condition (by weight) is in the feature's wording
MARGIN = 0.25  # and the next feature's score is lower by at least this much


def _stem(word: str) -> str:
    """A crude stem, the same on both sides of the comparison ("watches", "watched", "watching": "watch")."""
    word = _IRREGULAR.get(word.removesuffix("'s"), word.removesuffix("'s"))
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word  # ("profile", "profiling": "profil")


def _plain_words(text: str) -> list[str]:
    """The words of ``text``, lower case, with a curly apostrophe made straight (one rule for both sides)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _plain_words(text) if w not in _STOP)


@dataclass(frozen=True)
class _Index:
    """One vocabulary's features as the comparison needs them, built once per vocabulary key."""

    wordings: tuple[tuple[str, str, frozenset[str]], ...]  # (feature, wording, its words): wordings of two words or more
    phrases: tuple[tuple[str, str], ...]  # (feature, " wording "): the same wordings word for word, to find them named
    weight: dict[str, float]  # each word's weight: the fewer features use it, the more it tells
    unknown: float  # the weight of a word no wording uses: as much as the rarest
    labels: dict[str, frozenset[str]]  # each feature's label, as words


_INDEXES: dict[str, _Index] = {}


def _index(vocab: Vocabulary) -> _Index:
    if vocab.key in _INDEXES:
        return _INDEXES[vocab.key]
    wordings = []
    features_of: dict[str, set[str]] = {}
    for key, info in vocab.features.items():
        for text in [info.get("label", ""), *info.get("variants", [])]:
            words = _words(text)
            if len(words) >= 2:
                wordings.append((key, text, words))
            for w in words:
                features_of.setdefault(w, set()).add(key)
    n = max(len(vocab.features), 1)
    weight = {w: math.log(1 + n / len(keys)) for w, keys in features_of.items()}
    _INDEXES[vocab.key] = _Index(
        wordings=tuple(wordings), phrases=tuple((key, f" {' '.join(_plain_words(text))} ") for key, text, _w in wordings),
        weight=weight, unknown=max(weight.values(), default=1.0),
        labels={key: _words(info.get("label", "")) for key, info in vocab.features.items()})
    return _INDEXES[vocab.key]


def _nearest(said: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(feature key, the wording it was matched to) when ``said`` is clearly one feature in other words, else None."""
    if _LIMITS.search(said):
        return None
    words = _words(said)
    if len(words) < 2:
        return None
    index = _index(vocab)

    def weigh(ws: frozenset[str]) -> float:
        return sum(index.weight.get(w, index.unknown) for w in ws)

    total = weigh(words)
    best: dict[str, tuple[float, str, frozenset[str]]] = {}
    joined = len(_JOINERS.findall(said))
    for key, text, wording in index.wordings:
        if len(_JOINERS.findall(text)) < joined:
            continue  # "watch what the child does or see where the child is": two things joined, where the wording has one
        shared = weigh(words & wording)
        score = min(shared / weigh(wording) / CONTAINED, shared / total / COVERED)
        if score > best.get(key, (0.0,))[0]:
            best[key] = (score, text, wording)
    ranked = sorted(best.items(), key=lambda kv: kv[1][0], reverse=True)
    if not ranked or ranked[0][1][0] < 1.0:
        return None
    if len(ranked) > 1 and ranked[1][1][0] > ranked[0][1][0] - MARGIN:
        return None
    key, (_score, text, wording) = ranked[0]
    if any(other != key and label and label <= words and not label <= wording for other, label in index.labels.items()):
        return None  # "profile children to serve them targeted advertising": a second feature named by its label
    return key, text


def _two_parts(said: str, vocab: Vocabulary) -> list[tuple[str, tuple[str, str], tuple[str, str]]]:
    """Every way of cutting ``said`` at one "and" or "or" into two parts that are each clearly one feature, a different
    one ("publish community standards and rely on reports from users to uphold them", "is an online game and sells
    items for real money inside the game")."""
    found = []
    for joiner in _JOINERS.finditer(said):
        left, right = said[: joiner.start()].strip(), said[joiner.end():].strip()
        right = re.sub(r"^(?:that|which|who|also|then)\s+", "", right, flags=re.I)
        a, b = _nearest(left, vocab), _nearest(right, vocab)
        if a is not None and b is not None and a[0] != b[0]:
            found.append((joiner.group(0).lower(), a, b))
    return found


def read_by_likeness(condition: str, vocab: Vocabulary) -> Condition | None:
    """The feature (or two features joined by "and" or "or") that ``condition`` ("services that ...") clearly names in
    other words, each atom carrying the drafter's words and the wording matched; None when it is not clear."""
    lead = _LEAD.match(condition)
    if lead is None:
        return None
    said = condition[lead.end():].strip()
    one = _nearest(said, vocab)
    if one is not None:
        return atom("feature", name=one[0], like=one[1], said=condition)
    parts = _two_parts(said, vocab)
    if len(parts) != 1:
        return None  # none, or more than one cut that reads: the drafter's grouping is not clear
    joiner, a, b = parts[0]
    args = [atom("feature", name=k, like=w, said=condition) for k, w in (a, b)]
    # (the node says which words it read, so that trusted_likeness takes its "or" as the reading's own)
    return Condition(op="and" if joiner == "and" else "or", args=args, params={"said": condition})


# words by which a clause lets services out, gives some back or permits them something: beside them, a condition read by
# likeness is not trusted ("If your service is a counselling service ..., this code does not cover it", "Where a Signatory
# integrates the model ..., it need not ...", "Signatories that release ... may meet paragraph (1) by ...": what such a
# clause does with the services named is for the exact reading to say, and it had not)
_TURNS = re.compile(r"\b(?:need\s+not|not\s+(?:required|expected|obliged|bound|covered|within)|(?:does|do)\s+not\s+(?:apply|cover|extend|"
                    r"reach|bind|need|have\s+to)|exempt\w*|except(?:ion|ions|ed)?|exclud\w+|unless|other\s+than|none\s+of|no\s+longer|"
                    r"outside|instead|may|left\s+out|carved\s+out|released?\s+from|relieved|waived?)\b", re.I)


def _trusted(cond: Condition, plain: bool) -> tuple[Condition, list[str]]:
    """``cond`` with each feature read by likeness kept only where ``plain`` and every operator above it is "and" (never
    under "not", "or" or two readings that must agree: there a near reading could turn the answer); the others are
    words not understood again."""
    if cond.params.get("said") and not plain:  # two features read together: undone whole
        return atom("unknown", text=str(cond.params["said"])), [str(cond.params["said"])]
    if cond.op == "atom":
        if cond.atom == "feature" and cond.params.get("like") and not plain:
            said = str(cond.params.get("said", ""))
            return atom("unknown", text=said), [said]
        return cond, []
    undone: list[str] = []
    args = []
    own = bool(cond.params.get("said"))  # two features read together by likeness: its "or" is the reading's own
    for a in cond.args:
        kept, lost = _trusted(a, plain and (cond.op == "and" or own))
        args.append(kept)
        undone += lost
    return (replace(cond, args=args), undone) if undone else (cond, [])


def _names_another(text: str, cond: Condition, vocab: Vocabulary) -> bool:
    """Does ``text`` name, word for word in one of its wordings of two words or more, a feature ``cond`` does not hold
    ("If you rely on user reporting to enforce your community standards": community standards too)?"""
    # (features the reading holds, read exactly or by likeness, are accounted for)
    read = {a.params.get("name") for a in atoms_of(cond) if a.atom == "feature"}
    said = f" {' '.join(_plain_words(text))} "
    return any(key not in read and phrase in said for key, phrase in _index(vocab).phrases)


def _takes_out(cond: Condition) -> bool:
    """Does the reading take services out anywhere ("... and not counselling services")?"""
    return cond.op == "not" or any(_takes_out(a) for a in cond.args)


def trusted_likeness(app: Applicability, vocab: Vocabulary, context: str = "") -> Applicability:
    """``app`` with the features read by likeness that its clause cannot be trusted with made words not understood:
    under "not", "or" or two readings; in a clause that lets services out, gives some back or permits them something,
    unless its reading takes services out (the exact reading understood those words, "... and not counselling
    services"); beside other paragraphs of the measure (``context``) that do so; or beside another feature named outright."""
    if app.condition is None or not any(a.atom == "feature" and a.params.get("like") for a in atoms_of(app.condition)):
        return app
    text = f"{app.text or ''} {context}"
    turned = bool(_TURNS.search(context)) or (bool(_TURNS.search(app.text or "")) and not _takes_out(app.condition))
    cond, undone = _trusted(app.condition, not turned and not _names_another(text, app.condition, vocab))
    if undone:
        app.condition = cond
        app.unparsed += [u for u in undone if u not in app.unparsed]
        app.confidence = min(app.confidence, 0.5)
    return app
