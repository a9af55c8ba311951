"""A profile that reads a library of codes ([[services.parts]]): eSafety's industry codes and standards each cover one
section of the online industry, so a measure of the Relevant Electronic Services Standard that names no service ("A
provider must ...") is not for a search engine. Before parts, such a measure was confidently "applies" to every section.
Which part a measure is in comes from its own label, else its chapter's title, else the document's subtitle (the line
under its title: the GPAI code's "Safety and Security Chapter"), else its title. The wording here is this file's own
sample wording, not text of any code, apart from the real GPAI chapter in ../shared/corpus.
"""

from __future__ import annotations

from pathlib import Path

from analyser.evaluate import evaluate, evaluate_measure
from analyser.extract import extract_code
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.vocabulary import vocabulary_for
from one_measure_code import one_measure_code

ESAFETY = "codes/examples/esafety-industry.toml"
TITLE = "Online Safety (Relevant Electronic Services) Industry Standard - SAMPLE, not official text"


def _service(**options):
    return service_from_options(vocab=vocabulary_for(load_profile(ESAFETY).services), **options)


def _standard_pdf(path: Path) -> Path:
    """A sample standard of three measures, drawn by reportlab, whose title names its section of the industry."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=11, spaceBefore=8)
    measures = [
        ("MCM 1 Reporting tools", "A provider must give Australian end-users a simple way to report class 1A material."),
        ("MCM 2 Closed services", "A provider of a closed communication service must tell end-users how to report "
                                  "unwanted contact."),
        ("MCM 3 Messaging on social media", "This measure applies to providers of relevant electronic services and to "
                                            "providers of social media services."),
    ]
    story = [Paragraph(TITLE, ss["Title"]),
             Paragraph("Made by the eSafety Commissioner. Minimum compliance measures follow.", body)]
    for heading, text in measures:
        story += [Paragraph(heading, head), Paragraph(text, body),
                  Paragraph("The provider should review how well this works at least once a year.", body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_a_measure_that_names_no_service_is_only_for_the_section_its_document_covers(tmp_path):
    code = extract_code(_standard_pdf(tmp_path / "res-standard.pdf"), profile=ESAFETY)
    assert "Relevant Electronic Services" in code.info.title
    assert [m.id for m in code.measures] == ["MCM 1", "MCM 2", "MCM 3"]
    search = {s.measure: s for s in evaluate(code, _service(kind="search-engine"))}
    # was "applies": "A provider must ..." read as every section's duty
    assert search["MCM 1"].status == "exempt"
    assert "Relevant Electronic Services code or standard" in search["MCM 1"].reason
    assert "covers only relevant electronic services" in search["MCM 1"].reason
    assert search["MCM 2"].status == "exempt"
    messaging = {s.measure: s.status for s in evaluate(code, _service(kind="relevant-electronic"))}
    assert messaging == {"MCM 1": "applies", "MCM 2": "exempt", "MCM 3": "applies"}
    closed = {s.measure: s.status for s in evaluate(code, _service(kind="relevant-electronic",
                                                                      features=["closed-communication"]))}
    assert closed["MCM 2"] == "applies"
    # the measure's own words reach past its document: they, not the part, say whom it covers
    assert {s.measure: s.status for s in evaluate(code, _service(kind="social-media"))}["MCM 3"] == "applies"


def _labelled(label: str, text: str, title: str = "t"):
    code = one_measure_code(ESAFETY, [text])
    code.measures[0].id = label
    code.info.title = title
    return code


def test_the_measures_own_label_is_asked_before_the_documents_title():
    code = _labelled("SMS Code MCM 4", "A provider must publish its terms of use.", title=TITLE)
    m = code.measures[0]
    assert evaluate_measure(code, m, _service(kind="social-media")).status == "applies"
    reason = evaluate_measure(code, m, _service(kind="relevant-electronic")).reason
    assert "Social Media Services code" in reason and "'SMS Code MCM 4' names it" in reason


def test_the_expectations_cover_three_sections_and_other_head_terms_every_one():
    bose = _labelled("BOSE s 6", "A provider must take reasonable steps to keep end-users safe.")
    statuses = {k: evaluate_measure(bose, bose.measures[0], _service(kind=k)).status
                for k in ("social-media", "relevant-electronic", "designated-internet", "search-engine", "equipment")}
    assert statuses == {"social-media": "applies", "relevant-electronic": "applies", "designated-internet": "applies",
                        "search-engine": "exempt", "equipment": "exempt"}
    head = _labelled("Head Terms cl 4", "Each industry participant must keep records of its compliance.")
    assert evaluate_measure(head, head.measures[0], _service(kind="equipment")).status == "applies"
    assert evaluate_measure(head, head.measures[0], _service(kind="relevant-electronic")).status == "applies"


def test_the_phase_1_head_terms_cover_the_six_sections_of_the_phase_1_codes():
    # they are part of the six Phase 1 industry codes; relevant electronic and designated internet services have
    # Standards instead (a relevant electronic service had been "applies" with confidence)
    head = _labelled("Phase 1 Head Terms cl 7", "Each industry participant must report on its compliance each year.")
    statuses = {k: evaluate_measure(head, head.measures[0], _service(kind=k)).status
                for k in ("social-media", "app-distribution", "hosting", "internet-carriage", "equipment",
                          "search-engine", "relevant-electronic", "designated-internet")}
    assert statuses == {"social-media": "applies", "app-distribution": "applies", "hosting": "applies",
                        "internet-carriage": "applies", "equipment": "applies", "search-engine": "applies",
                        "relevant-electronic": "exempt", "designated-internet": "exempt"}


def test_abbreviations_are_matched_in_capitals_only():
    # "res" in lower case is a word, not the Standard's abbreviation
    code = _labelled("Head Terms cl 9 (res judicata)", "Each industry participant must keep records of its compliance.")
    assert evaluate_measure(code, code.measures[0], _service(kind="search-engine")).status == "applies"


# ---------------------------------------------------------------------------- a chapter named only on the title page

GPAI_PROFILE = "codes/profiles/eu-gpai.toml"
GPAI_REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "eu-gpai-safety-security.pdf"


def _gpai(**options):
    return service_from_options(vocab=vocabulary_for(load_profile(GPAI_PROFILE).services), kind="gpai-provider",
                                **options)


def test_the_real_safety_and_security_chapter_binds_only_providers_of_models_with_systemic_risk():
    # The chapter's Measures say only "Signatories"; it says whom it is for under its title ("Safety and Security
    # Chapter") and in its Objectives. Before the subtitle was read, 1.1-1.4, 5.1, 6.1-6.2, 7.4, 7.7, 9.1, 9.3 and
    # 9.4 were confidently "applies" to a provider whose model has no systemic risk.
    import pytest

    if not GPAI_REAL.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    code = extract_code(GPAI_REAL, profile=GPAI_PROFILE)
    assert code.info.title == "Code of Practice for General-Purpose AI Models"
    assert code.info.subtitle == "Safety and Security Chapter"
    plain = {s.measure: s for s in evaluate(code, _gpai(features=["open-weights"]))}
    assert {s.status for s in plain.values()} == {"exempt"}
    assert ("in the Safety and Security chapter ('Safety and Security Chapter' names it), which covers only providers "
            "of general-purpose AI models with systemic risk" in plain["GPAI 1.1"].reason)
    assert "does not have a model with systemic risk" in plain["GPAI 1.1"].reason
    systemic = {s.measure: s.status for s in evaluate(code, _gpai(features=["systemic-risk"]))}
    assert systemic["GPAI 1.1"] == systemic["GPAI 7.4"] == systemic["GPAI 9.1"] == "applies"
    # the exception for similarly safe models is of one of 3.5's duties (the evaluators' access), after a duty for every
    # Signatory (post-market monitoring): the measure is still theirs
    assert systemic["GPAI 3.5"] == "applies"


def _chapter_pdf(path: Path, subtitle: str) -> Path:
    """A sample GPAI chapter drawn by reportlab: the code's title, a chapter line under it, one Commitment whose
    title says "Safety and Security", one Measure for every Signatory."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=11, spaceBefore=8)
    sub = ParagraphStyle("s", parent=body, fontName="Helvetica", fontSize=16, leading=20, spaceAfter=14)
    story = [Paragraph("Code of Practice for General-Purpose AI Models", ss["Title"]), Paragraph(subtitle, sub),
             Paragraph("SAMPLE, not official text. Drawn for testing the Code of Practice Analyser.", body),
             Paragraph("Commitment 1 Safety and Security documentation", head),
             Paragraph("Measure 1.1 Keeping documentation", head),
             Paragraph("Signatories will keep the documentation up to date and give it to the AI Office on request.",
                       body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_another_chapter_and_a_commitment_named_safety_and_security_are_not_that_chapter(tmp_path):
    other = extract_code(_chapter_pdf(tmp_path / "transparency.pdf", "Transparency Chapter"), profile=GPAI_PROFILE)
    assert other.info.subtitle == "Transparency Chapter"
    assert other.measures[0].chapter_title == "Safety and Security documentation"
    assert evaluate(other, _gpai())[0].status == "applies"  # every provider's duty
    same = extract_code(_chapter_pdf(tmp_path / "sas.pdf", "Safety and Security Chapter (sample)"), profile=GPAI_PROFILE)
    (status,) = evaluate(same, _gpai(features=["sme"]))
    assert status.status == "exempt" and "Safety and Security chapter" in status.reason
