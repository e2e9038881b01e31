"""Every notice survives the outbox: dumped to JSON and loaded back, it is the same value."""

from dataclasses import fields, is_dataclass
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest

from bot.domain import notices as n
from bot.domain.people import media_kind
from bot.domain.prompts import PairKind, PromptKind

KINDS = sorted(get_args(n.Notice), key=lambda kind: kind.__name__)


def example(hint: Any, none: bool) -> Any:
    """A value of type `hint` (None where it may be None and `none` is set)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (UnionType, Union):
        return None if none and NoneType in args else example(args[0], none)
    if origin is Literal:
        return args[-1]
    if origin is tuple:
        if args[-1] is Ellipsis:
            return (example(args[0], none), example(args[0], none))
        return tuple(example(arg, none) for arg in args)
    if isinstance(hint, type) and is_dataclass(hint):
        hints = get_type_hints(hint)
        return hint(**{f.name: example(hints[f.name], none) for f in fields(hint)})
    if issubclass(hint, Enum):
        return list(hint)[-1]
    return {int: 7, str: "Sam ✨ <b>&", bool: True}[hint]


def instance(kind: type[n.BaseNotice], none: bool) -> n.Notice:
    hints = get_type_hints(kind)
    made = kind(**{field.name: example(hints[field.name], none) for field in fields(kind)})
    assert isinstance(made, n.Notice)
    return made


def test_every_notice_class_is_in_the_union_that_render_must_cover() -> None:
    assert set(KINDS) == set(n.BaseNotice.__subclasses__())


@pytest.mark.parametrize("none", [False, True], ids=["values", "nones"])
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_every_notice_loads_back_as_it_was_dumped(kind: type[n.BaseNotice], none: bool) -> None:
    notice = instance(kind, none)
    loaded = n.load_notice(n.dump_notice(notice))
    assert loaded == notice
    assert [type(getattr(loaded, f.name)) for f in fields(loaded)] == [
        type(getattr(notice, f.name)) for f in fields(notice)
    ]


@pytest.mark.parametrize(
    ("row", "notice"),
    [
        (
            '{"type": "Reveal", "round_id": 3, "question": "Q?", "partner_name": "Sam",'
            ' "answer_text": "yes", "media": null, "reactions": true}',
            n.Reveal(3, "Q?", "Sam", "yes", None),
        ),
        (
            '{"type": "PacksMenu", "packs": [["deeper", "Deeper", true], ["play", "Play", false]]}',
            n.PacksMenu((("deeper", "Deeper", True), ("play", "Play", False))),
        ),
        (
            '{"type": "InviteProblem", "reason": "expired", "partner_name": "Alex"}',
            n.InviteProblem("expired", "Alex"),
        ),
        (
            '{"type": "TodayAgain", "round_id": 9, "text": "Q?", "kind": "appreciation",'
            ' "theme": "Our week", "status": "answered", "partner_name": "Sam",'
            ' "can_swap": false, "asked_by": null}',
            n.TodayAgain(9, "Q?", PromptKind.APPRECIATION, "Our week", "answered", "Sam", False),
        ),
        (
            '{"type": "SettingsMenu", "time": "08:00", "timezone": "UTC", "reminder": null,'
            ' "pair_kind": "friends", "appreciation_every": 7}',
            n.SettingsMenu("08:00", "UTC", None, PairKind.FRIENDS, 7),
        ),
        (
            '{"type": "FollowUp", "round_id": 4, "partner_name": "Sam", "question": "Q?",'
            ' "text": null, "media": "video_note"}',
            n.FollowUp(4, "Sam", "Q?", None, "video_note"),
        ),
        ('{"type": "Help"}', n.Help()),
    ],
)
def test_outbox_rows_an_earlier_version_wrote_still_load(row: str, notice: n.Notice) -> None:
    loaded = n.load_notice(row)
    assert loaded == notice
    assert [type(getattr(loaded, f.name)) for f in fields(loaded)] == [
        type(getattr(notice, f.name)) for f in fields(notice)
    ]


def test_a_media_name_reads_as_its_kind_and_an_unknown_one_is_refused() -> None:
    assert [media_kind(name) for name in ("voice", "video_note", "photo", "video", None)] == [
        "voice",
        "video_note",
        "photo",
        "video",
        None,
    ]
    with pytest.raises(ValueError, match="sticker"):
        media_kind("sticker")
