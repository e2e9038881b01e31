"""check-packs: every error at once, placeholders, writing rules and prompts alike in meaning."""

import re
from pathlib import Path

import pytest

from bot.domain.prompts import Consent, Library, Pack, PairKind, Prompt, PromptKind
from bot.packs import (
    ALLOW_LIST,
    PackError,
    audit_library,
    bad_placeholders,
    load_library,
    load_pack,
    similar_meanings,
    text_problems,
)

BOTH = frozenset(PairKind)


def prompt(prompt_id: str, text: str, kind: PromptKind = PromptKind.QUESTION) -> Prompt:
    return Prompt(prompt_id, "test", text, kind, 1, ("friendship",), BOTH)


def entry(prompt_id: str, text: str, kind: str = "question") -> str:
    return (
        f'\n[[prompt]]\nid = "{prompt_id}"\ntext = "{text}"\nkind = "{kind}"\ndepth = 1\n'
        'themes = ["friendship"]\naudience = ["couple", "friends"]\n'
    )


HEADER = '[pack]\nid = "test"\nname = "Test"\n'


def test_two_paraphrases_are_caught_and_two_different_questions_are_not() -> None:
    prompts = [
        prompt(
            "t-1", "What's a small worry you'd like me to simply hear, without trying to fix it?"
        ),
        prompt("t-2", "Which little worry would you like me to just hear, without fixing it?"),
        prompt("t-3", "Which snack did you beg for at the shop as a kid?"),
        prompt("t-4", "What does a properly restful day off look like for you?"),
        prompt("t-5", "Which place have you always wanted to see with your own eyes?"),
        prompt("t-6", "What's the strangest task you were ever given at a job?"),
    ]
    found = similar_meanings(prompts)
    assert [(a, b) for a, b, _ in found] == [("t-1", "t-2")]
    assert found[0][2] >= 0.5


def test_one_shared_word_is_not_enough() -> None:
    prompts = [
        prompt("t-1", "Which meal made you glad?"),
        prompt("t-2", "Which 'no' are you glad about?"),
        prompt("t-3", "What does a properly restful day off look like for you?"),
    ]
    assert similar_meanings(prompts) == []


def test_a_new_pair_fails_check_packs_unless_the_allow_list_has_it(tmp_path: Path) -> None:
    (tmp_path / "test.toml").write_text(
        HEADER
        + entry("test-001", "What's a small worry you'd like me to simply hear, without fixing it?")
        + entry("test-002", "Which little worry would you like me to just hear, without fixing it?")
        + entry("test-003", "What did {partner} do lately that you loved?", "appreciation")
        + entry("test-004", "What was the best part of your week?", "reflection"),
        encoding="utf-8",
    )
    library = load_library(tmp_path)
    _, problems = audit_library(library, tmp_path)
    assert any("test-001 and test-002 ask much the same thing" in p for p in problems)
    (tmp_path / ALLOW_LIST).write_text(
        '[[pair]]\nids = ["test-002", "test-001"]\nreason = "kept on purpose for the test"\n',
        encoding="utf-8",
    )
    report, problems = audit_library(load_library(tmp_path), tmp_path)
    assert problems == []
    assert "1 of them allowed" in report


def test_the_allow_list_needs_real_ids_and_a_reason(tmp_path: Path) -> None:
    (tmp_path / "test.toml").write_text(
        HEADER + entry("test-001", "What was the best part of your week?"), encoding="utf-8"
    )
    (tmp_path / ALLOW_LIST).write_text(
        '[[pair]]\nids = ["test-001", "test-009"]\nreason = ""\n', encoding="utf-8"
    )
    _, problems = audit_library(load_library(tmp_path), tmp_path)
    assert any("give a one-line reason" in p for p in problems)
    assert any("no such prompt" in p for p in problems)


@pytest.mark.parametrize("typo", ["{Partner}", "{partner", "partner}", "{name}", "{ partner }"])
def test_any_brace_but_exactly_partner_is_named(typo: str) -> None:
    assert bad_placeholders(f"What did {typo} say?")
    assert bad_placeholders("What did {partner} say to {partner}?") == []


def test_every_error_in_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "test.toml"
    path.write_text(
        HEADER
        + entry("test-001", "What did {Partner} do lately?")
        + entry("test-002", "What was good?", "poem")
        + entry("test-003", "Fine question?")
        + entry("test-004", "Where did {name} go?")
        + entry("test-003", "Same id twice?"),
        encoding="utf-8",
    )
    with pytest.raises(PackError) as caught:
        load_pack(path)
    message = str(caught.value)
    assert "prompt test-001: text:" in message and "{Partner}" in message
    assert "prompt test-002: kind:" in message
    assert "prompt test-004: text:" in message and "{name}" in message
    assert "id is used twice" in message
    assert "test-003: text" not in message
    assert len(message.splitlines()) == 4


def test_every_file_is_checked_before_giving_up(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEADER + entry("a-001", "Hi {name}?"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        HEADER.replace('"test"', '"b"') + entry("b-001", "Hi {partner?"), encoding="utf-8"
    )
    with pytest.raises(PackError) as caught:
        load_library(tmp_path)
    assert "a.toml" in str(caught.value) and "b.toml" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("What made you laugh? And why?", "2 question marks"),
        ("Tell me about your day.", "0 question marks"),
        ("What would you like to cook in our kitchen?", "'our kitchen'"),
        ("What's on your mind this morning?", "'this morning'"),
        ("What would your wife say?", "'wife'"),
        ("What did {partner} do that I loved?", "third person"),
    ],
)
def test_writing_rules(text: str, complaint: str) -> None:
    problems = text_problems(prompt("t-1", text))
    assert any(complaint in p for p in problems), problems


