"""The gate lets through every button Duet makes, and nothing a handler could not parse."""

import pytest

from bot.domain.codes import new_invite_code
from bot.packs import load_library
from bot.tg import keyboards as kb
from bot.tg.handlers.common import ours
from tests.e2e.conftest import REPO

BIG_ID = 2**62  # far more rows than Duet will ever have, still a SQLite integer


def every_keyboard() -> list[object]:
    packs = tuple((p.id, p.name, True) for p in load_library(REPO / "prompt_packs").packs)
    return [
        kb.time_choices(True),
        kb.time_choices(False),
        kb.zone_choices(),
        kb.invite_offer(new_invite_code()),
        kb.prompt_buttons(BIG_ID, True),
        kb.reveal_buttons(BIG_ID),
        kb.appreciation_buttons(BIG_ID),
        kb.starters(),
        kb.pause_choices(),
        kb.settings_menu(True),
        kb.reminder_choices(),
        kb.kind_choices(),
        kb.cadence_choices(),
        kb.pack_choices(packs),
        kb.confirm(kb.UNPAIR, "yes"),
        kb.confirm(kb.DELETE, "yes"),
    ]


def test_every_button_duet_makes_passes_the_gate() -> None:
    for keyboard in every_keyboard():
        for row in keyboard.inline_keyboard:  # type: ignore[attr-defined]
            for button in row:
                assert ours(button.callback_data), button.callback_data


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "sw|²",  # "²".isdigit() is true, int("²") fails
        "rx|١|0",  # an Arabic-Indic digit
        "sw|𝟗",
        f"sw|{2**63}",  # past SQLite's 64-bit integers
        "rx|1|" + "9" * 40,
        "ap|free text",  # a space
        "pz|1d\n",
        "x" * 65,
        "💌|1",
    ],
)
def test_data_no_button_of_ours_carries_is_turned_away(data: str | None) -> None:
    assert not ours(data)
