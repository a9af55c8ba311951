"""Applicability you can trust: never a guess, Ofcom's own counting rules, and codes that are not
Ofcom's read through a profile alone.

Each test builds the wording it needs (or a real PDF) and checks the status an officer would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.applicability import resolve_applicability
from analyser.application_text import is_application
from analyser.evaluate import evaluate, matrix
from analyser.models import Code, CodeInfo, IndexRow, Measure, Paragraph, ServiceProfile
from analyser.profiles import load_profile
from analyser.service import archetypes_by_name, service_from_options

ROOT = Path(__file__).resolve().parents[1]
ICO_PROFILE = ROOT / "codes" / "examples" / "ico-aadc.toml"


def _measure(mid: str, application: str) -> Measure:
    m = Measure(id=f"ICU {mid}", number=mid, title=mid, chapter=mid[0], chapter_title=None, page_start=1, page_end=1)
    m.paragraphs.append(Paragraph(number=f"{mid}.1", text=application, page=1, is_application=True))
    m.application = application
    return m


def _icu(measures: list[Measure], index: list[IndexRow] = ()) -> Code:
    prof = load_profile("icu")
    info = CodeInfo(title="t", publisher=None, family="ofcom-osa", short_name="ICU", kind="u2u", version=None,
                    source_file="x.pdf", sha256="0", page_count=1, profile="icu", services=dict(prof.services))
    code = Code(info=info, measures=measures, index=list(index))
    return resolve_applicability(code)


def _status(code: Code, mid: str, service: ServiceProfile):
    return {s.measure: s for s in evaluate(code, service)}[f"ICU {mid}"]


# ---------------------------------------------------------------------------- never a guess


def test_a_clause_not_understood_is_unclear_for_everyone_with_its_words_quoted():
    code = _icu([_measure("Z1", "This measure applies to providers of services whose principal audience is astronauts, or to cooperatives.")])
    for users in (10, 8_000_000):
        st = _status(code, "Z1", service_from_options(users=users))
        assert st.status == "unclear"
        assert "astronauts" in st.reason


def test_a_restriction_not_understood_still_exempts_those_the_rest_rules_out():
    code = _icu([_measure("Z2", "This measure applies to providers of large services that are registered as charities.")])
    assert _status(code, "Z2", service_from_options(users=10)).status == "exempt"
    big = _status(code, "Z2", service_from_options(users=8_000_000))
    assert big.status == "unclear" and "registered as charities" in big.reason


def test_the_index_row_decides_where_the_text_cannot_and_says_so():
    # "pose a high risk" is not in the grammar: the cell, which is understood, decides and says so
    m = _measure("Z3", "This measure applies to providers of large services and of services which pose a high risk "
                       "of fraud in the judgement of the provider.")
    code = _icu([m], [IndexRow("ICU Z3", ["ICU Z3"], "", "Large services or services at high risk of fraud", 1)])
    small = _status(code, "Z3", service_from_options(users=10))
    assert small.status == "exempt"
    big = _status(code, "Z3", service_from_options(users=8_000_000))
    assert big.status == "applies"
    assert "decided from the code's index table ('Large services or services at high risk of fraud')" in big.reason
    assert "pose a high risk" in big.reason


def test_the_index_row_does_not_decide_a_restriction_it_leaves_out():
    # "that are registered as charities" restricts; the cell restricts nothing, so it cannot stand in for it
    m = _measure("Z3", "This measure applies to providers of large services that are registered as charities.")
    code = _icu([m], [IndexRow("ICU Z3", ["ICU Z3"], "", "Large or multi-risk services", 1)])
    assert _status(code, "Z3", service_from_options(users=10)).status == "exempt"
    big = _status(code, "Z3", service_from_options(users=8_000_000))
    assert big.status == "unclear" and "registered as charities" in big.reason
    # "offering astrology readings" has no word of restriction, but the cell is only the part understood
    m = _measure("Z5", "This measure applies to providers of large services offering astrology readings.")
    code = _icu([m], [IndexRow("ICU Z5", ["ICU Z5"], "", "Large services", 1)])
    assert _status(code, "Z5", service_from_options(users=8_000_000)).status == "unclear"


def test_an_index_cell_that_drops_a_restriction_abbreviates_and_the_text_decides():
    m = _measure("Z6", "This measure applies to providers of large services that have livestreaming functionality.")
    code = _icu([m], [IndexRow("ICU Z6", ["ICU Z6"], "", "Large services", 1)])
    # the cell leaves out the feature, as cells do: a large service without livestreaming had been "unclear"
    no_live = _status(code, "Z6", service_from_options(users=8_000_000))
    assert no_live.status == "exempt"
    assert any("leaves out what the application text adds" in w for w in m.warnings)
    assert _status(code, "Z6", service_from_options(users=8_000_000, features=["livestreaming"])).status == "applies"
    # a text that covers services the cell leaves out (a third harm beside the cell's two) stays a disagreement
    m = _measure("Z7", "This measure applies to providers of services at high risk of fraud, hate or terrorism.")
    code = _icu([m], [IndexRow("ICU Z7", ["ICU Z7"], "", "Services at high risk of fraud or hate", 1)])
    assert _status(code, "Z7", service_from_options(users=10, risks=["terrorism=high"])).status == "unclear"
    assert _status(code, "Z7", service_from_options(users=10, risks=["fraud=high"])).status == "applies"


def test_when_text_and_index_both_understood_disagree_only_the_services_between_them_are_unclear():
    m = _measure("Z4", "This measure applies to providers of large services.")
    code = _icu([m], [IndexRow("ICU Z4", ["ICU Z4"], "", "Large or multi-risk services", 1)])
    assert any("index table says" in w for w in m.warnings)
    assert _status(code, "Z4", service_from_options(users=8_000_000)).status == "applies"  # both: applies
    assert _status(code, "Z4", service_from_options(users=10)).status == "exempt"  # both: exempt
    between = _status(code, "Z4", service_from_options(users=10, risks=["fraud=high", "hate=medium"]))
    assert between.status == "unclear"
    assert "by the text it does not apply" in between.reason and "by the index table it applies" in between.reason


# ---------------------------------------------------------------------------- Ofcom's rules


def test_csea_sub_kinds_count_once_for_multi_risk_as_icu_para_5_6_says():
    code = _icu([_measure("A3", "This measure applies to providers of large or multi-risk services.")])
    csea_only = service_from_options(users=400_000, risks=["csam-image=medium", "grooming=medium"])
    st = _status(code, "A3", csea_only)
    assert st.status == "exempt"
    assert "CSEA (image-based CSAM and grooming, counted as one kind)" in st.reason
    two_kinds = service_from_options(users=400_000, risks=["csam-image=medium", "intimate-image-abuse=medium"])
    assert _status(code, "A3", two_kinds).status == "applies"


def test_the_icu_archetype_matrix_counts_csea_once():
    from analyser.pipeline import load_code

    code = load_code(ROOT / "codes" / "sample" / "icu-sample.pdf")
    csea = ServiceProfile("csea-only", users=400_000, risks={"csam-image": "medium", "grooming": "medium"},
                          features=["direct-messaging"])
    grid = matrix(code, [csea])["csea-only"]
    large_or_multi = [s for s in grid if s.measure in ("ICU A3", "ICU C3", "ICU C4")]
    assert large_or_multi and all(s.status == "exempt" for s in large_or_multi)


@pytest.mark.parametrize(
    "text,service,expected",
    [
        ("This measure applies to a provider in respect of each service it provides.", {"users": 1}, "applies"),
        ("This measure applies to providers of services at medium or high risk of one or more of the following kinds of "
         "illegal harm: terrorism; hate; or fraud.", {"users": 1, "risks": ["fraud=medium"]}, "applies"),
        ("This measure applies to providers of services at medium or high risk of one or more of the following kinds of "
         "illegal harm: terrorism; hate; or fraud.", {"users": 9_000_000, "risks": ["drugs=high"]}, "exempt"),
        ("This measure applies to providers of services at high risk of terrorism or of hate.", {"users": 1, "risks": ["hate=high"]}, "applies"),
        ("This measure applies to providers of large services that are at medium or high risk of two or more of the following "
         "kinds of illegal harm: terrorism; child sexual exploitation and abuse (CSEA); hate.",
         {"users": 9_000_000, "risks": ["csam-image=high", "grooming=high"]}, "exempt"),
        ("This measure applies to providers of large services that are at medium or high risk of two or more of the following "
         "kinds of illegal harm: terrorism; child sexual exploitation and abuse (CSEA); hate.",
         {"users": 9_000_000, "risks": ["csam-image=high", "hate=medium"]}, "applies"),
    ],
)
def test_ofcom_application_wordings(text, service, expected):
    code = _icu([_measure("Z9", text)])
    assert _status(code, "Z9", service_from_options(**service)).status == expected


def test_application_by_reference_to_another_measure_follows_that_measure():
    c9 = _measure("C9", "This measure applies to providers of large services at medium or high risk of image-based CSAM.")
    c16 = _measure("C16", "This measure applies to providers of services to which ICU C9 applies.")
    b2 = _measure("B2", "This measure applies to providers of all services, other than services to which ICU C9 applies.")
    code = _icu([c9, c16, b2])
    big = service_from_options(users=9_000_000, risks=["csam-image=medium"])
    small = service_from_options(users=10)
    assert _status(code, "C16", big).status == "applies" and "ICU C9 applies" in _status(code, "C16", big).reason
    assert _status(code, "C16", small).status == "exempt"
    assert _status(code, "B2", big).status == "exempt" and _status(code, "B2", small).status == "applies"
    # "unless ICU C9 applies to them" said after the services: the same exception (it had been passed over, so B3
    # "applied" to a large service C9 covers)
    b3 = _measure("B3", "Large services should apply this measure, unless ICU C9 applies to them.")
    code = _icu([c9, b3])
    assert _status(code, "B3", big).status == "exempt"
    assert _status(code, "B3", service_from_options(users=9_000_000)).status == "applies"


def test_a_circular_reference_is_reported_not_looped():
    a = _measure("X1", "This measure applies to providers of services to which ICU X2 applies.")
    b = _measure("X2", "This measure applies to providers of services to which ICU X1 applies.")
    code = _icu([a, b])
    st = _status(code, "X1", service_from_options(users=1))
    assert st.status == "unclear" and "circular reference (ICU X1 → ICU X2 → ICU X1)" in st.reason


def test_a_reference_to_a_measure_the_code_lacks_is_unclear():
    code = _icu([_measure("X3", "This measure applies to providers of services to which ICU Q99 applies.")])
    st = _status(code, "X3", service_from_options(users=1))
    assert st.status == "unclear" and "ICU Q99, which is not in this code" in st.reason


@pytest.mark.parametrize(
    "text,under_heading,first,expected",
    [
        ("This measure applies to providers of large services.", False, False, True),
        ("Where the provider has a content moderation function, it should review its policies yearly.", False, False, False),
        ("Where ICU C4 and ICU C5 do not apply to the provider, it should consider the complaint promptly.", False, False, False),
        ("Services that have livestreaming.", True, True, True),  # the first paragraph under "Application"
        ("The provider should set up a complaints channel.", True, False, False),  # no "Recommendation" heading
        ("It also applies to services with group chats.", True, False, True),
    ],
)
def test_which_paragraphs_are_application_text(text, under_heading, first, expected):
    phrase = load_profile("icu").application_phrase
    assert is_application(text, phrase, under_heading, first) is expected


# ---------------------------------------------------------------------------- a code that is not Ofcom's


def _ico_pdf(path: Path) -> Path:
    """A sample code in the ICO Children's code's style (15-standard layout, our own words)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica", fontSize=11, leading=14, spaceAfter=14)
    head = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=14, spaceBefore=12)
    story = [Paragraph("SAMPLE - not official text. Age appropriate design: a code of practice for online services", ss["Title"]),
             PageBreak()]
    standards = [
        (7, "Default settings", ["Settings must be high privacy by default unless you can show a compelling reason otherwise.",
                                 "Switch options which use profiling off by default."]),
        (10, "Geolocation", ["Switch geolocation options off by default.",
                             "If your service uses geolocation, provide an obvious sign for children when location tracking is active."]),
        (11, "Parental controls", ["If you provide parental controls, give the child age appropriate information about this.",
                                   "Do not let parents monitor a child without an obvious sign to the child."]),
        (14, "Connected toys and devices", ["If you provide a connected toy or device, ensure you include effective tools to conform to this code."]),
    ]
    for number, title, paras in standards:
        story.append(Paragraph(f"{number}. {title}", head))
        story.extend(Paragraph(p, body) for p in paras)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_a_childrens_code_works_from_a_profile_written_from_the_readme(tmp_path):
    from analyser.pipeline import load_code

    code = load_code(_ico_pdf(tmp_path / "aadc-sample.pdf"), profile=ICO_PROFILE, use_cache=False)
    assert [m.id for m in code.measures] == ["AADC 7", "AADC 10", "AADC 11", "AADC 14"]
    vocab_kwargs = dict(kind="online-service")
    from analyser.evaluate import code_vocabulary

    vocab = code_vocabulary(code)
    adult = service_from_options(**vocab_kwargs, users=1_000, features=["parental-controls"], vocab=vocab)
    child_plain = service_from_options(**vocab_kwargs, users=1_000, features=["likely-accessed-by-children"], vocab=vocab)
    child_controls = service_from_options(**vocab_kwargs, users=1_000, vocab=vocab,
                                          features=["likely-accessed-by-children", "parental-controls"])
    by = lambda svc: {s.measure: s for s in evaluate(code, svc)}  # noqa: E731
    # the whole code covers only services likely to be accessed by children
    assert {s.status for s in by(adult).values()} == {"exempt"}
    assert "covers only services likely to be accessed by children" in by(adult)["AADC 11"].reason
    # "If you provide parental controls, ..." is a condition, not an obligation for everyone
    assert by(child_plain)["AADC 11"].status == "exempt" and by(child_controls)["AADC 11"].status == "applies"
    assert by(child_plain)["AADC 14"].status == "exempt"
    assert by(child_plain)["AADC 7"].status == "applies"  # a standard for every service the code covers
    # "Switch geolocation options off by default." names a feature: every reader's duty, or that of services with
    # geolocation (writers read it both ways), so it is decided only where both agree; the "If your service uses
    # geolocation, ..." paragraph after it is a further duty for some, not the standard's scope
    geo = code.measure("AADC 10")
    assert [p.is_application for p in geo.paragraphs] == [False, False]
    assert by(child_plain)["AADC 10"].status == "unclear"
    child_geo = service_from_options(**vocab_kwargs, users=1_000, vocab=vocab,
                                     features=["likely-accessed-by-children", "geolocation"])
    assert by(child_geo)["AADC 10"].status == "applies"
    # imperative sentences are obligations
    strengths = {p.text[:10]: p.strength for m in code.measures for p in m.paragraphs}
    assert strengths["Switch opt"] == strengths["Do not let"] == strengths["If you pro"] == "must", strengths


