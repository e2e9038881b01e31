"""The ideas pack: the shipped one loads, a wrong entry is named with what is wrong; which idea
comes next and when "how was it?" is asked."""

from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.ideas import IdeaTag, ask_how_it_went_at, choose_idea
from bot.domain.prompts import PairKind
from bot.ideas_pack import load_ideas
from bot.packs import PackError

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "prompt_packs" / "ideas"


def write(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "ideas.toml").write_text(body, encoding="utf-8")
    return folder


def entry(key: str, text: str, tags: str, audience: str = '"couple", "friends"') -> str:
    return (
        f'[[idea]]\nid = "idea-{key}"\ntext = "{text}"\ntags = [{tags}]\naudience = [{audience}]\n'
    )


# One idea per tag for both kinds of pair: the smallest pack that loads.
EVERY_TAG = "".join(entry(tag.replace("_", "-"), f"Idea {tag}", f'"{tag}"') for tag in IdeaTag)


def test_the_shipped_pack_has_at_least_120_ideas_and_friends_never_get_couple_only_ones() -> None:
    book = load_ideas(SHIPPED)
    assert len(book.ideas) >= 120
    friends = book.for_pair(PairKind.FRIENDS)
    assert friends and all(PairKind.FRIENDS in idea.audience for idea in friends)
    assert len(friends) < len(book.ideas)  # some ideas are for couples only
    for kind in PairKind:
        assert any(IdeaTag.LONG_DISTANCE in i.tags for i in book.for_pair(kind))


def test_a_small_pack_with_every_tag_loads(tmp_path: Path) -> None:
    book = load_ideas(write(tmp_path / "ideas", EVERY_TAG))
    assert len(book.ideas) == len(IdeaTag)


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (entry("x", "Go", '"at_home", "out"'), "at_home and out at once"),
        (entry("y", "Go", '"indoors"'), "idea idea-y: tags.0"),
        (entry("z", "Go", '"free"', '"strangers"'), "idea idea-z: audience.0"),
        (entry("w", "Hi {partner}", '"free"'), "idea idea-w: text"),
        (entry("free", "Another", '"free"'), "idea id used twice: 'idea-free'"),
        (entry("v", "Idea free", '"free"'), "idea text used twice"),
        ('[[idea]]\nid = "idea-u"\ntext = "Go"\ntags = ["free"]\n', "idea idea-u: audience"),
        ('[[idea]]\nid = "nope"\ntext = "Go"\ntags = ["free"]\naudience = ["couple"]\n', "id"),
    ],
)
def test_a_wrong_idea_is_named_with_what_is_wrong(tmp_path: Path, extra: str, named: str) -> None:
    with pytest.raises(PackError) as error:
        load_ideas(write(tmp_path / "ideas", EVERY_TAG + extra))
    assert named in str(error.value)


def test_each_kind_of_pair_needs_an_idea_with_every_tag(tmp_path: Path) -> None:
    couples_only = EVERY_TAG.replace('"couple", "friends"', '"couple"', 1)
    with pytest.raises(PackError, match="no at_home idea for friends pairs"):
        load_ideas(write(tmp_path / "ideas", couples_only))


def test_a_missing_folder_or_other_tables_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no idea files"):
        load_ideas(tmp_path / "nowhere")
    with pytest.raises(PackError, match="nothing else"):
        load_ideas(write(tmp_path / "ideas", '[pack]\nid = "x"\n' + EVERY_TAG))


def test_no_idea_comes_twice_until_the_pool_is_used_up() -> None:
    pool = load_ideas(SHIPPED).for_pair(PairKind.FRIENDS)
    offered: set[str] = set()
    for _ in pool:
        idea = choose_idea(pool, offered, seed=42)
        assert idea is not None and idea.id not in offered
        offered.add(idea.id)
    assert choose_idea(pool, offered, seed=42) is None


def test_how_was_it_comes_the_next_local_evening_at_the_reminder_time_or_seven() -> None:
    lisbon, tokyo = ZoneInfo("Europe/Lisbon"), ZoneInfo("Asia/Tokyo")
    accepted = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # already the 25th in Tokyo
    assert ask_how_it_went_at(accepted, lisbon, time(21, 0)) == datetime(
        2026, 11, 25, 21, 0, tzinfo=UTC
    )
    assert ask_how_it_went_at(accepted, tokyo, None) == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
