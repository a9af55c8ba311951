"""A measure that names itself by its number, said as "This measure" so that the sentence is read as whom it covers.

Why its own step: codes print a measure's whom under its number ("Measure D3 applies to ...", "ICU G4 does not apply to
...", "Measures A5 and A6 apply to ...", "Sections 21 to 25 do not apply to ..."), and read as another measure's number
the sentence had not been read at all. Only this measure's own number is said so; a sentence naming other measures is
left as it is (read as a reference, or left unclear).
"""

from __future__ import annotations

import re

from .models import Measure


def _in_range(first: str, last: str, number: str) -> bool:
    """Is section ``number`` within ``first`` to ``last`` (plain numbers, or numbers with points: "1.1" to "1.3")?"""
    keys = [tuple(int(p) for p in x.split(".")) if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", x) else None for x in (first, last, number)]
    return None not in keys and keys[0] <= keys[2] <= keys[1]


def named_by_its_number(application: str, measure: Measure) -> str:
    """``application`` with the measure naming itself by its number said as "This measure"."""
    number = re.escape(measure.number or "")
    if not number:
        return application
    # ("MCM 12 applies only to Tier 3 social media services", "Section 21 does not apply to ...")
    own = (rf"(?:(?:(?:minimum\s+compliance\s+)?measure|mcm|section|clause|standard|recommendation|commitment)\s+"
           rf"|{re.escape(measure.id.split()[0])}\s+)?{number}")
    # ("Measures A5 and A6 apply to ...", printed above both: whom, for each measure it names)
    application = re.sub(rf"(?:^|(?<=[.;]\s)|(?<=\n))\s*[Mm]easures\s+(?:[A-Z]{{1,2}}\d{{1,3}}\s*(?:,|and)\s*)*?{number}"
                         rf"(?:\s*(?:,|and)\s*[A-Z]{{1,2}}\d{{1,3}})*\s+(?=apply\b)", "This measure ", application)
    # ("Sections 21 to 25 do not apply to ...", "Sections 21-25 apply only to ...": whom, for each section in the range)
    # ("Measures 1.1 to 1.3 do not apply to ...": the same, numbered with points)
    ranged = re.sub(r"(?:^|(?<=[.;]\s)|(?<=\n))\s*(?:[Ss]ections|[Mm]easures)\s+(\d{1,3}(?:\.\d{1,3})?)\s*(?:to|-|\u2013)\s*(\d{1,3}(?:\.\d{1,3})?)\s+"
                    r"(?=(?:only\s+)?(?:apply|do\s+not\s+apply)\b)",
                    lambda m: "This measure " if _in_range(m[1], m[2], measure.number or "") else m[0], application)
    if ranged != application:
        # ("...; but they apply to a closed communication service that ...": the sections again, now "it")
        ranged = re.sub(r"\bthey\s+((?:also|still|nevertheless)\s+)?(?:do\s+)?apply\b", r"it \1applies", ranged)
        application = re.sub(r"\bthey\s+do\s+not\s+apply\b", "it does not apply", ranged)
    application = re.sub(r"\bThis measure (only )?apply\b", r"This measure \1applies", application)
    application = application.replace("This measure do not apply", "This measure does not apply")
    # (with its title in brackets after the number: "Measure C13 (hash matching for terrorism content) is recommended for")
    # (after its paragraph's number: "C13.1 ICU C13 applies to ...")
    # (after an editor's note, or with one after the number: "[Inserted 2026] PCS C8 is for ...", "PCS C7 [inserted 2026] is for")
    return re.sub(rf"(?:^|(?<=[.;]\s)|(?<=\n))\s*(?:\[[^\[\]]{{1,80}}\]\s*)?(?:[A-Z]{{1,2}}\d{{1,3}}(?:\.\d{{1,3}})+[A-Z]?\s+)?{own}(?:\s*\([^()]{{1,80}}\))?(?:\s*\[[^\[\]]{{1,80}}\])?(?=\s+(?:only\s+|also\s+)?(?:applies|covers|reaches|does\s+not\s+apply|is\s+(?:only\s+)?(?:recommended|"
                  rf"intended|for)\b))", "This measure", application, flags=re.I)
