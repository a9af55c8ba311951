"""A kind of content named by what the content does: "content depicting or encouraging dangerous stunts and
challenges", "content encouraging the ingestion, inhalation or exposure to harmful substances", "material that
promotes self-harm", "offences relating to the sale of illegal drugs".

Why its own pass: drafters paraphrase the statutory definitions of the kinds of content in many ways, but
the paraphrase is always the word "content" (or "material"), verbs of showing or encouraging, perhaps the act
("the ingestion, inhalation or exposure to"), then the kind's name. This pass joins such a run to the HARM
token after it. Only the words below are joined: a negation, a number, a level, a feature or any other word
keeps the words unread, so what the pass does not know stays "not understood".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # condition_tokens calls this pass, so the class is taken from the tokens themselves
    from .condition_tokens import Tok

# the noun that opens the run
_CONTENT = frozenset({"content", "material", "materials", "offences", "offence"})
# verbs of showing or encouraging, and the acts a definition names before the kind ("the ingestion of")
_DESCRIBING = frozenset(
    "depicting depicts depict depicted encouraging encourages encourage promoting promotes promote glorifying "
    "glorifies glorify showing shows show featuring portraying portrays about concerning relating relates "
    "related providing provides provide instructions instruction facilitating facilitates inciting incites "
    "ingestion inhalation exposure consumption ingesting inhaling injecting injection self-administering "
    "self-administration taking acts act sale selling supply supplying dealing".split())
# joining words allowed inside the run
_JOINING_KINDS = frozenset({"OR", "AND", "COMMA", "FILLER", "OF", "REL"})


def _opens_run(tok: Tok) -> bool:
    """The noun that opens a run ("content", "offences")."""
    return tok.kind in ("WORD", "FILLER") and (tok.value or tok.text) in _CONTENT


def join_harm_phrases(toks: list[Tok], norm: str) -> list[Tok]:
    """``toks`` with each "content <describing words> <kind>" run joined into the kind's HARM token."""
    out: list[Tok] = []
    for t in toks:
        if t.kind != "HARM":
            out.append(t)
            continue
        j = len(out)
        described = False
        while j > 0:
            prev = out[j - 1]
            if _opens_run(prev):
                break
            if prev.kind in ("WORD", "VERB") and (prev.value or prev.text.lower()) in _DESCRIBING:
                # ("supply" is also a verb of the grammar: "offences relating to the supply of drugs")
                described = True
            elif prev.kind in _JOINING_KINDS and prev.value != ";":
                pass
            else:
                break
            j -= 1
        opener = out[j - 1] if j > 0 else None
        # "content that encourages or assists suicide": the kind's own wording says what the content does
        described = described or (j < len(out) and all(x.kind == "REL" for x in out[j:]))
        if described and opener is not None and _opens_run(opener):
            start = opener.start
            del out[j - 1:]
            out.append(type(t)("HARM", t.value, start, t.end, t.words, norm[start:t.end].lower()))
        else:
            out.append(t)
    return out
