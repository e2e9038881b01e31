"""Every button Duet makes reads back as itself; data no button of ours carries reads as None."""

from typing import get_args

import pytest

from bot.domain import notices as n
from bot.domain.codes import new_invite_code
from bot.domain.guess import GuessStep
from bot.domain.prompts import PairKind
from bot.packs import load_library
from bot.tg import callbacks as cb
from bot.tg import keyboards as kb
from tests.e2e.conftest import REPO

BIG_ID = 2**63 - 1  # the largest SQLite integer


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
        kb.recap_days(),
        kb.recap_times(6),
        kb.kind_choices(),
        kb.cadence_choices(),
        kb.pack_choices(packs),
        kb.confirm(lambda yes: cb.Unpair(yes, BIG_ID), "yes", cb.Export(BIG_ID)),
        kb.confirm(cb.Delete, "yes"),
        kb.history_buttons(
            n.HistoryPage(
                BIG_ID,
                "2026-11-24",
                "Q?",
                (n.PastAnswer(BIG_ID, "Sam", None, "voice", None),),
                (),
                BIG_ID,
                BIG_ID,
                BIG_ID,
                BIG_ID,
            )
        ),
        # -- guess rounds (issue 12)
        kb.guess_prompt_buttons(BIG_ID, ("a", "b", "c", "d")),
        kb.guess_options(BIG_ID, GuessStep.PARTNER, ("a", "b"), []),
        kb.guess_cadence_choices(),
        # -- ideas for time together (issue 12)
        kb.idea_offer(BIG_ID, "Sam"),
        kb.idea_invitation(BIG_ID),
        kb.how_was_it(BIG_ID),
        kb.idea_list_buttons(n.IdeaListPage("Sam", 9, (), BIG_ID, BIG_ID)),
    ]


def test_every_button_duet_makes_reads_back_as_the_same_data() -> None:
    for keyboard in every_keyboard():
        for row in keyboard.inline_keyboard:  # type: ignore[attr-defined]
            for button in row:
                value = cb.unpack(button.callback_data)
                assert value is not None, button.callback_data
                assert cb.pack(value) == button.callback_data


EVERY_KIND: list[cb.Button] = [
    cb.Time("07:30"),
    cb.Time("21:00", onboarding=True),
    cb.Time(None),
    cb.Zone("America/Argentina/Buenos_Aires"),
    cb.Zone("Etc/GMT+5"),
    cb.Zone(None),
    cb.Accept(new_invite_code()),
    cb.Decline("A-b_9"),
    cb.Swap(0),
    cb.Swap(BIG_ID),
    cb.React(BIG_ID, 4),
    cb.Reply(17),
    cb.Starter(2),
    cb.Starter(None),
    cb.ThanksReact(BIG_ID, 0),
    cb.Pause("1w"),
    cb.Pause("open"),
    cb.Pause(None),
    *(cb.Setting(key) for key in cb.SettingKey),
    cb.Reminder("22:00"),
    cb.Reminder(None),
    cb.Recap(None),
    cb.Recap(0),
    cb.Recap(6, "19:00"),
    *(cb.Kind(kind) for kind in PairKind),
    cb.Cadence(0),
    cb.Cadence(14),
    cb.Pack("just_for_fun", on=True),
    cb.Pack("closer", on=False),
    cb.Unpair(True, BIG_ID),
    cb.Unpair(False, 1),
    cb.Delete(True),
    cb.Delete(False),
    cb.Page(BIG_ID),
    cb.Resend(BIG_ID, BIG_ID),
    cb.Export(1),
    # -- guess rounds (issue 12)
    cb.GuessTap(BIG_ID, GuessStep.OWN, 0),
    cb.GuessTap(1, GuessStep.PARTNER, 3),
    cb.GuessCadence(0),
    cb.GuessCadence(7),
    # -- ideas for time together (issue 12)
    cb.IdeaMore(),
    cb.IdeaSend(BIG_ID),
    cb.IdeaAnswer(BIG_ID, accepted=True),
    cb.IdeaAnswer(1, accepted=False),
    cb.IdeaStory(BIG_ID),
    cb.IdeaPage(BIG_ID),
]


def test_the_round_trip_covers_every_kind_of_button() -> None:
    assert {type(button) for button in EVERY_KIND} == set(get_args(cb.Button))


@pytest.mark.parametrize("button", EVERY_KIND, ids=repr)
def test_every_kind_of_button_survives_packing(button: cb.Button) -> None:
    data = cb.pack(button)
    assert data.isascii() and len(data.encode()) <= cb.MAX_BYTES
    assert cb.unpack(data) == button


