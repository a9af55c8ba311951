"""What users can do on a service, written around a feature's name: "users can take part in group chats",
"let users comment on content", "users can post content that other users can see".

Why its own pass: drafters name a feature inside a sentence about users ("send private messages to one
another", "profiles visible to other users"), and the words around the name say who does it and to whom,
never which services. The vocabulary lists the names; this pass joins to a FEATURE token

- the verbs before it that say users do the thing ("take part in", "set up or join", "send"), and the
  "users" after "let"/"allow"/"enable";
- a noun after it that only says it is a feature ("a direct messaging function", "group chat tools");
- the audience after it ("to one another", "with other users", "that other users can see", "posted by
  others").

Nothing else is joined: a negation, a number, a harm, a level or any other word keeps the words unread,
so what the pass does not know stays "not understood".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # condition_tokens calls this pass, so the class is taken from the tokens themselves
    from .condition_tokens import Tok

# verbs of doing the thing, joined by "or"/"and" ("set up or join", "create or join")
_LEAD = re.compile(
    r"(?:(?:send|exchange|take\s+part\s+in|participate\s+in|join|set\s+up|create|start|use|access|host|share|post|upload|"
    r"view|broadcast|display|add|engage\s+in|employ|operate|deploy|run|rely\s+on|collect\s+(?:training\s+)?data\s+(?:with|using|through|by)|"
    r"crawl\s+the\s+web\s+(?:with|using))\s+(?:(?:or|and)\s+)?)+$", re.I)
# a feature named by what users do ("comment on content", "livestream", "reply to posts")
_VERB_LED = re.compile(r"(?:comment|reply|respond|post|share|upload|livestream|live-stream|stream|broadcast|send|message|chat|"
                       r"react|tag|search|view|go\s+live)\b", re.I)
_ONE_THING = ({"upload", "post", "share", "publish"}, {"comment", "reply", "respond"},
              {"livestream", "live-stream", "stream", "broadcast"}, {"send", "message", "chat"})
# who lets users do it: "let users comment on content" (the "users" is no count of users)
_LETS = frozenset({"let", "lets", "allow", "allows", "enable", "enables", "permit", "permits"})
# to whom: the audience says nothing about which services
_AUDIENCE = re.compile(
    r"\s*(?:,\s*)?(?:(?:to|with)\s+(?:one\s+another|each\s+other|(?:several\s+|many\s+)?other\s+users(?:\s+of\s+the\s+service)?|others|"
    r"an?\s+audience|(?:the\s+)?public)(?:\s+at\s+once)?"
    r"|(?:that|which)\s+(?:other\s+users|others)(?:\s+of\s+the\s+service)?\s+can\s+(?:see|view|access|read)"
    r"|(?:that\s+(?:are|is)\s+)?visible\s+to\s+(?:other\s+users|others)(?:\s+of\s+the\s+service)?"
    r"|(?:posted|shared|uploaded)\s+by\s+(?:other\s+users|others)(?:\s+of\s+the\s+service)?"
    r"|(?:that|which)\s+(?:other\s+users|others)\s+have\s+(?:posted|shared|uploaded)|to\s+(?:its\s+|their\s+)?users"
    r"|(?:on|in|within)\s+(?:the|its|their)\s+service)\b", re.I)
# a noun after the name that only says it is a feature: "a direct messaging function", "group chat tools"
_FEATURE_NOUN = re.compile(r"\s+(?:functionality|functionalities|functions?|features?|facility|facilities|tools?|"
                           r"capability|capabilities)\b", re.I)
# the tokens before the verbs after which they are about the service's users ("users can", "that", "allow")
_BEFORE_LEAD = frozenset({"FILLER", "REL", "RELVERB", "VERB", "USERNOUN", "WITH", "OR", "AND", "COMMA"})


def join_feature_phrases(toks: list[Tok], norm: str) -> list[Tok]:
    """``toks`` with the words around each FEATURE that only say users do it, to others, joined to it."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind != "FEATURE":
            out.append(t)
            i += 1
            continue
        start = t.start
        # the verbs before it: WORD tokens (and the "in" of "take part in") back to a token that opens them
        lo = len(out)
        while lo > 0 and out[lo - 1].kind in ("WORD", "FILLER", "OR", "AND") and out[lo - 1].text in ("", "in", "or", "and"):
            lo -= 1
        # (never "post or" before "comment on content": the name is itself a verb, so the verb before it is a second
        # thing users do, not how they do this one; joined, "post or comment on content" had been read as commenting alone)
        # ("upload or post content" is one thing said twice: verbs of one family are joined)
        verb_led = _VERB_LED.match(t.text or "")
        for j in range(lo, len(out)):  # the longest run of verbs that reads wholly as verbs
            lead = norm[out[j].start:t.start].strip() + " "
            if verb_led and (last := re.search(r"([\w-]+)\s+(?:or|and)\s+$", lead)) and not any(
                    {last[1].lower(), verb_led[0].lower()} <= family for family in _ONE_THING):
                continue
            if _LEAD.fullmatch(lead) and (j == 0 or out[j - 1].kind in _BEFORE_LEAD):
                start = out[j].start
                del out[j:]
                break
        # "let users comment on content": the users are the ones let, not a number of users ("let children livestream":
        # the children)
        if out and (out[-1].kind == "USERNOUN" and out[-1].text in ("users", "a user") or out[-1].kind == "WORD"
                    and out[-1].value in ("children", "child")) and len(out) >= 2 \
                and out[-2].kind == "VERB" and out[-2].text.split()[-1] in _LETS:
            start = out[-1].start
            out.pop()
        # "services on which users comment on one another's content", "on which children broadcast live": the users who
        # do it, as in "on which users can comment" (read as a number of users, the group had not been read)
        if len(out) >= 2 and (out[-1].kind == "USERNOUN" and out[-1].text == "users" or out[-1].kind == "WORD"
                              and out[-1].value == "children") and out[-2].kind == "REL" \
                and out[-2].text.lower() in ("on which", "in which", "where") and start == t.start:
            out[-1] = type(t)("FILLER", None, out[-1].start, out[-1].end, out[-1].words, out[-1].text)
        end = t.end
        k = i + 1
        noun = _FEATURE_NOUN.match(norm, end)
        if noun:
            end = noun.end()
        m = _AUDIENCE.match(norm, end)
        if m:
            end = m.end()
        if noun or m:
            while k < len(toks) and toks[k].start < end:
                k += 1
            end = max(end, toks[k - 1].end)
        out.append(type(t)("FEATURE", t.value, start, end, t.words, norm[start:end].lower()))
        i = k
    return out
