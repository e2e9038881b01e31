"""Prompts and packs as plain values."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class PromptKind(StrEnum):
    QUESTION = "question"
    APPRECIATION = "appreciation"
    REFLECTION = "reflection"
    GUESS = "guess"  # each taps an option, then guesses the partner's


class PairKind(StrEnum):
    COUPLE = "couple"
    FRIENDS = "friends"


THEMES: dict[str, str] = {
    "active_listening": "Listening",
    "validating_feelings": "Feelings",
    "vulnerability": "Opening up",
    "quality_time": "Time together",
    "appreciation": "Appreciation",
    "good_news": "Good news",
    "repair": "Making up",
    "dreams_values": "Dreams and values",
    "boundaries": "Being yourself",
    "weekly_reflection": "Our week",
    "stories_before": "Before we met",
    "shared_experiences": "Doing things together",
    "support": "Hard days",
    "trust": "Trust",
    "self_care": "Looking after yourself",
    "friendship": "Friendship",
}

MAX_PROMPT_LENGTH = 300
# A guess round's options are buttons: few and short enough to fit a phone's width.
MIN_OPTIONS = 2
MAX_OPTIONS = 4
MAX_OPTION_LENGTH = 30


@dataclass(frozen=True)
class Prompt:
    id: str
    pack: str
    text: str
    kind: PromptKind
    depth: int
    themes: tuple[str, ...]
    audience: frozenset[PairKind]
    options: tuple[str, ...] = ()  # a guess prompt's choices; empty for every other kind


class Consent(StrEnum):
    """Who turns a pack on: either partner for the pair, or both, each for themselves."""

    EITHER = "either"
    BOTH = "both"


@dataclass(frozen=True)
class Pack:
    id: str
    name: str
    description: str
    opt_in: bool
    prompts: tuple[Prompt, ...]
    consent: Consent = Consent.EITHER

    @property
    def couples_only(self) -> bool:
        """Every prompt is for couples: friends pairs never see the pack."""
        return all(prompt.audience == {PairKind.COUPLE} for prompt in self.prompts)

    def offered_to(self, kind: PairKind) -> bool:
        return kind == PairKind.COUPLE or not self.couples_only


OWN_PACK = "own"  # a pair's own question (/ask): not in any pack file
OWN_THEME = "own"


@dataclass(frozen=True)
class Library:
    packs: tuple[Pack, ...]

    @cached_property
    def _by_id(self) -> dict[str, Prompt]:
        return {prompt.id: prompt for pack in self.packs for prompt in pack.prompts}

    @cached_property
    def _selections(self) -> dict[frozenset[str] | None, tuple[Prompt, ...]]:
        return {}

    def prompts(self, pack_ids: frozenset[str] | None = None) -> tuple[Prompt, ...]:
        """Every prompt of the given packs (default: the packs that are on unless opted in)."""
        # Kept per selection: every round opening asks for the same few selections again.
        found = self._selections.get(pack_ids)
        if found is None:
            found = self._selections[pack_ids] = tuple(
                prompt
                for pack in self.packs
                if (pack.id in pack_ids if pack_ids is not None else not pack.opt_in)
                for prompt in pack.prompts
            )
        return found

    def prompt(self, prompt_id: str) -> Prompt | None:
        return self._by_id.get(prompt_id)

    def pack(self, pack_id: str) -> Pack | None:
        return next((pack for pack in self.packs if pack.id == pack_id), None)

    def enabled(
        self, choices: Mapping[str, bool], agreed: frozenset[str] = frozenset()
    ) -> frozenset[str]:
        """The packs a pair has on: the defaults, with the pair's own choices over them; a
        pack that needs both partners is on only if it is among those both `agreed` to."""
        return frozenset(
            pack.id
            for pack in self.packs
            if (
                pack.id in agreed
                if pack.consent == Consent.BOTH
                else choices.get(pack.id, not pack.opt_in)
            )
        )


def own_prompt(question_id: int, text: str) -> Prompt:
    """A question one partner wrote for the pair, as a prompt of its own."""
    return Prompt(
        id=f"{OWN_PACK}-{question_id}",
        pack=OWN_PACK,
        text=text,
        kind=PromptKind.QUESTION,
        depth=1,
        themes=(OWN_THEME,),
        audience=frozenset(PairKind),
    )
