"""Guess rounds: each partner's taps, and how often they have guessed each other right."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# Why a tap changed nothing, for the little pop-up: another pair's or a retired button, a
# round already revealed or past answering, a guess before one's own answer.
Refusal = Literal["gone", "revealed", "closed", "own_first"]


class GuessStep(StrEnum):
    """Which tap a guess-round button is: the tapper's own answer, or their guess of the
    partner's. Buttons on old messages carry these: never reuse one for something else."""

    OWN = "own"
    PARTNER = "them"


@dataclass(frozen=True)
class Taps:
    """One partner's taps on a guess round: option indices."""

    own: int
    guess: int | None = None  # None until they have guessed

    @property
    def done(self) -> bool:
        return self.guess is not None


@dataclass(frozen=True)
class Tally:
    """Guesses of each other that were right, out of all made, by both partners together."""

    right: int
    made: int


def tally(rounds: list[tuple[Taps, Taps]]) -> Tally:
    """Both partners' guesses over revealed rounds, each round as (one's taps, the other's)."""
    right = sum((a.guess == b.own) + (b.guess == a.own) for a, b in rounds)
    return Tally(right, 2 * len(rounds))
