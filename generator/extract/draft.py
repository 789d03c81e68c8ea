"""The draft being made: the report's fields, figures and projects as they are read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)
    not_found: list = field(default_factory=list)
    other_parts: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # the schedules read, with their totals