def test_gpai_archetypes_describe_gpai_providers_not_ofcom_services():
    from analyser.pipeline import load_code

    pdf = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    code = load_code(pdf)
    grid = matrix(code)
    assert set(grid) == {"gpai-systemic-risk-provider", "gpai-open-weights-provider", "gpai-sme-provider"}
    forum = archetypes_by_name()["small-low-risk-forum"]
    statuses = {s.status for s in evaluate(code, forum)}
    assert statuses == {"exempt"}  # an Ofcom service is no provider of a general-purpose AI model


# ---------------------------------------------------------------------------- the command line


def _cli(*args: str) -> "subprocess.CompletedProcess[str]":
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "analyser", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_the_cli_reports_unclear_with_both_readings():
    # (the sample's PCU H1, whose cell "Large services" only drops the text's restrictions, is read as abbreviated)
    pdf = ROOT / "tests" / "fixtures" / "layouts" / "producers_chromium_typst" / "holdout3_icu_chromium.pdf"
    proc = _cli("applies", pdf, "--service", "small-low-risk-forum", "--format", "md")
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("| ICU D2"))
    assert "| unclear |" in row and "by the text it applies" in row and "by the index table it does not apply" in row


def test_a_service_file_for_another_code_is_checked_against_that_code(tmp_path):
    good = tmp_path / "svc.toml"
    good.write_text('kind = "gpai-provider"\nfeatures = ["systemic-risk"]\n', encoding="utf-8")
    pdf = ROOT.parent / "shared" / "corpus" / "eu-gpai-safety-security.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    proc = _cli("applies", pdf, "--service", good, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    typo = tmp_path / "typo.toml"
    typo.write_text('kind = "gpai-provider"\nfeatures = ["systemic-risks"]\n', encoding="utf-8")
    proc = _cli("applies", pdf, "--service", typo)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    # the document's own warning summary may come first; the error is one line of its own
    (line,) = [ln for ln in proc.stderr.strip().splitlines() if ln.startswith("error:")]
    assert "typo.toml" in line and "did you mean 'systemic-risk'" in line