def test_a_good_prompt_has_no_problems() -> None:
    assert text_problems(prompt("t-1", "What did {partner} do lately that you loved?")) == []
    assert text_problems(prompt("t-2", "What would you like me to ask you about?")) == []


def test_the_real_library_passes_every_check() -> None:
    folder = Path(__file__).resolve().parents[2] / "prompt_packs"
    _, problems = audit_library(load_library(folder), folder)
    assert problems == []


def test_a_deleted_prompt_id_reads_as_none() -> None:
    library = Library((Pack("p", "P", "", False, (prompt("p-001", "Which?"),)),))
    assert library.prompt("play-011") is None


def test_consent_is_either_unless_a_pack_says_both(tmp_path: Path) -> None:
    path = tmp_path / "test.toml"
    path.write_text(HEADER + entry("test-001", "Hi?"), encoding="utf-8")
    assert load_pack(path).consent == Consent.EITHER
    path.write_text(
        HEADER + 'opt_in = true\nconsent = "both"\n' + entry("test-001", "Hi?"), encoding="utf-8"
    )
    assert load_pack(path).consent == Consent.BOTH


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ('opt_in = true\nconsent = "all"\n', "test.toml: [pack]: consent: "),
        ('consent = "both"\n', 'consent = "both" needs opt_in = true'),
    ],
)
def test_a_wrong_consent_is_named(tmp_path: Path, fields: str, complaint: str) -> None:
    path = tmp_path / "test.toml"
    path.write_text(HEADER + fields + entry("test-001", "Hi?"), encoding="utf-8")
    with pytest.raises(PackError, match=re.escape(complaint)):
        load_pack(path)


def test_closer_needs_both_partners_and_is_for_couples_only() -> None:
    library = load_library(Path(__file__).resolve().parents[2] / "prompt_packs")
    closer = library.pack("closer")
    assert closer is not None and closer.opt_in and closer.consent == Consent.BOTH
    assert closer.couples_only and not closer.offered_to(PairKind.FRIENDS)
    everyday = library.pack("everyday")
    assert everyday is not None and everyday.consent == Consent.EITHER
    assert everyday.offered_to(PairKind.FRIENDS)


def test_a_both_partners_pack_is_on_only_when_both_agreed_whatever_the_pair_choices() -> None:
    closer = Pack("closer", "Closer", "", True, (prompt("closer-001", "Which?"),), Consent.BOTH)
    extra = Pack("extra", "Extra", "", True, (prompt("extra-001", "What?"),))
    everyday = Pack("everyday", "Everyday", "", False, (prompt("everyday-001", "Who?"),))
    library = Library((closer, extra, everyday))
    assert library.enabled({}) == {"everyday"}
    assert library.enabled({"closer": True, "extra": True}) == {"everyday", "extra"}
    assert library.enabled({"closer": False}, frozenset({"closer"})) == {"everyday", "closer"}


def guess_entry(prompt_id: str, options: str | None, kind: str = "guess") -> str:
    lines = entry(prompt_id, "Which season feels most like you?", kind)
    return lines + (f"options = {options}\n" if options is not None else "")


@pytest.mark.parametrize(
    ("options", "kind", "complaint"),
    [
        ('["Spring"]', "guess", "give 2 to 4 options, not 1"),
        ('["A", "B", "C", "D", "E"]', "guess", "give 2 to 4 options, not 5"),
        ('["Spring", "spring"]', "guess", "options repeat"),
        ('["Spring", " "]', "guess", "an option is empty"),
        (f'["Spring", "{"x" * 31}"]', "guess", "a button fits 30"),
        (None, "guess", "a guess prompt needs options"),
        ('["Spring", "Summer"]', "question", 'only a prompt with kind = "guess" has options'),
    ],
)
def test_guess_options_are_checked_and_named(
    tmp_path: Path, options: str | None, kind: str, complaint: str
) -> None:
    path = tmp_path / "test.toml"
    path.write_text(HEADER + guess_entry("test-001", options, kind), encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert "test.toml: prompt test-001" in str(error.value)
    assert complaint in str(error.value)


def test_a_guess_prompt_keeps_its_options_in_order(tmp_path: Path) -> None:
    path = tmp_path / "test.toml"
    options = '["Spring", "Summer", "Autumn", "Winter"]'
    path.write_text(HEADER + guess_entry("test-001", options), encoding="utf-8")
    (loaded,) = load_pack(path).prompts
    assert loaded.kind == PromptKind.GUESS
    assert loaded.options == ("Spring", "Summer", "Autumn", "Winter")


def test_the_guess_pack_has_at_least_150_prompts_for_both_kinds_of_pair() -> None:
    library = load_library(Path(__file__).resolve().parents[2] / "prompt_packs")
    guess = library.pack("guess")
    assert guess is not None and not guess.opt_in
    assert len(guess.prompts) >= 150
    assert all(p.kind == PromptKind.GUESS and 2 <= len(p.options) <= 4 for p in guess.prompts)
    for kind in PairKind:
        assert sum(1 for p in guess.prompts if kind in p.audience) >= 100
    others = [p for p in library.prompts() if p.pack != "guess"]
    assert all(p.options == () for p in others)
