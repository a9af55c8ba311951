"""Score the analyser's reading of application clauses against an evaluation set it has not seen.

    python bench/score_applicability.py [dev|dev1|dev2|...|heldout] [--list-misses]

``dev`` is every development set (``dev.toml`` and ``devN.toml``, each by a helper who read no
analyser code; dev3, dev7, dev10-dev29, dev32, dev33, dev36, dev37, dev40, dev41, dev44, dev45,
dev48, dev49, dev52, dev53, dev56, dev57, dev60, dev61, dev64, dev65, dev67, dev68, dev70, dev71, dev74, dev75, dev78, dev79, dev82, dev83, dev86, dev87, dev90, dev91, dev94, dev95, dev98, dev99, dev102, dev103, dev106, dev107, dev110, dev111, dev114, dev115, dev118 and dev119 are the first sixty-eight held-out sets, retired to
development once they had been scored several times; the others were written as development sets), ``devN`` one of them; ``heldout`` is
``heldout69.toml``, the held-out set now; ``heldout70`` a second one written at the same time by
another helper (both scored by aggregates only).

The set (``bench/heldout/applicability/``) gives each clause's intended condition in a small
language of its own (``all``, ``large``, ``risk(fraud, medium)``, ``and(...)`` ...). This script
interprets that language itself, independently of the analyser, and compares it with the
analyser's status (applies/qualified = covered, exempt = not covered, unclear = undecided) over a
grid of service profiles that tell the two readings apart: every threshold either side, every
level of each named harm, none/one/two other harms at medium or high, every subset of the named
features, each service kind of the family. A *decision* is one clause x one service.

- right: the analyser's confident answer equals the intended one;
- confidently wrong: it gave a confident answer (applies/exempt) that is not the intended one;
- unclear: it said "unclear" (it quoted the words it did not understand).

The script also runs against an older analyser that knows no "unclear" (for the "before"
figure): it then has no unclear answers, and a clause it could not read counts as it answered.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SET_DIR = ROOT / "bench" / "heldout" / "applicability"
LEVELS = ("negligible", "low", "medium", "high")
MAX_PROBES = 192

# family -> the analyser's code profile that reads it (a path, so examples can be used)
PROFILES = {
    "icu": "codes/profiles/icu.toml", "ics": "codes/profiles/ics.toml", "pcu": "codes/profiles/pcu.toml",
    "pcs": "codes/profiles/pcs.toml", "gpai": "codes/profiles/eu-gpai.toml",
    "ico": "codes/examples/ico-aadc.toml", "esafety": "codes/examples/esafety-industry.toml",
}
# the set's feature keys that the analyser's shipped vocabulary spells differently
KEY_MAP = {"group-chat": "user-groups"}


# ---------------------------------------------------------------------------- the set's language


@dataclass
class Node:
    op: str
    args: list
    name: str = ""


def parse_expr(text: str) -> Node:
    tokens = re.findall(r"[A-Za-z0-9_.\- ]+|[(),]", text)
    tokens = [t.strip() for t in tokens if t.strip()]
    pos = 0

    def node() -> Node:
        nonlocal pos
        name = tokens[pos]
        pos += 1
        if pos < len(tokens) and tokens[pos] == "(":
            pos += 1
            args = []
            while tokens[pos] != ")":
                if tokens[pos] == ",":
                    pos += 1
                    continue
                args.append(node())
            pos += 1
            return Node(name, args)
        return Node("word", [], name)

    return node()


@dataclass
class Service:
    kind: str
    search_type: str | None
    users: int
    risks: dict[str, str]
    features: frozenset[str]


def _lvl(s: Service, harm: str) -> int:
    return LEVELS.index(s.risks.get(harm, "negligible"))


def _kinds_at_medium(s: Service, family: dict) -> set[str]:
    out = set()
    for h in family.get("harms", []):
        if _lvl(s, h) >= 2:
            out.add("csea" if family["code"] in ("ICU", "ICS") and h in ("csam-image", "csam-url", "grooming") else h)
    return out


def intended(n: Node, s: Service, family: dict, refs: dict[str, Node]) -> bool:
    op = n.op
    if op == "word":
        w = n.name
        if w == "all":
            return True
        if w == "large":
            return s.users > 7_000_000
        if w == "multi_risk":
            return len(_kinds_at_medium(s, family)) >= 2
        if w == "low_risk":
            return not _kinds_at_medium(s, family)
        raise ValueError(f"unknown word {w}")
    a = n.args
    if op == "and":
        return all(intended(x, s, family, refs) for x in a)
    if op == "or":
        return any(intended(x, s, family, refs) for x in a)
    if op == "not":
        return not intended(a[0], s, family, refs)
    if op == "at_least":
        k = int(a[0].name)
        return sum(intended(x, s, family, refs) for x in a[1:]) >= k
    if op == "users_over":
        return s.users > int(a[0].name)
    if op == "risk":
        harm, level = a[0].name, a[1].name
        if harm == "any":
            return any(_lvl(s, h) >= LEVELS.index(level) for h in family.get("harms", []))
        return _lvl(s, harm) >= LEVELS.index(level)
    if op == "feature":
        return a[0].name in s.features
    if op == "kind":
        return s.kind == a[0].name
    if op == "search_type":
        return s.kind == "search" and s.search_type == a[0].name
    if op == "applies":
        return intended(refs[a[0].name], s, family, refs)
    raise ValueError(f"unknown function {op}")


def _walk(n: Node):
    yield n
    for a in n.args:
        yield from _walk(a)


# ---------------------------------------------------------------------------- probes


def probes(nodes: list[Node], family: dict, parsed_atoms: list, seed: str) -> list[Service]:
    harms, features, users = [], [], {0, 7_000_000, 7_000_001}
    for root in nodes:
        for n in _walk(root):
            if n.op == "risk" and n.args[0].name != "any" and n.args[0].name not in harms:
                harms.append(n.args[0].name)
            elif n.op == "feature" and n.args[0].name not in features:
                features.append(n.args[0].name)
            elif n.op == "users_over":
                k = int(n.args[0].name)
                users |= {k, k + 1}
    for a in parsed_atoms:  # what the analyser's reading names, so that its extra conditions are tried too
        if a.atom == "risk" and a.params.get("harm") not in (None, "any") and a.params["harm"] not in harms:
            if a.params["harm"] in family.get("harms", []):
                harms.append(a.params["harm"])
        elif a.atom == "feature" and a.params.get("name") not in features:
            features.append(a.params["name"])
        elif a.atom == "users_over":
            k = int(a.params.get("n", 0))
            users |= {k, k + 1}
    pool = [h for h in family.get("harms", []) if h not in harms]
    others = [{}]
    if len(pool) >= 2:
        others += [{pool[0]: "medium"}, {pool[0]: "high", pool[1]: "medium"}]
    kinds = [(k, t) for k in family["kinds"] for t in (family.get("search_types", ["general", "vertical"]) if k == "search" else [None])]
    users_sorted = sorted(users)
    total = len(kinds) * len(users_sorted) * len(LEVELS) ** len(harms) * len(others) * 2 ** len(features)
    if total > 50_000_000:
        # too many to list in memory (a reading that names every kind of harm, "at high risk of two or more kinds"): draw
        # MAX_PROBES services at random, each part chosen evenly, as the sample from the whole list would be
        rng = random.Random(seed)
        drawn = []
        for _ in range(MAX_PROBES):
            kind, stype = rng.choice(kinds)
            risks = {**rng.choice(others), **{h: lv for h in harms if (lv := rng.choice(LEVELS)) != "negligible"}}
            drawn.append(Service(kind, stype, rng.choice(users_sorted), risks, frozenset(f for f in features if rng.random() < 0.5)))
        return drawn
    grid = []
    for (kind, stype), n, levels, extra, k in itertools.product(
        kinds, users_sorted, itertools.product(LEVELS, repeat=len(harms)), others, range(len(features) + 1)
    ):
        for feats in itertools.combinations(features, k):
            risks = {**extra, **{h: lv for h, lv in zip(harms, levels) if lv != "negligible"}}
            grid.append(Service(kind, stype, n, risks, frozenset(feats)))
    if len(grid) > MAX_PROBES:
        grid = random.Random(seed).sample(grid, MAX_PROBES)
    return grid


# ---------------------------------------------------------------------------- the analyser's side


def analyser_statuses(clause: dict, family: dict, services: list[Service]) -> tuple[list[bool | None], object]:
    from analyser import applicability as ap
    from analyser.evaluate import evaluate_measure
    from analyser.models import Applicability, Code, CodeInfo, IndexRow, Measure, Paragraph, ServiceProfile

    prof = _profile(clause["family"])
    fam_code = family["code"]
    kind = prof.kind if prof is not None else "any"
    paras = clause.get("paragraphs") or [clause["text"]]
    m = Measure(id=clause["measure"], number=clause["measure"].split()[-1], title="", chapter=None,
                chapter_title=None, page_start=1, page_end=1)
    try:
        try:
            from analyser.application_settle import application_paragraphs
        except ImportError:  # an analyser from before application_settle (5 December 2026)
            from analyser.application_text import application_paragraphs

        chosen = application_paragraphs(paras, prof.application_phrase if prof else None)
    except ImportError:  # an older analyser: the profile's phrase alone
        chosen = [i for i, t in enumerate(paras) if prof is not None and prof.application_phrase
                  and prof.application_phrase.search(t)]
    if "text" in clause and not clause.get("paragraphs"):
        chosen = [0]
    for i, t in enumerate(paras):
        m.paragraphs.append(Paragraph(number=f"{m.number}.{i + 1}", text=t, page=1, is_application=i in chosen))
    m.application = "\n".join(paras[i] for i in chosen)
    info_kwargs = dict(title="", publisher=None, family="", short_name=prof.short_name if prof else fam_code,
                       kind=kind, version=None, source_file="", sha256="", page_count=1,
                       profile=str(ROOT / PROFILES[clause["family"]]))
    try:
        info = CodeInfo(**info_kwargs, services=dict(getattr(prof, 'services', {}) or {}))
    except TypeError:
        info = CodeInfo(**info_kwargs)
    code = Code(info=info, measures=[m])
    for ref_id, cond in (clause.get("refs") or {}).items():
        r = Measure(id=ref_id, number=ref_id.split()[-1], title="", chapter=None, chapter_title=None, page_start=1, page_end=1)
        r.applicability = Applicability(text="", condition=_to_condition(parse_expr(cond)), confidence=1.0)
        code.measures.append(r)
    if "index" in clause:
        code.index.append(IndexRow(clause["measure"], [clause["measure"]], "", clause["index"], 1))
    refs_done = [x.applicability for x in code.measures[1:]]
    try:
        ap.resolve_applicability(code, profile=str(ROOT / PROFILES[clause["family"]]))
    except TypeError:
        ap.resolve_applicability(code)
    for x, a in zip(code.measures[1:], refs_done):
        x.applicability = a  # the references are given, not read
    out = []
    for s in services:
        feats = [f for f in s.features]
        svc = ServiceProfile(name="probe", kind=s.kind, search_type=s.search_type, users=s.users, risks=dict(s.risks),
                             features=feats)
        try:
            st = evaluate_measure(code, m, svc).status
        except Exception as err:  # an older analyser may not cope with a kind or atom it never knew
            print(f"{clause['id']}: the analyser failed ({type(err).__name__}: {err}); counted as unclear", file=sys.stderr)
            st = "unclear"
        out.append(None if st == "unclear" else st in ("applies", "qualified"))
    return out, m.applicability


def _to_condition(n: Node):
    from analyser.models import Condition

    if n.op == "word":
        return Condition(op="atom", atom=n.name, params={})
    if n.op in ("and", "or", "not"):
        return Condition(op=n.op, args=[_to_condition(a) for a in n.args])
    if n.op == "at_least":
        return Condition(op="at_least", params={"n": int(n.args[0].name)}, args=[_to_condition(a) for a in n.args[1:]])
    if n.op == "users_over":
        return Condition(op="atom", atom="users_over", params={"n": int(n.args[0].name)})
    if n.op == "risk":
        return Condition(op="atom", atom="risk", params={"harm": n.args[0].name, "min": n.args[1].name})
    if n.op == "feature":
        return Condition(op="atom", atom="feature", params={"name": KEY_MAP.get(n.args[0].name, n.args[0].name)})
    if n.op == "kind":
        return Condition(op="atom", atom="kind", params={"kind": n.args[0].name})
    if n.op == "search_type":
        return Condition(op="atom", atom="search_type", params={"type": n.args[0].name})
    if n.op == "applies":
        return Condition(op="atom", atom="measure", params={"id": n.args[0].name})
    raise ValueError(n.op)


_PROFILES: dict[str, object] = {}


def _profile(family: str):
    from analyser.profiles import load_profile

    if family not in _PROFILES:
        path = ROOT / PROFILES[family]
        _PROFILES[family] = load_profile(path) if path.exists() else None
    return _PROFILES[family]


def _atoms(cond):
    if cond is None:
        return []
    out = [cond] if cond.op == "atom" else []
    for a in cond.args:
        out += _atoms(a)
    return out


# ---------------------------------------------------------------------------- scoring


def _remap(n: Node) -> Node:
    if n.op == "feature":
        return Node("feature", [Node("word", [], KEY_MAP.get(n.args[0].name, n.args[0].name))])
    return Node(n.op, [_remap(a) for a in n.args], n.name)


HELDOUT = "heldout69.toml"
EARLIER_HELDOUT = {"heldout70": "heldout70.toml"}  # a second held-out set, kept until it is retired


def _dev_files() -> dict[str, str]:
    """The development sets by name: dev.toml is "dev1", devN.toml is "devN"."""
    found = {}
    for f in sorted(SET_DIR.glob("dev*.toml")):
        n = f.stem[3:] or "1"
        if n.isdigit():
            found[f"dev{n}"] = f.name
    return dict(sorted(found.items(), key=lambda kv: int(kv[0][3:])))


def _set_files(which: str) -> list[str]:
    if which == "heldout" or which in EARLIER_HELDOUT:
        name = HELDOUT if which == "heldout" else EARLIER_HELDOUT[which]
        if not (SET_DIR / name).is_file():
            raise SystemExit(f"{SET_DIR / name}: no such evaluation set")
        return [name]
    devs = _dev_files()
    if which == "dev":
        return list(devs.values())
    if which not in devs:
        raise SystemExit(f"{which}: no such development set (there are {', '.join(devs)})")
    return [devs[which]]


def score(which: str, list_misses: bool = False) -> dict:
    vocab = tomllib.loads((SET_DIR / "vocab.toml").read_text())
    files = _set_files(which)
    clauses = [c for f in files for c in tomllib.loads((SET_DIR / f).read_text())["clause"]]
    totals: Counter = Counter()
    by_family: dict[str, Counter] = defaultdict(Counter)
    per_clause: Counter = Counter()
    by_shape: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for c in clauses:
        fam = vocab["families"][c["family"]]
        cond = _remap(parse_expr(c["condition"]))
        scope = _remap(parse_expr(fam.get("scope", "all")))
        refs = {k: _remap(parse_expr(v)) for k, v in (c.get("refs") or {}).items()}
        # first the analyser's reading on one service, to learn which atoms it names
        _, app = analyser_statuses(c, fam, [Service(fam["kinds"][0], None, 0, {}, frozenset())])
        grid = probes([cond, scope, *refs.values()], fam, _atoms(getattr(app, "condition", None)), c["id"])
        got, app = analyser_statuses(c, fam, grid)
        outcome = Counter()
        for s, g in zip(grid, got):
            want = intended(scope, s, fam, refs) and intended(cond, s, fam, refs)
            key = "unclear" if g is None else ("right" if g == want else "wrong")
            outcome[key] += 1
        totals.update(outcome)
        by_family[c["family"]].update(outcome)
        verdict = "wrong" if outcome["wrong"] else ("unclear" if outcome["unclear"] else "right")
        per_clause[verdict] += 1
        # how a clause was given and what decided it: aggregates that point at a mechanism without showing wording
        shape = (f"{c['family']}, {'paragraphs' if c.get('paragraphs') else 'text'}, "
                 f"{'index cell' if 'index' in c else 'no cell'}, decided by {getattr(app, 'decided_by', '?')}")
        by_shape[shape][verdict] += 1
        if verdict != "right":
            misses.append((c["id"], verdict, dict(outcome), c.get("text") or " / ".join(c.get("paragraphs", [])), c["condition"],
                           getattr(app, "condition", None)))
    n = sum(totals.values())
    result = {
        "clauses": len(clauses), "decisions": n,
        "right": totals["right"] / n, "wrong": totals["wrong"] / n, "unclear": totals["unclear"] / n,
        "clause_right": per_clause["right"], "clause_wrong": per_clause["wrong"], "clause_unclear": per_clause["unclear"],
        "by_family": {f: {k: v / sum(c.values()) for k, v in c.items()} | {"decisions": sum(c.values())} for f, c in by_family.items()},
        "wrong_by_shape": {k: v["wrong"] for k, v in sorted(by_shape.items()) if v["wrong"]},
        # (where the unclear clauses are: which family, form and deciding step leaves most undecided, with no wording)
        "unclear_by_shape": {k: v["unclear"] for k, v in sorted(by_shape.items()) if v["unclear"]},
    }
    if list_misses:
        from analyser.conditions import describe

        for cid, verdict, oc, text, want, got in misses:
            print(f"{cid} {verdict} {oc}\n  text: {text[:300]}\n  want: {want}\n  got:  {describe(got) if got else None}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("which", nargs="?", default="dev", help="dev (every development set), devN (one of them), heldout or heldout32")
    ap.add_argument("--list-misses", action="store_true", help="print each clause not wholly right (dev only, please)")
    ap.add_argument("--shapes", action="store_true",
                    help="count the clauses with a wrong decision, and those with unclear decisions only, by family, form "
                         "(text or paragraphs), index cell and what decided (no wording shown)")
    args = ap.parse_args()
    if args.list_misses and (args.which == "heldout" or args.which in EARLIER_HELDOUT):
        ap.error("--list-misses shows clause text: use it on the dev set only, so that the held-out set stays unseen")
    r = score(args.which, args.list_misses)
    print(f"{args.which}: {r['clauses']} clauses, {r['decisions']} decisions: right {r['right']:.1%}, "
          f"confidently wrong {r['wrong']:.1%}, unclear {r['unclear']:.1%}")
    print(f"  clauses wholly right {r['clause_right']}, with a confidently wrong decision {r['clause_wrong']}, "
          f"with unclear decisions only {r['clause_unclear']}")
    for fam, f in sorted(r["by_family"].items()):
        print(f"  {fam:8s} {f['decisions']:6d} decisions: right {f.get('right', 0):.1%}, wrong {f.get('wrong', 0):.1%}, "
              f"unclear {f.get('unclear', 0):.1%}")
    if "--shapes" in sys.argv:
        for shape, n in r["wrong_by_shape"].items():
            print(f"  clauses with a wrong decision: {n} ({shape})")
        for shape, n in r["unclear_by_shape"].items():
            print(f"  clauses with unclear decisions only: {n} ({shape})")


if __name__ == "__main__":
    main()
