"""The warnings one extraction collects: each goes to the document's list and, when it concerns a
measure, to that measure's own list too (the app shows a measure's warnings beside it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Measure, ParseWarning


@dataclass
class Warnings:
    """Warnings in the order they were raised."""

    items: list[ParseWarning] = field(default_factory=list)

    def warn(self, message: str, page: int | None, measure: Measure | None = None) -> None:
        """Record a warning; ``measure`` is the measure object itself (not its ID), so that a
        warning raised while the measure is still being read reaches it, and a measure printed
        twice under one ID gets only its own warnings."""
        self.items.append(ParseWarning(message=message, page=page, measure=measure.id if measure else None))
        if measure is not None:
            measure.warnings.append(message)
