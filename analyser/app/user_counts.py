"""A number of users as an officer writes it and reads it: "15,000,000", "15 000 000", "15m",
"1.5 million" or "700k" in, "15,000,000" out, and a sentence saying what is wrong otherwise.
The same reading serves the sidebar's limits per document (``parse_amount``, ``format_amount``):
"2,000,000,000 characters" rather than 2000000000.

Why: the Service profile's user count was a Streamlit number input, which can show a number only
as bare digits (15000000: count the zeros), and the question a code asks is often a threshold
such as "more than 7,000,000". A text field with this reading shows the separators, and accepts
what people type. Presentation only: the count itself goes into the ``ServiceProfile`` as an int.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_USERS = 10_000_000_000  # past any service's UK users: a slip of the keyboard, not a service

_SCALE = {"": 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
          "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000}
# Digits in groups of three after the first (commas, spaces or thin spaces between them), or
# digits alone; an optional decimal part; an optional word or letter for the scale.
_NUMBER = re.compile(r"^(?P<int>\d{1,3}(?:[,\s\u2009\u202f]\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*(?P<scale>[a-z]*)$")
EXAMPLE = "15,000,000, 15m or 700k"


def format_users(count: int) -> str:
    """``count`` with thousands separators: 15000000 -> "15,000,000"."""
    return f"{int(count):,}"


def _number(raw: str, example: str) -> Decimal:
    """The number ``raw`` says (separators, a decimal part and a scale word allowed); ``ValueError``
    with a sentence quoting it, and ``example`` of what to write, when it is not one."""
    cleaned = re.sub(r"\s*users?$", "", raw.lower().replace("\u00a0", " "))  # "15m users" reads as meant
    found = _NUMBER.match(cleaned)
    if not found or found["scale"] not in _SCALE:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", raw):
            problem = "write commas, not full stops, between groups of three digits"
        elif re.fullmatch(r"[\d,.\s]+", raw) and "," in raw:
            problem = "commas go between groups of three digits"
        elif raw.startswith("-"):
            problem = "it cannot be below zero"
        else:
            problem = "it is not a number"
        raise ValueError(f"“{raw}”: {problem}. Write it like {example}.")
    digits = re.sub(r"\D", "", found["int"])
    try:
        return Decimal(f"{digits}.{found['frac'] or 0}") * _SCALE[found["scale"]]
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueError(f"“{raw}”: it is not a number. Write it like {example}.") from None


def parse_users(text: str) -> int:
    """The whole number of users ``text`` says; ``ValueError`` with a sentence for the officer
    (naming what was typed) when it is not one."""
    raw = str(text or "").strip()
    if not raw:
        raise ValueError(f"Write a number of monthly active UK users, such as {EXAMPLE}.")
    try:
        value = _number(raw, EXAMPLE)
    except ValueError as err:  # said of users: "not a number of users", "cannot be below zero"
        raise ValueError(str(err).replace("it is not a number.", "it is not a number of users.")
                         .replace("it cannot be below zero", "a number of users cannot be below zero")) from None
    if value != value.to_integral_value():
        raise ValueError(f"“{raw}” is not a whole number of users. Write it like {EXAMPLE}.")
    if value > MAX_USERS:
        raise ValueError(f"“{raw}” is more than {format_users(MAX_USERS)} users: check the number of zeros.")
    return int(value)


def format_amount(value: float) -> str:
    """``value`` with thousands separators, and its decimals only when it has some:
    2000000000 -> "2,000,000,000", 600.0 -> "600", 1.5 -> "1.5"."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def parse_amount(text: str, low: float, high: float, unit: str, example: float, *,
                 whole: bool = True) -> int | float:
    """The number of ``unit`` that ``text`` says, between ``low`` and ``high``; ``ValueError`` with
    a sentence for the officer (quoting what was typed, giving the range, showing ``example``
    written with separators) when it is not one."""
    raw = str(text or "").strip()
    example = format_amount(example)
    if not raw:
        raise ValueError(f"Write a number of {unit}, such as {example}.")
    value = _number(raw, example)
    if whole and value != value.to_integral_value():
        raise ValueError(f"“{raw}” is not a whole number of {unit}. Write it like {example}.")
    if not low <= value <= high:
        raise ValueError(f"“{raw}”: write a number of {unit} from {format_amount(low)} to {format_amount(high)}.")
    return int(value) if whole else float(value)
