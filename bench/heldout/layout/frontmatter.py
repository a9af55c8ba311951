# Owns the front-matter wording shared by the held-out layout documents (the SYNTHETIC SAMPLE label,
# introduction, how to use the code, definitions), as plain strings each renderer lays out its own way.
from __future__ import annotations

from model import Code

LABEL = "SYNTHETIC SAMPLE \u2013 not official text. Written for a held-out test of the Code of Practice Analyser."


def intro(code: Code, edition: str) -> list[tuple[str, list[str]]]:
    """Sections before the index: (heading, paragraphs). Paragraphs carry their own numbers."""
    kind = "search services" if code.short.endswith("S") else "user-to-user services"
    return [
        ("1. About this document", [
            f"1.1 This document is a {edition} of a code of practice for {kind}. It was written as a "
            "synthetic sample to test software that reads codes of practice, and it is not the text of any "
            "code issued by Ofcom or laid before Parliament.",
            "1.2 The measures below are recommended. A provider that takes them is treated as complying with "
            "the duties they relate to; a provider may instead take alternative measures and record how those "
            "measures meet the duties.",
            "1.3 A provider that chooses alternative measures should keep a record of what it did, which duties "
            "the alternative measures were meant to meet and why it considers that they meet them. The record "
            "should be kept for as long as the alternative measures are in place and for a period after that.",
            "1.4 Nothing in this document changes the law. Where this document and the Online Safety Act 2023 "
            "appear to differ, the Act prevails, and the provider should follow the Act.",
            "1.5 The measures are grouped in chapters by subject. The chapters are not in order of importance, "
            "and a provider should read every chapter that contains a measure applying to its service.",
        ]),
        ("2. How to read the measures", [
            f"2.1 Each measure has an identifier made of the code's short name and a chapter letter and number, "
            f"for example {code.mid(code.measures()[0])}. Paragraphs within a measure are numbered after the "
            "measure, and lists within a paragraph are labelled.",
            "2.2 The first paragraph of each measure says which services it applies to. The index table in "
            "section 3 summarises the same information; where a cell of the table is blank, the measure "
            "applies to every service within the scope of this code.",
            "2.3 Where a measure depends on the size of a service, the number of users is the average number of "
            "monthly active United Kingdom users over the six months before the assessment, counted in the way "
            "described in the definitions below.",
            "2.4 Where a measure depends on the level of risk, the level is the one recorded in the provider's "
            "most recent risk assessment. A provider whose risk assessment is out of date should bring it up to "
            "date before deciding which measures apply.",
            "2.5 A measure that refers to another measure applies to the same services as that other measure "
            "only where it says so. Cross-references within the text are given by measure identifier or by "
            "paragraph number.",
        ]),
    ]


DEFINITIONS = [
    "4.1 In this code, a large service is a service with more than 7 million monthly active United Kingdom users.",
    "4.2 A multi-risk service is a service that its latest risk assessment found to be at medium or high risk "
    "of two or more kinds of harm, counted as the code's table of harms counts them.",
    "4.3 Words defined in the Online Safety Act 2023 have the same meaning here.",
]

CLOSING = [
    "6.1 This synthetic sample will not be reviewed: it is frozen as part of a held-out test set. A published code "
    "would say here when and how it is to be reviewed, and how providers and others can comment on it.",
    "6.2 Comments on the layout of this document are not sought; it exists to test how software reads codes laid "
    "out in ways their authors may not have met before.",
]
