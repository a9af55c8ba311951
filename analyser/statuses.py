"""Statuses, conditions and qualifier rules in words: the one place every face takes them from.

Why one place: a legend, a badge, an export and a response draft must all say the same thing
about what "qualified" means, and a new status (such as ``unclear``) must appear in every one of
them by adding a single entry here, never by finding every place that listed three.
Why words: officers read these, and an internal key (``risk(csam-image>=medium)``,
``feasibility.technically-feasible``, ``public-content``) means nothing to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .palette import status_colour


@dataclass(frozen=True)
class StatusWords:
    label: str  # the status as shown ("qualified")
    phrase: str  # "it ... <service>": how a sentence about one service says it
    definition: str  # what the status means, for legends
    mark: str  # a symbol that tells statuses apart without colour
    colour: str  # a fill (analyser/palette.py); always shown with the label or mark, never alone

    @property
    def edge(self) -> str:
        """The status's border colour, 3:1 or better against the page (analyser/palette.py)."""
        return status_colour(self.label).edge


# Order is the order legends and summaries list them in.
STATUS_WORDS: dict[str, StatusWords] = {
    "applies": StatusWords(
        "applies", "applies to",
        "its application condition holds for the service, and nothing in its wording lets the service out",
        "●", status_colour("applies").fill),
    "qualified": StatusWords(
        "qualified", "applies, with a way out, to",
        "its condition holds, but the measure's own wording (a qualifier such as \"where technically "
        "feasible\", or a content scope such as \"content communicated publicly\") lets this service "
        "out in practice",
        "◐", status_colour("qualified").fill),
    "exempt": StatusWords(
        "exempt", "does not apply to",
        "its application condition does not hold for the service (or the code is for another kind of service)",
        "○", status_colour("exempt").fill),
    "unclear": StatusWords(
        "unclear", "may or may not apply (the analyser could not decide) to",
        "whether it applies cannot be decided: part of the deciding wording was not understood, the "
        "application text and the index table give this service different answers, or the wording can be "
        "read two ways; the reason quotes the words, so check them in the code",
        "?", status_colour("unclear").fill),
}


def status_words(status: str) -> StatusWords:
    """The words for a status; an unknown one (added by a newer analysis) is shown as itself."""
    return STATUS_WORDS.get(status) or StatusWords(status, f"is {status} for", status, "?", "")


def status_label(status: str) -> str:
    """A status with its mark, so it reads without colour: "◐ qualified"."""
    w = status_words(status)
    return f"{w.mark} {w.label}"


def legend_lines() -> list[str]:
    """"<mark> <status>: <definition>" for every status, in order (plain text; callers escape)."""
    return [f"{w.mark} {w.label}: {w.definition}" for w in STATUS_WORDS.values()]


def reason_words(status: str, reason: str) -> str:
    """The reason without a leading repeat of the status ("exempt: ..." after "exempt")."""
    text = reason.strip()
    prefix = f"{status}:"
    if text.lower().startswith(prefix):
        text = text[len(prefix):].strip()
    return text


# ---------------------------------------------------------------------------------------------
# Content scopes and qualifier rules

SCOPE_WORDS: dict[str, str] = {
    "public-content": "only content communicated publicly",
    "private-content": "only content communicated privately",
}


def scope_words(key: str) -> str:
    return SCOPE_WORDS.get(key, key.replace("-", " "))


def rule_words(rule: str) -> str:
    """A lexicon rule id ("feasibility.technically-feasible") as words ("technically feasible")."""
    if rule.startswith("lex:"):
        rule = rule[4:]
    tail = rule.split(".", 1)[1] if "." in rule else rule
    return tail.replace("-", " ").replace("_", " ")


# ---------------------------------------------------------------------------------------------
# Condition atoms as they appear in evaluate's AtomResult.atom ("risk(csam-image>=medium)")

_ATOM = re.compile(r"^(?P<name>[a-z_]+)(?:\((?P<args>.*)\))?$")


def atom_words(key: str) -> str:
    """An atom key in words, e.g. ``users_over(700000)`` -> "more than 700,000 users"."""
    from .conditions import describe_atom, load_vocabulary
    from .models import Condition

    m = _ATOM.match(key.strip())
    if not m:
        return key
    name, args = m.group("name"), m.group("args") or ""
    params: dict = {}
    if name == "risk":
        harm, _, level = args.partition(">=")
        params = {"harm": harm, "min": level or "medium"}
    elif name == "users_over":
        try:
            params = {"n": int(args.replace(",", ""))}
        except ValueError:
            return key
    elif name == "feature":
        params = {"name": args}
    elif name == "search_type":
        params = {"type": args}
    elif name == "kind":
        params = {"kind": args}
    elif name == "measure":
        params = {"id": args}
    elif name == "unknown":
        return "wording not understood"
    try:
        return describe_atom(Condition(op="atom", atom=name, params=params), load_vocabulary())
    except Exception:  # noqa: BLE001 - words are a nicety; the key is still better than nothing
        return key
