"""What a user is asked to type: stored as a word, read back the same; junk reads as nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.awaiting import (
    Awaiting,
    AwaitingAppreciation,
    AwaitingFollowUp,
    AwaitingQuestion,
    AwaitingStory,
    AwaitingTime,
    AwaitingTimezone,
    decode,
    encode,
)

# Row ids fit SQLite's signed 64-bit integers; starters are small indexes.
ROW_ID = st.integers(min_value=1, max_value=10**18 - 1)
AWAITING: st.SearchStrategy[Awaiting] = st.one_of(
    st.just(AwaitingTime()),
    st.just(AwaitingTimezone()),
    st.just(AwaitingQuestion()),
    st.builds(AwaitingAppreciation, st.none() | st.integers(min_value=0, max_value=99)),
    st.builds(AwaitingFollowUp, ROW_ID),
    st.builds(AwaitingStory, ROW_ID),
)


@given(AWAITING)
def test_every_awaited_input_reads_back_as_it_was_stored(awaiting: Awaiting) -> None:
    assert decode(encode(awaiting)) == awaiting


@pytest.mark.parametrize(
    ("stored", "awaiting"),
    [
        ("time", AwaitingTime()),
        ("timezone", AwaitingTimezone()),
        ("appreciate", AwaitingAppreciation(None)),
        ("appreciate:2", AwaitingAppreciation(2)),
        ("ask", AwaitingQuestion()),
        ("reply:17", AwaitingFollowUp(17)),
        ("story:5", AwaitingStory(5)),
    ],
)
def test_words_already_in_the_database_keep_their_meaning(stored: str, awaiting: Awaiting) -> None:
    assert decode(stored) == awaiting
    assert encode(awaiting) == stored


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "answer",
        "TIME",
        " time",
        "time:1",
        "ask:",
        "appreciate:",
        "appreciate:x",
        "appreciate:-1",
        "appreciate:²",
        "reply",
        "reply:",
        "reply:abc",
        "reply:1:2",
        "reply:007",
        "reply:" + "9" * 30,
        "reply:١٢",
    ],
)
def test_a_word_that_was_never_written_is_read_as_nothing(stored: str) -> None:
    assert decode(stored) is None


def test_nothing_awaited_is_nothing() -> None:
    assert decode(None) is None


@given(st.text(max_size=40))
def test_any_other_text_reads_as_nothing_or_as_what_it_spells(stored: str) -> None:
    awaiting = decode(stored)
    assert awaiting is None or encode(awaiting) == stored
