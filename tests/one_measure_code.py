"""A code of one measure ("X1") read through a profile, and its status for a service described in options:
how the application tests see a clause as an officer does (shared by the sentence-shape tests and the
tests of conditions written after the duty)."""

from __future__ import annotations

from analyser.applicability import resolve_applicability
from analyser.application_settle import application_paragraphs
from analyser.evaluate import evaluate
from analyser.models import Code, CodeInfo, Measure, Paragraph
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.vocabulary import vocabulary_for


def one_measure_code(profile: str, paragraphs: list[str], measure_id: str = "X1") -> Code:
    """One measure of ``paragraphs`` (``measure_id``: "ICU C13" is numbered "C13", as the extractor numbers it); its
    application paragraphs chosen as the extractor chooses them."""
    prof = load_profile(profile)
    number = measure_id.split()[-1] if " " in measure_id else "1"
    m = Measure(id=measure_id, number=number, title="t", chapter=None, chapter_title=None, page_start=1, page_end=1)
    chosen = application_paragraphs(paragraphs, prof.application_phrase)
    for i, text in enumerate(paragraphs):
        m.paragraphs.append(Paragraph(number=f"1.{i + 1}", text=text, page=1, is_application=i in chosen))
    m.application = "\n".join(paragraphs[i] for i in chosen)
    info = CodeInfo(title="t", publisher=None, family="", short_name=prof.short_name, kind=prof.kind, version=None,
                    source_file="x.pdf", sha256="0", page_count=1, profile=profile, services=dict(prof.services))
    return resolve_applicability(Code(info=info, measures=[m]), profile=profile)


def status_for(code: Code, profile: str = "icu", **service) -> str:
    """The measure's status for the service ``service_from_options(**service)`` describes."""
    vocab = vocabulary_for(load_profile(profile).services)
    return evaluate(code, service_from_options(vocab=vocab, **service))[0].status


# the profiles of the codes that are not Ofcom's, and the service each family's tests describe
GPAI = "codes/profiles/eu-gpai.toml"
ICO = "codes/examples/ico-aadc.toml"
ESAFETY = "codes/examples/esafety-industry.toml"
CHILDREN = ["likely-accessed-by-children"]  # the ICO code covers only these services


def gpai_status(code: Code, *features: str) -> str:
    """The measure's status for a GPAI provider with ``features``."""
    return status_for(code, GPAI, kind="gpai-provider", features=list(features))


def ico_status(code: Code, *features: str) -> str:
    """The measure's status for an online service likely to be accessed by children, with ``features``."""
    return status_for(code, ICO, kind="online-service", features=[*CHILDREN, *features])
