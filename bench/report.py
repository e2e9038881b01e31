"""Figures over runs (median and spread), the printed table and bench/results/latest.json."""

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Figure:
    """One measured quantity, once per run; with its target when it has one."""

    key: str
    label: str
    unit: str
    runs: list[float] = field(default_factory=list)
    target: str = ""
    passes: Callable[[float], bool] | None = None
    digits: int = 1

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def met(self) -> bool | None:
        """Whether the median meets the target (None: no target)."""
        if self.passes is None:
            return None
        return bool(self.runs) and self.passes(self.median)

    def show(self, value: float) -> str:
        return f"{value:,.{self.digits}f}"

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "median": self.median,
            "min": min(self.runs, default=None),
            "max": max(self.runs, default=None),
            "runs": self.runs,
        }


@dataclass
class Scenario:
    """One scenario's figures, filled run by run."""

    key: str
    title: str
    figures: list[Figure]
    notes: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def add(self, values: dict[str, float]) -> None:
        """One run's values, by figure key."""
        for figure in self.figures:
            if figure.key in values:
                figure.runs.append(values[figure.key])

    @property
    def target(self) -> str:
        return "; ".join(f"{f.key} {f.target}" for f in self.figures if f.passes is not None)

    @property
    def met(self) -> bool:
        return all(f.met for f in self.figures if f.passes is not None)

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "figures": {f.key: f.as_json() for f in self.figures},
            "target": self.target,
            "met": self.met,
            "notes": self.notes,
        }


def table(scenarios: list[Scenario]) -> str:
    """One table: a row per figure, median and spread, the target beside it."""
    header = ("scenario", "figure", "median", "spread (min–max)", "target", "met")
    rows: list[tuple[str, ...]] = []
    for scenario in scenarios:
        for i, f in enumerate(scenario.figures):
            spread = f"{f.show(min(f.runs))} – {f.show(max(f.runs))}" if len(f.runs) > 1 else "–"
            met = "" if f.met is None else ("yes" if f.met else "NO")
            rows.append(
                (
                    scenario.key if i == 0 else "",
                    f"{f.label} ({f.unit})" if f.unit else f.label,
                    f.show(f.median) if f.runs else "–",
                    spread,
                    f.target,
                    met,
                )
            )
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    numeric = {2, 3}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(w) if c in numeric else cell.ljust(w)
            for c, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def write_json(path: Path, scenarios: list[Scenario], extra: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {s.key: s.as_json() for s in scenarios} | {"_run": extra}
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