@pytest.mark.parametrize(
    ("data", "button"),
    [
        ("t|07:00|o", cb.Time("07:00", onboarding=True)),
        ("t|other", cb.Time(None)),
        ("z|Europe/Berlin", cb.Zone("Europe/Berlin")),
        ("z|other", cb.Zone(None)),
        ("ia|abc_DEF-123", cb.Accept("abc_DEF-123")),
        ("sw|12", cb.Swap(12)),
        ("rx|12|3", cb.React(12, 3)),
        ("rp|12", cb.Reply(12)),
        ("ap|1", cb.Starter(1)),
        ("ap|free", cb.Starter(None)),
        ("ar|5|0", cb.ThanksReact(5, 0)),
        ("pz|3d", cb.Pause("3d")),
        ("pz|menu", cb.Pause(None)),
        ("se|packs", cb.Setting(cb.SettingKey.PACKS)),
        ("rm|off", cb.Reminder(None)),
        ("rc|off", cb.Recap(None)),
        ("rc|6", cb.Recap(6)),
        ("rc|6|19:00", cb.Recap(6, "19:00")),
        ("pk|friends", cb.Kind(PairKind.FRIENDS)),
        ("ac|7", cb.Cadence(7)),
        ("pp|deeper|on", cb.Pack("deeper", on=True)),
        ("pp|closer|off", cb.Pack("closer", on=False)),
        ("up|yes|12", cb.Unpair(True, 12)),
        ("dd|no", cb.Delete(False)),
        ("hp|12", cb.Page(12)),
        ("hr|12|1001", cb.Resend(12, 1001)),
        ("ex|12", cb.Export(12)),
    ],
)
def test_buttons_on_messages_already_sent_still_read(data: str, button: cb.Button) -> None:
    assert cb.unpack(data) == button


@pytest.mark.parametrize(
    "button",
    [
        cb.Accept("x" * 62),  # 65 bytes with its action
        cb.Pack("ünïcode", on=True),
        cb.Zone("Europe/Berlin "),
        cb.Zone("a|b"),
        cb.Swap(2**63),
        cb.Swap(-1),
        cb.Time("7pm"),
        cb.Time(""),
        cb.Pause("2d"),
        cb.Recap(7, "19:00"),
        cb.Recap(None, "19:00"),
    ],
    ids=repr,
)
def test_a_button_that_would_not_read_back_is_never_made(button: cb.Button) -> None:
    with pytest.raises(AssertionError):
        cb.pack(button)


def test_data_of_64_bytes_is_read() -> None:
    assert cb.pack(cb.Accept("x" * 61)) == "ia|" + "x" * 61


@pytest.mark.parametrize(
    "data",
    [
        None,
        42,
        "",
        "|",
        "sw",
        "sw|",
        "sw|²",  # "²".isdigit() is true, int("²") fails
        "rx|١|0",  # an Arabic-Indic digit
        "sw|𝟗",
        "sw|-1",
        "sw|+5",
        "sw| 7",
        "sw|1e3",
        f"sw|{2**63}",  # past SQLite's 64-bit integers
        "sw|" + "9" * 40,
        "rx|1|" + "9" * 40,
        "rx|1",
        "rx|1|2|3",
        "ap|free text",  # a space
        "ap|words",
        "pz|1d\n",
        "pz|2d",
        "se|nope",
        "t|7pm",
        "t|07:00|x",
        "t|other|o",
        "rm|never",
        "rc|7",  # days are 0 (Monday) to 6 (Sunday)
        "rc|-1",
        "rc|sun",
        "rc|6|7pm",
        "rc|off|19:00",
        "rc|6|19:00|x",
        "pk|spouse",
        "up|maybe",
        "up|yes",  # from before buttons named their pair: refused, never ends a later pair
        "pp|closer",  # from before pack buttons said which way: refused, never flips it back
        "pp|closer|maybe",
        "dd|YES",
        "ex",
        "ex|me",
        "ex|-3",
        "x" * 65,
        "ia|" + "x" * 62,
        "💌|1",
        "zz|1",
        "~settle",
        # -- guess rounds (issue 12)
        "gu|1|own",
        "gu|1|mine|0",
        "gu|1|own|-1",
        "gu|1|them|²",
        "gu|x|own|0",
        "gu|1|own|0|1",
        "gc|weekly",
    ],
)
def test_data_no_button_of_ours_carries_is_turned_away(data: object) -> None:
    assert cb.unpack(data) is None
