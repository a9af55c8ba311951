"""Highlighting: every qualifier marked with its category, document text always escaped."""

from __future__ import annotations

import html
import re

from analyser.highlight import paragraph_html, render, search_spans, Span
from analyser.models import CrossRef, Paragraph, Qualifier
from analyser.search import citation, parse_query, search, snippet


def _q(text: str, phrase: str, category: str, para: str = "C9.2") -> Qualifier:
    start = text.index(phrase)
    return Qualifier(measure="ICU C9", paragraph=para, page=17, phrase=phrase, start=start,
                     end=start + len(phrase), sentence=text, category=category, rule=f"lex:{phrase}")


def _visible(markup: str) -> str:
    """The text a browser would show: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>", "\n")))


def test_qualifiers_are_marked_by_category_and_text_is_preserved():
    text = "Where technically feasible, the provider should swiftly take down CSAM."
    p = Paragraph("C9.2", text, 17)
    out = paragraph_html(p, [_q(text, "technically feasible", "feasibility"), _q(text, "swiftly", "timing")])
    assert re.search(r'<mark class="q q-feasibility"[^>]*>technically feasible</mark>', out)
    assert re.search(r'<mark class="q q-timing"[^>]*>swiftly</mark>', out)
    assert _visible(out) == text


def test_untrusted_markup_in_document_text_is_escaped():
    text = 'Providers <script>alert("x")</script> may <b>act</b> & "report" where appropriate.'
    p = Paragraph("C9.2", text, 17)
    out = paragraph_html(p, [_q(text, "appropriate", "discretion"), _q(text, "may", "permissive")])
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert _visible(out) == text


def test_qualifier_from_another_paragraph_is_not_applied():
    text = "The provider should act where appropriate."
    p = Paragraph("C9.1", text, 17)
    out = paragraph_html(p, [_q(text, "appropriate", "discretion", para="C9.2")])
    assert "<mark" not in out


def test_stale_offsets_fall_back_to_the_phrase():
    text = "Content must be removed unless it is not technically feasible."
    q = _q(text, "unless", "exception")
    q.start, q.end = 0, 6  # offsets from an older text
    out = paragraph_html(Paragraph("C9.2", text, 17), [q])
    assert re.search(r'<mark class="q q-exception"[^>]*>unless</mark>', out)


def test_overlapping_search_and_qualifier_nest_properly():
    text = "where currently technically feasible to do so"
    spans = [Span(6, 36, "qualifier", "feasibility", "t"), *search_spans(text, ["technically"])]
    out = render(text, spans)
    assert _visible(out) == text
    # Every opened tag is closed in order: a well-formed nesting check.
    stack = []
    for m in re.finditer(r"<(/?)(mark|a|span)\b[^>]*>", out):
        if m.group(1):
            assert stack and stack.pop() == m.group(2)
        else:
            stack.append(m.group(2))
    assert not stack
    assert out.count('class="hit"') == 1


def test_cross_reference_becomes_escaped_link():
    text = "Providers should act in accordance with ICU C1."
    p = Paragraph("C9.3", text, 18)
    ref = CrossRef("C9.3", "ICU C1", "measure", "ICU C1")
    out = paragraph_html(p, cross_refs=[ref], href_for=lambda t: f"?view=Measure&measure={t}&x=<\">")
    assert '<a class="xref" href="?view=Measure&amp;measure=ICU C1&amp;x=&lt;&quot;&gt;"' in out


def test_search_terms_and_citations():
    from analyser.models import Code, CodeInfo, Footnote, Measure

    info = CodeInfo("Sample", None, "ofcom-osa", "ICU", "u2u", None, "s.pdf", "0" * 64, 20, "ofcom-icu")
    m = Measure("ICU C9", "C9", "Hash matching for CSAM", "C", "Content moderation", 17, 18,
                paragraphs=[Paragraph("C9.1", "Use perceptual hash matching on public content.", 17),
                            Paragraph("C9.2", "Matching applies where technically feasible.", 18)],
                footnotes=[Footnote("4", "Hash matching is defined in the glossary.", 18, "C9.1")])
    code = Code(info, [m])
    hits = search(code, "hash matching")
    assert [(h.where, h.paragraph) for h in hits] == [("title", None), ("paragraph", "C9.1"), ("footnote", "4")]
    assert [h.paragraph for h in search(code, '"technically feasible"')] == ["C9.2"]
    assert search(code, "feasible hash") == []  # words must all be in one text
    assert search(code, "   ") == []
    assert hits[1].citation() == "ICU C9, para C9.1, p. 17"
    assert hits[2].citation() == "ICU C9, footnote 4, p. 18"
    assert citation("ICU C9", None, 17) == "ICU C9, p. 17"
    assert parse_query('"where possible" unless') == ["where possible", "unless"]
    assert parse_query('odd "quote') == ["odd", "quote"]
    long = "word " * 100 + "needle " + "word " * 100
    snip = snippet(long, ["needle"], width=80)
    assert "needle" in snip and len(snip) <= 90 and snip.startswith("… ")


def test_sub_items_start_their_own_lines_without_losing_marks():
    from analyser.models import SubItem

    text = "The provider should: (a) act swiftly; and (b) review where appropriate: (i) yearly; (ii) after change."
    a, b = text.index("(a)"), text.index("(b)")
    i, ii = text.index("(i)"), text.index("(ii)")
    p = Paragraph("C5.3", text, 9, items=[SubItem("(a)", text[a:b - 1], a, b - 1),
                                         SubItem("(b)", text[b:], b, len(text),
                                                 [SubItem("(i)", "", i, ii - 1), SubItem("(ii)", "", ii, len(text))])])
    out = paragraph_html(p, [_q(text, "swiftly", "timing", "C5.3"), _q(text, "appropriate", "discretion", "C5.3")])
    assert out.count("<br>") == 4
    assert "<br>&emsp;(a)" in out and "<br>&emsp;&emsp;(ii)" in out
    assert re.search(r'<mark class="q q-timing"[^>]*>swiftly</mark>', out)
    assert _visible(out).replace("\n", "").replace("\u2003", "") == text
