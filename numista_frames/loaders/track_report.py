"""What one tracking run did (or would do): :class:`TrackReport`, and the frames it carries."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from numista_frames.checks import GRADES

__all__ = ["CHANGE_COLUMNS", "PLAN_COLUMNS", "TrackReport", "change_rows", "frame_of"]

#: Columns of :attr:`TrackReport.changes`: one row per grade whose price moved.
CHANGE_COLUMNS: dict[str, str] = {
    "type_id": "Int64", "issue_id": "Int64", "currency": "string", "grade": "string",
    "old_price": "float64", "new_price": "float64", "pct_change": "float64",
    "old_observed_at": "datetime64[ns, UTC]", "new_observed_at": "datetime64[ns, UTC]",
}
#: Columns of :attr:`TrackReport.plan` and :attr:`TrackReport.skipped`.
PLAN_COLUMNS: dict[str, str] = {
    "type_id": "Int64", "issue_id": "Int64", "currency": "string", "reason": "string",
    "weight": "float64", "rate": "float64", "priority": "float64", "cost": "Int64",
}


def frame_of(rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str]) -> pd.DataFrame:
    """A frame of ``rows`` with exactly ``columns`` and their dtypes (also for no row)."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return frame.astype(dict(columns)).reset_index(drop=True)


def change_rows(key: tuple[int, int, str], old: Mapping[str, float], new: Mapping[str, float],
                old_at: datetime | None, new_at: datetime) -> list[dict[str, Any]]:
    """One change row per grade whose price differs (a grade that appeared or went away has
    a missing old or new price).

    Examples
    --------
    >>> from datetime import UTC
    >>> rows = change_rows((1, 2, "EUR"), {"vf": 10.0}, {"vf": 12.0, "unc": 30.0},
    ...                    None, datetime(2026, 1, 2, tzinfo=UTC))
    >>> [(r["grade"], r["old_price"], r["new_price"], r["pct_change"]) for r in rows]
    [('vf', 10.0, 12.0, 20.0), ('unc', nan, 30.0, nan)]
    """
    out = []
    for grade in sorted(set(old) | set(new), key=lambda g: GRADES.index(g) if g in GRADES else 99):
        before, after = old.get(grade, np.nan), new.get(grade, np.nan)
        if before == after:
            continue
        pct = (after - before) / before * 100 if before and np.isfinite(before) else np.nan
        out.append({"type_id": key[0], "issue_id": key[1], "currency": key[2], "grade": grade,
                    "old_price": before, "new_price": after, "pct_change": pct,
                    "old_observed_at": old_at, "new_observed_at": new_at})
    return out


@dataclass
class TrackReport:
    """What one run of :func:`numista_frames.track` did, or with ``dry_run`` would do.

    Attributes
    ----------
    now : datetime
        The run's time: every decision used it and every observation is stamped with it.
    budget : int
        Requests the run could spend (after the month's quota capped it).
    spent : int
        Requests it spent, all included (issue lists, collection listings, tokens, retries).
    checked : int
        Prices fetched (with ``dry_run``: 0; see :attr:`plan`).
    changes : DataFrame
        One row per grade whose price moved: type_id, issue_id, currency, grade, old_price,
        new_price, pct_change, old_observed_at, new_observed_at.
    plan : DataFrame
        The prices chosen, in fetch order, with why (``first check``, ``overdue``,
        ``priority``), weight, rate, priority and cost in requests.
    skipped : DataFrame
        Due prices (never checked, overdue, or more likely changed than not) that the budget
        could not pay for; same columns as :attr:`plan`.
    next_run : datetime
        A suggestion: the next UTC day when the budget ran out or due prices were skipped,
        else when the next watched price falls due.
    dry_run : bool
        Whether this is a plan only.
    discovered : int
        Issue lists (and collection listings) read this run.
    failures : list of (key, exception)
        Price checks or discoveries that failed; the rest of the run went on.
    """

    now: datetime
    budget: int
    spent: int
    checked: int
    changes: pd.DataFrame
    plan: pd.DataFrame
    skipped: pd.DataFrame
    next_run: datetime
    dry_run: bool = False
    discovered: int = 0
    failures: list[tuple[Any, BaseException]] = field(default_factory=list)

    def alerts(self, pct: float) -> pd.DataFrame:
        """The changes that moved by at least ``pct`` percent (up or down)."""
        return self.changes[self.changes["pct_change"].abs() >= pct].reset_index(drop=True)

    def summary(self) -> str:
        """One line: what was spent and found."""
        if self.dry_run:
            return (f"dry run at {self.now:%Y-%m-%d %H:%M} UTC: would check {len(self.plan)} "
                    f"price(s) for {int(self.plan['cost'].sum())} request(s) of a budget of "
                    f"{self.budget}; {self.spent} spent on discovery; {len(self.skipped)} due "
                    "left for later")
        moved = self.changes[["type_id", "issue_id"]].drop_duplicates().shape[0]
        return (f"tracked at {self.now:%Y-%m-%d %H:%M} UTC: {self.spent} of {self.budget} "
                f"request(s) spent, {self.checked} price(s) checked, {moved} changed "
                f"({len(self.changes)} grade move(s)), {len(self.skipped)} due left for later; "
                f"next run {self.next_run:%Y-%m-%d %H:%M} UTC")

    def __repr__(self) -> str:
        return f"TrackReport({self.summary()})"

    def _repr_html_(self) -> str:
        head = f"<p><b>TrackReport</b>: {html.escape(self.summary())}</p>"
        if self.dry_run:
            return head + self.plan.head(20).to_html(index=False)
        if self.changes.empty:
            return head + "<p>No price changed.</p>"
        return head + self.changes.head(50).to_html(index=False)
