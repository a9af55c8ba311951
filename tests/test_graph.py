"""The code graph: structure, "measures that depend on this one", and GraphML export."""

from __future__ import annotations

import networkx as nx

from analyser.graph import dependents, graph, measures_conditioned_on, write_graphml


def test_graph_has_every_measure_and_paragraph(icu_code):
    g = graph(icu_code)
    measures = [n for n, d in g.nodes(data=True) if d["type"] == "measure"]
    assert measures == [m.id for m in icu_code.measures]
    n_paragraphs = sum(len(m.paragraphs) for m in icu_code.measures)
    contains = [(u, v) for u, v, d in g.edges(data=True) if d["rel"] == "contains"]
    assert len(contains) == n_paragraphs
    assert ("ICU C9", "para:ICU C9:C9.4") in contains


def test_cross_references_become_refers_to_edges(icu_code):
    g = graph(icu_code)
    refs = {(u, v) for u, v, d in g.edges(data=True) if d["rel"] == "refers-to"}
    n_refs = sum(len(m.cross_refs) for m in icu_code.measures)
    assert len(refs) == n_refs
    # the fixture: C9.9 "... set out in ICU C5", D8.3 "... C5.2"
    assert ("para:ICU C9:C9.9", "ICU C5") in refs
    assert ("para:ICU D8:D8.3", "para:ICU C5:C5.2") in refs
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "unresolved-ref"]


def test_dependents_by_hand(icu_code):
    # from the fixture's cross-references: C9.9 and C11.3 cite ICU C5, D8.3 cites paragraph C5.2
    assert dependents(icu_code, "ICU C5") == ["ICU C9", "ICU C11", "ICU D8"]
    # A1.4 and A5.4 cite ICU A2; C7.3 cites ICU A5, so C7 depends on A2 through A5
    assert dependents(icu_code, "ICU A2") == ["ICU A1", "ICU A5"]
    assert dependents(icu_code, "ICU A2", transitive=True) == ["ICU A1", "ICU A5", "ICU C7"]
    # C9.7 cites its own paragraph C9.5: a measure does not depend on itself
    assert dependents(icu_code, "ICU C9") == []
    assert dependents(icu_code, "ICU Z99") == []


def test_condition_atoms_and_qualifiers_are_nodes(icu_code):
    g = graph(icu_code)
    assert g.nodes["atom:large()"]["type"] == "atom"
    large = measures_conditioned_on(icu_code, "large", g)
    assert "ICU A1" in large and "ICU A2" not in large
    # D7 "neither large nor multi-risk": its edge to "large" is marked negated
    assert g.edges["ICU D7", "atom:large()"]["negated"] is True
    assert g.edges["ICU A1", "atom:large()"]["negated"] is False
    quals = [n for n, d in g.nodes(data=True) if d["type"] == "qualifier"]
    assert len(quals) == sum(len(m.qualifiers) for m in icu_code.measures) > 0
    qualified_by = [(u, v) for u, v, d in g.edges(data=True) if d["rel"] == "qualified-by"]
    assert len(qualified_by) == len(quals)


def test_graphml_round_trip(icu_code, tmp_path):
    g = graph(icu_code)
    path = write_graphml(icu_code, tmp_path / "icu.graphml", g=g)
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(g.nodes)
    assert set(back.edges) == set(g.edges)
    assert back.nodes["ICU C9"]["title"] == icu_code.measure("ICU C9").title
    assert back.nodes["ICU C9"]["page"] == icu_code.measure("ICU C9").page_start
    assert back.edges["ICU D7", "atom:large()"]["negated"] is True
    assert back.edges["para:ICU C9:C9.9", "ICU C5"]["rel"] == "refers-to"


def test_graphml_export_makes_attributes_safe(tmp_path):
    """GraphML holds scalars only: None and lists must not break the export."""
    from analyser.graph import graphml_ready

    g = nx.DiGraph()
    g.add_node("a", type="measure", chapter=None, tags=["x", "y"], page=3)
    g.add_edge("a", "b", rel="refers-to", text=None)
    path = tmp_path / "g.graphml"
    nx.write_graphml(graphml_ready(g), path)
    back = nx.read_graphml(path)
    assert back.nodes["a"]["chapter"] == "" and back.nodes["a"]["tags"] == "['x', 'y']" and back.nodes["a"]["page"] == 3