def test_a_paragraph_that_binds_only_when_other_measures_do_not_apply_is_said_for_the_service():
    c4 = _measure("C4", "This measure applies to providers of large services.")
    c5 = _measure("C5", "This measure applies to providers of multi-risk services.")
    d7 = _measure("D7", "This measure applies to a provider in respect of each service it provides.")
    d7.paragraphs.append(Paragraph(number="D7.2", text="Where ICU C4 and ICU C5 are not applicable to the provider, it "
                                   "should consider the complaint promptly.", page=1))
    code = _icu([c4, c5, d7])
    small = _status(code, "D7", service_from_options(users=10))
    assert small.status == "applies"
    (part,) = small.conditional
    assert part.startswith("D7.2 (only where ICU C4 and ICU C5 are not applicable to the provider) binds this service")
    big = _status(code, "D7", service_from_options(users=8_000_000))
    assert "does not bind this service" in big.conditional[0] and "ICU C4 applies" in big.conditional[0]


def test_the_index_row_does_not_decide_where_the_text_says_whom_has_changed():
    # an amended measure whose cell was left as it was: the words not understood say the restriction has lapsed
    m = _measure("Z8", "This measure no longer applies only to large services. From the date of the amendment it applies "
                       "to any service that offers users verification in return for payment.")
    code = _icu([m], [IndexRow("ICU Z8", ["ICU Z8"], "", "Large services that offer paid verification", 1)])
    small = _status(code, "Z8", service_from_options(users=10, features=["monetised-verification"]))
    assert small.status == "unclear"  # had been "exempt", decided by the stale cell
    assert any("or a change the index table's wording" in w for w in m.warnings)
