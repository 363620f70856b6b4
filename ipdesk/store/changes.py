"""What a write changed, so that whoever shows the file reads again only what it must
(after Anki's OpChanges).

Every write the window makes returns one `Changes` value — an edit, an undo, a merge,
an undone import, a resolved conflict, a review — and the window hands it to each of
its pages; a page reads again when the tables it shows are among `tables`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ipdesk.store.schema import PLAN_TABLES, REPLICATED_TABLES

# Tables only a master keeps: what the merge center lists.
MERGE_LOGS = ("imports", "import_changes", "conflicts", "quarantine")


def _set(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


@dataclass(frozen=True)
class Changes:
    """What changed: tables, and where known the reporting periods and departments.

    Attributes:
        tables: The tables written.
        periods: The reporting periods the written rows belong to (empty: unknown or
            none in particular).
        departments: The departments whose rows were written (empty: unknown or none).
        period_chosen: Not a write: the window's reporting period was changed.
    """

    tables: frozenset[str] = field(default_factory=frozenset)
    periods: frozenset[str] = field(default_factory=frozenset)
    departments: frozenset[str] = field(default_factory=frozenset)
    period_chosen: bool = False

    @classmethod
    def of(
        cls, *tables: str, periods: Iterable[str] = (), departments: Iterable[str] = ()
    ) -> Changes:
        unknown = set(tables) - set(REPLICATED_TABLES) - set(MERGE_LOGS)
        if unknown:
            raise ValueError(f"not tables of a plan file: {sorted(unknown)}")
        return cls(_set(tables), _set(periods), _set(departments))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.tables | other.tables,
            self.periods | other.periods,
            self.departments | other.departments,
            self.period_chosen or other.period_chosen,
        )

    def __bool__(self) -> bool:
        return bool(self.tables) or self.period_chosen

    def touches(self, tables: Iterable[str]) -> bool:
        """Whether any of `tables` changed."""
        return not self.tables.isdisjoint(tables)


NOTHING = Changes()
EVERYTHING = Changes(_set(REPLICATED_TABLES) | _set(MERGE_LOGS))
PERIOD_CHOSEN = Changes(period_chosen=True)
PLAN = Changes(_set(PLAN_TABLES))  # the coordinator's plan: tasks, texts, dates, departments…
