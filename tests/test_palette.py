"""One colour, one meaning (issue 14, WCAG 2.2 AA): every colour the app shows comes from
``analyser/palette.py`` with a single meaning, marks reach 3:1 against the page, text on a fill
reaches 4.5:1, and meanings that can sit side by side are far enough apart to tell."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from analyser.palette import NEUTRALS, PALETTE

ROOT = Path(__file__).resolve().parent.parent
# Where the app's colours are written: its package, its style sheet, and the modules that draw
# marks and charts for it. (compare_render's stand-alone HTML export has its own style.)
SOURCES = [*sorted((ROOT / "analyser" / "app").rglob("*.py")), ROOT / "assets" / "app.css",
           ROOT / "analyser" / "highlight.py", ROOT / "analyser" / "charts.py", ROOT / "analyser" / "statuses.py"]
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
MIN_DISTANCE = 10.0  # CIE76 ΔE between any two meanings' colours: clearly different side by side


def _norm(c: str) -> str:
    c = c.lower()
    return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c


def _lin(v: int) -> float:
    v /= 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _rgb(c: str) -> list[int]:
    c = _norm(c)
    return [int(c[i:i + 2], 16) for i in (1, 3, 5)]


def luminance(c: str) -> float:
    r, g, b = (_lin(v) for v in _rgb(c))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(c: str) -> tuple[float, float, float]:
    r, g, b = (_lin(v) for v in _rgb(c))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def _uses() -> dict[str, set[str]]:
    """Each colour of the palette -> the meanings that use it (as fill or edge)."""
    uses: dict[str, set[str]] = {}
    for name, c in PALETTE.items():
        for value in (c.fill, c.edge):
            if value:
                uses.setdefault(_norm(value), set()).add(name)
    return uses


def test_no_colour_has_two_meanings_and_none_is_a_neutral():
    shared = {c: names for c, names in _uses().items() if len(names) > 1}
    assert not shared, shared
    neutral = {_norm(n) for n in NEUTRALS} & set(_uses())
    assert not neutral, neutral


def test_marks_reach_3_to_1_on_the_page_and_text_on_fills_4_5_to_1():
    weak = {n: round(contrast(c.edge, "#ffffff"), 2) for n, c in PALETTE.items() if contrast(c.edge, "#ffffff") < 3}
    assert not weak, weak
    dim = {n: round(contrast(c.fill, "#111111"), 2) for n, c in PALETTE.items()
           if c.fill and contrast(c.fill, "#111111") < 4.5}
    assert not dim, dim


def test_meanings_are_far_enough_apart_to_tell_side_by_side():
    close = []
    for (a, ca), (b, cb) in itertools.combinations(PALETTE.items(), 2):
        if ca.fill and cb.fill and distance(ca.fill, cb.fill) < MIN_DISTANCE:
            close.append((a, b, "fill", round(distance(ca.fill, cb.fill), 1)))
        if distance(ca.edge, cb.edge) < MIN_DISTANCE:
            close.append((a, b, "edge", round(distance(ca.edge, cb.edge), 1)))
    assert not close, close


def test_the_app_shows_no_colour_outside_the_palette():
    known = set(_uses()) | {_norm(n) for n in NEUTRALS}
    stray = sorted({f"{p.relative_to(ROOT)}: {c}" for p in SOURCES
                    for c in HEX.findall(p.read_text(encoding="utf-8")) if _norm(c) not in known})
    assert not stray, stray


def test_the_checks_can_fail():
    """The helpers find what they must: the pair issue 14 reported (qualified and proportionality
    both #fde68a) and a pastel fill taken as a mark."""
    assert distance("#fde68a", "#fde68a") == 0 < MIN_DISTANCE
    assert contrast("#fde68a", "#ffffff") < 3  # the old status-box edge: a fill used as a border
    assert HEX.findall("ins {background: #bcf0da;}") == ["#bcf0da"]
