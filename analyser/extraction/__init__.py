"""The extraction stages, run in this order by ``extract._build_structure`` over a ``PdfText``:

``headings`` (which lines are headings of what kind: the classification every stage asks),
``measures`` (measure segmentation: headings, chapters, each measure's content lines),
``paragraphs`` (paragraph grouping inside a measure), ``subitems`` (labelled sub-items inside a
paragraph), ``crossrefs`` (references a paragraph makes), ``footnotes`` (notes and their link to
the paragraph that cites them). ``document`` reads facts about the whole document (title,
edition, sample), ``checked_input`` establishes the facts about the input file once, and
``report`` collects the warnings.
"""
