"""The code as a graph: measures, paragraphs, cross-references, condition atoms and qualifiers.

Why a graph: questions such as "which measures depend on this one?" (a measure that says "in
accordance with ICU C1" leans on C1, so exempting a service from C1 weakens it too) and "which
measures hinge on being large?" are path questions. networkx gives them cheaply and exports
GraphML for officers who want to look at the structure in Gephi or yEd.

Node ids: the measure ID ("ICU C9"); "para:<measure>:<number>"; "atom:<name>(<params>)" shared
by every measure that uses the atom; "qual:<measure>:<paragraph>:<start>"; "ref:<target>" for a
cross-reference to something not found in the code. Edge ``rel``: contains, refers-to,
conditioned-on (with ``negated``), qualified-by.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .conditions import describe_atom, load_vocabulary
from .models import Code, Condition

if TYPE_CHECKING:  # networkx is imported where a graph is built: `import analyser` stays cheap
    import networkx as nx


def _atom_id(cond: Condition) -> str:
    params = ",".join(f"{k}={v}" for k, v in sorted(cond.params.items()))
    return f"atom:{cond.atom}({params})"


def _atoms(cond: Condition | None, negated: bool = False) -> Iterator[tuple[Condition, bool]]:
    if cond is None:
        return
    if cond.op == "atom":
        yield cond, negated
    elif cond.op == "not":
        for a in cond.args:
            yield from _atoms(a, not negated)
    else:
        for a in cond.args:
            yield from _atoms(a, negated)


def _para_id(measure_id: str, number: str) -> str:
    return f"para:{measure_id}:{number}"


def _target_node(code: Code, target: str) -> str | None:
    """A cross-reference target as a node id: the measure, or the paragraph when one was named."""
    hit = code.resolve(target)
    if hit is None:
        return None
    measure, para = hit
    return _para_id(measure.id, para.number) if para else measure.id


def graph(code: Code) -> nx.DiGraph:
    """Build the code's graph (see the module docstring for nodes and edges)."""
    vocab = load_vocabulary()
    import networkx as nx

    g = nx.DiGraph(name=code.info.short_name or code.info.title)
    for m in code.measures:
        g.add_node(m.id, type="measure", label=f"{m.id} {m.title}".strip(), title=m.title,
                   chapter=m.chapter or "", page=m.page_start)
        for p in m.paragraphs:
            pid = _para_id(m.id, p.number)
            g.add_node(pid, type="paragraph", label=p.number, page=p.page, measure=m.id,
                       strength=p.strength, application=p.is_application)
            g.add_edge(m.id, pid, rel="contains")
        app = m.applicability
        if app is not None:
            for cond, negated in _atoms(app.condition):
                aid = _atom_id(cond)
                if aid not in g:
                    g.add_node(aid, type="atom", label=describe_atom(cond, vocab), atom=cond.atom or "")
                g.add_edge(m.id, aid, rel="conditioned-on", negated=negated)
        for q in m.qualifiers:
            qid = f"qual:{m.id}:{q.paragraph}:{q.start}"
            g.add_node(qid, type="qualifier", label=q.phrase, category=q.category, measure=m.id,
                       paragraph=q.paragraph, page=q.page, core=q.in_core_obligation, negated=q.negated)
            src = _para_id(m.id, q.paragraph)
            g.add_edge(src if src in g else m.id, qid, rel="qualified-by")
    for m in code.measures:
        for ref in m.cross_refs:
            target = _target_node(code, ref.target)
            if target is None:
                target = f"ref:{ref.target}"
                if target not in g:
                    g.add_node(target, type="unresolved-ref", label=ref.target)
            src = _para_id(m.id, ref.source_paragraph)
            src = src if src in g else m.id
            g.add_edge(src, target, rel="refers-to", text=ref.text)
    return g


def _measure_of(g: nx.DiGraph, node: str) -> str | None:
    data = g.nodes[node]
    if data.get("type") == "measure":
        return node
    return data.get("measure") or None


def dependents(code: Code, measure_id: str, *, transitive: bool = False, g: nx.DiGraph | None = None) -> list[str]:
    """Measures that depend on ``measure_id``: those whose text refers to it or to one of its paragraphs.

    With ``transitive``, also the measures that depend on those, and so on.
    """
    g = g if g is not None else graph(code)
    if measure_id not in g:
        return []
    found: list[str] = []
    frontier = [measure_id]
    seen = {measure_id}
    while frontier:
        current = frontier.pop(0)
        targets = [current] + [n for n in g.successors(current) if g.nodes[n].get("type") == "paragraph"]
        for t in targets:
            for src in g.predecessors(t):
                edge = g.edges[src, t]
                if edge.get("rel") != "refers-to":
                    continue
                owner = _measure_of(g, src)
                if owner and owner not in seen:
                    seen.add(owner)
                    found.append(owner)
                    if transitive:
                        frontier.append(owner)
    order = {m.id: i for i, m in enumerate(code.measures)}
    return sorted(found, key=lambda x: order.get(x, 1 << 30))


def measures_conditioned_on(code: Code, atom_name: str, g: nx.DiGraph | None = None) -> list[str]:
    """Measures whose application condition mentions an atom ("large", "risk", ...)."""
    g = g if g is not None else graph(code)
    out = []
    for n, data in g.nodes(data=True):
        if data.get("type") == "atom" and data.get("atom") == atom_name:
            out.extend(p for p in g.predecessors(n) if p not in out)
    order = {m.id: i for i, m in enumerate(code.measures)}
    return sorted(out, key=lambda x: order.get(x, 1 << 30))


def _graphml_safe(value: Any) -> Any:
    """GraphML holds str/int/float/bool only: None becomes "", anything else its string."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def graphml_ready(g: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``g`` whose attributes GraphML can hold, with the same keys on every node."""
    import networkx as nx

    out = nx.DiGraph()
    out.graph.update({k: _graphml_safe(v) for k, v in g.graph.items()})
    for n, data in g.nodes(data=True):
        out.add_node(n, **{k: _graphml_safe(v) for k, v in data.items()})
    for u, v, data in g.edges(data=True):
        out.add_edge(u, v, **{k: _graphml_safe(x) for k, x in data.items()})
    return out


def write_graphml(code: Code, path: str | Path, g: nx.DiGraph | None = None) -> Path:
    """Export the code's graph as GraphML (attributes made GraphML-safe)."""
    path = Path(path)
    import networkx as nx

    nx.write_graphml(graphml_ready(g if g is not None else graph(code)), path)
    return path
