"""Loading and validating prompt_packs/*.toml."""

import difflib
import math
import re
import tomllib
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.domain.prompts import (
    MAX_OPTION_LENGTH,
    MAX_OPTIONS,
    MAX_PROMPT_LENGTH,
    MIN_OPTIONS,
    THEMES,
    Consent,
    Library,
    Pack,
    PairKind,
    Prompt,
    PromptKind,
)

# Texts at least this similar (difflib ratio after normalising) count as the same prompt.
NEAR_DUPLICATE = 0.85
# Prompts whose content words are at least this alike (TF-IDF cosine) ask the same thing in
# other words, unless prompt_packs/similar_ok.toml says they are alike on purpose.
SAME_MEANING = 0.5
ALLOW_LIST = "similar_ok.toml"
PLACEHOLDER = "{partner}"
# Kinds every audience needs; a day due a guess round without a guess prompt gets a question.
REQUIRED_KINDS = (PromptKind.QUESTION, PromptKind.APPRECIATION, PromptKind.REFLECTION)


class PackError(Exception):
    """A pack file that cannot be used; the message names the file and the entry."""


class _PromptModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+-[a-z0-9_-]+$", max_length=48)
    text: str = Field(min_length=1, max_length=MAX_PROMPT_LENGTH)
    kind: Literal["question", "appreciation", "reflection", "guess"]
    depth: int = Field(ge=1, le=3)
    themes: list[str] = Field(min_length=1, max_length=3)
    audience: list[Literal["couple", "friends"]] = Field(min_length=1)
    options: list[str] | None = None

    @field_validator("options")
    @classmethod
    def _fitting_options(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        value = [option.strip() for option in value]
        if not MIN_OPTIONS <= len(value) <= MAX_OPTIONS:
            raise ValueError(f"give {MIN_OPTIONS} to {MAX_OPTIONS} options, not {len(value)}")
        for option in value:
            if not option:
                raise ValueError("an option is empty")
            if len(option) > MAX_OPTION_LENGTH:
                raise ValueError(
                    f"{option!r} is {len(option)} characters; a button fits {MAX_OPTION_LENGTH}"
                )
        if len({option.lower() for option in value}) != len(value):
            raise ValueError("options repeat")
        return value

    @model_validator(mode="after")
    def _options_only_on_guesses(self) -> "_PromptModel":
        if self.kind == "guess" and self.options is None:
            raise ValueError('a guess prompt needs options = ["...", "..."]')
        if self.kind != "guess" and self.options is not None:
            raise ValueError('only a prompt with kind = "guess" has options')
        return self

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        stray = bad_placeholders(value)
        if stray:
            raise ValueError(
                f"{', '.join(repr(s) for s in stray)}: the only placeholder is {PLACEHOLDER}"
            )
        return value.strip()

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        unknown = [theme for theme in value if theme not in THEMES]
        if unknown:
            raise ValueError(f"unknown theme(s) {', '.join(unknown)}")
        return value


class _PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=24)
    name: str = Field(min_length=1, max_length=40)
    description: str = ""
    opt_in: bool = False
    # "both": each partner turns it on for themselves, and it is on once both have.
    consent: Literal["either", "both"] = "either"


def _entry_name(data: dict[str, object], index: int) -> str:
    prompts = data.get("prompt")
    if isinstance(prompts, list) and index < len(prompts) and isinstance(prompts[index], dict):
        return f"prompt {prompts[index].get('id', f'#{index + 1}')}"
    return f"prompt #{index + 1}"


def bad_placeholders(text: str) -> list[str]:
    """Every brace in `text` that is not part of exactly `{partner}`: `{Partner}`, `{name}`..."""
    rest = text.replace(PLACEHOLDER, "")
    return re.findall(r"\{[^{}]*\}?|\}", rest)


def _pack_errors(path: Path) -> tuple[Pack | None, list[str]]:
    """One pack file and every error in it (not just the first), each naming its entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [f"{path.name}: {exc}"]
    errors: list[str] = []
    info: _PackInfo | None = None
    try:
        info = _PackInfo.model_validate(data.get("pack"))
    except ValidationError as exc:
        errors += [f"{path.name}: [pack]: {_field(e['loc'])}{e['msg']}" for e in exc.errors()]
    raw_prompts = data.get("prompt")
    if not isinstance(raw_prompts, list) or not raw_prompts:
        return None, [*errors, f"{path.name}: no [[prompt]] entries"]
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_prompts):
        where = f"{path.name}: {_entry_name(data, index)}"
        try:
            model = _PromptModel.model_validate(raw)
        except ValidationError as exc:
            errors += [f"{where}: {_field(e['loc'])}{e['msg']}" for e in exc.errors()]
            continue
        if model.id in seen:
            errors.append(f"{where}: id is used twice in this file")
        seen.add(model.id)
        prompts.append(
            Prompt(
                id=model.id,
                pack=info.id if info else path.stem,
                text=model.text,
                kind=PromptKind(model.kind),
                depth=model.depth,
                themes=tuple(model.themes),
                audience=frozenset(PairKind(a) for a in model.audience),
                options=tuple(model.options or ()),
            )
        )
    if info is None or errors:
        return None, errors
    if info.consent == "both" and not info.opt_in:
        return None, [f'{path.name}: [pack]: consent = "both" needs opt_in = true']
    pack = Pack(
        info.id, info.name, info.description, info.opt_in, tuple(prompts), Consent(info.consent)
    )
    return pack, []


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) + ": " if loc else ""


def load_pack(path: Path) -> Pack:
    """One pack file, validated; PackError names the file and every entry that is wrong."""
    pack, errors = _pack_errors(path)
    if pack is None:
        raise PackError("\n".join(errors))
    return pack


def load_library(folder: Path) -> Library:
    """Every pack in `folder`, with ids unique across packs and prompts; every error at once."""
    files = sorted(folder.glob("*.toml"))
    files = [path for path in files if path.name != ALLOW_LIST]
    if not files:
        raise PackError(f"{folder}: no prompt packs (*.toml) found")
    errors: list[str] = []
    packs: list[Pack] = []
    seen_packs: dict[str, str] = {}
    seen_prompts: dict[str, str] = {}
    for path in files:
        pack, found = _pack_errors(path)
        errors += found
        if pack is None:
            continue
        if pack.id in seen_packs:
            errors.append(f"{path.name}: pack id {pack.id!r} is also used by {seen_packs[pack.id]}")
        seen_packs[pack.id] = path.name
        for prompt in pack.prompts:
            if prompt.id in seen_prompts and seen_prompts[prompt.id] != path.name:
                errors.append(
                    f"{path.name}: prompt {prompt.id}: id is also used in {seen_prompts[prompt.id]}"
                )
            seen_prompts[prompt.id] = path.name
        packs.append(pack)
    if errors:
        raise PackError("\n".join(errors))
    library = Library(tuple(packs))
    for kind in PairKind:
        if not any(kind in p.audience for p in library.prompts()):
            raise PackError(f"{folder}: no prompt on by default is meant for {kind} pairs")
    return library


def _normalise(text: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(kept.replace("{partner}", "partner").split())


def near_duplicates(
    library: Library, threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str, float]]:
    """Pairs of prompts whose normalised texts are at least `threshold` similar."""
    entries = [(p.id, _normalise(p.text)) for pack in library.packs for p in pack.prompts]
    found: list[tuple[str, str, float]] = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for i, (id_b, text_b) in enumerate(entries):
        matcher.set_seq2(text_b)
        for id_a, text_a in entries[:i]:
            matcher.set_seq1(text_a)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                found.append((id_a, id_b, ratio))
    return found


# Words that say nothing about what a prompt asks: function words, question words, and the
# verbs and fillers every prompt uses.
_STOP_TEXT = """
    a about after again all almost also always am an and any anyone anything are around as at
    be because been before being best big bit both but by can could did do does doing done
    down during each even ever every few for from get gets got had has have having how however
    i if in into is it its just least less let like little lot lately make makes many may me
    might more most much my never new next no not now of off on once one only or other our ours
    out over own part partner quite rather really recently right said say says see so some
    someone something still such than that the their them themselves then there these they
    thing things this those though through to too two up us very want was way we were what
    whatever when where whether which while who whom whose why will with without would yet you
    your yours yourself week weeks seven past last
    s d ll ve re m t don didn won isn
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "ly", "s")


def content_words(text: str) -> list[str]:
    """The words of a prompt that carry its meaning, lowercased and roughly stemmed."""
    words = re.findall(r"[a-z]+", text.lower().replace(PLACEHOLDER, " "))
    return [_fold(word) for word in words if word not in STOP_WORDS and len(word) > 2]


def _fold(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def similar_meanings(
    prompts: list[Prompt], threshold: float = SAME_MEANING
) -> list[tuple[str, str, float]]:
    """Pairs of prompts at least `threshold` alike that share two or more content words.

    TF-IDF cosine: each prompt is a vector of its content words, weighted by how rare each
    word is across the library, so two prompts score high when they share unusual words.
    """
    bags = [Counter(content_words(p.text)) for p in prompts]
    frequency = Counter(word for bag in bags for word in bag)
    count = len(prompts)
    vectors: list[dict[str, float]] = []
    for bag in bags:
        weights = {w: n * (math.log((1 + count) / (1 + frequency[w])) + 1) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items()})
    index: dict[str, list[int]] = {}
    for i, vector in enumerate(vectors):
        for word in vector:
            index.setdefault(word, []).append(i)
    scores: dict[tuple[int, int], float] = {}
    shared: Counter[tuple[int, int]] = Counter()
    for word, holders in index.items():
        for i, j in combinations(holders, 2):
            scores[i, j] = scores.get((i, j), 0.0) + vectors[i][word] * vectors[j][word]
            shared[i, j] += 1
    # One shared word is a topic, not a question: two short prompts that both say "glad".
    return sorted(
        (
            (prompts[i].id, prompts[j].id, score)
            for (i, j), score in scores.items()
            if score >= threshold and shared[i, j] >= 2
        ),
        key=lambda found: -found[2],
    )


def load_allowed(folder: Path) -> tuple[set[frozenset[str]], list[str]]:
    """The id pairs that are alike on purpose, each with its reason; and what is wrong there."""
    path = folder / ALLOW_LIST
    if not path.exists():
        return set(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return set(), [f"{ALLOW_LIST}: {exc}"]
    allowed: set[frozenset[str]] = set()
    problems: list[str] = []
    for number, entry in enumerate(data.get("pair", []), start=1):
        ids = entry.get("ids") if isinstance(entry, dict) else None
        reason = entry.get("reason") if isinstance(entry, dict) else None
        if (
            not isinstance(ids, list)
            or len(set(ids)) != 2
            or not all(isinstance(i, str) for i in ids)
        ):
            problems.append(f"{ALLOW_LIST}: pair #{number}: ids must be two different prompt ids")
            continue
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"{ALLOW_LIST}: pair #{number} {ids}: give a one-line reason")
        allowed.add(frozenset(ids))
    return allowed, problems


# Words that assume marriage, gender, children, a shared home or town, or the hour a prompt
# arrives (it comes at each pair's own time). Couples may live apart too, so no prompt says them.
ASSUMPTIONS = re.compile(
    r"\b(husband|wife|spouse|boyfriend|girlfriend|married|marriage|wedding|"
    r"he|she|him|her|his|hers|our (kids|children|baby|home|house|flat|flatmate|place|"
    r"kitchen|bed|bedroom|sofa|couch|fridge|street|town|city|neighbourhood)|"
    r"(our|your) (kids|children)|"
    r"living together|live together|moved? in together|come home|get home|at home together|"
    r"nearby|this morning|tonight|this evening)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself|i'm|i'd|i've|i'll)\b", re.IGNORECASE)


def text_problems(prompt: Prompt) -> list[str]:
    """The writing rules of the README that a reader can check by eye, checked here."""
    problems = []
    marks = prompt.text.count("?")
    if marks != 1:
        problems.append(f"{prompt.id}: has {marks} question marks; ask exactly one question")
    found = ASSUMPTIONS.search(prompt.text)
    if found:
        problems.append(
            f"{prompt.id}: {found.group(0)!r} assumes a shared home or town, a time of day, "
            "a gender, marriage or children; reword it so it works for every pair"
        )
    if PLACEHOLDER in prompt.text and FIRST_PERSON.search(prompt.text):
        problems.append(
            f"{prompt.id}: says both {PLACEHOLDER} and I/me; with {PLACEHOLDER}, "
            "speak of the partner in the third person"
        )
    return problems


def audit_library(library: Library, folder: Path | None = None) -> tuple[str, list[str]]:
    """A table of counts per pack, kind, depth, audience and theme; and what is wrong."""
    prompts = [p for pack in library.packs for p in pack.prompts]
    lines = [
        f"{len(prompts)} prompts in {len(library.packs)} packs",
        "",
        "pack            prompts  opt-in  couple  friends",
    ]
    lines += [
        f"{pack.id:<16}{len(pack.prompts):>7}  "
        f"{('both' if pack.consent == Consent.BOTH else 'yes') if pack.opt_in else '':<6}"
        f"{sum(1 for p in pack.prompts if PairKind.COUPLE in p.audience):>8}"
        f"{sum(1 for p in pack.prompts if PairKind.FRIENDS in p.audience):>9}"
        for pack in library.packs
    ]
    kinds = Counter(p.kind.value for p in prompts)
    depths = Counter(p.depth for p in prompts)
    audience = {kind: sum(1 for p in prompts if kind in p.audience) for kind in PairKind}
    themes = Counter(theme for p in prompts for theme in p.themes)
    lines += ["", "kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))]
    lines += [
        "depth: "
        + ", ".join(
            f"{d}: {depths[d]} ({depths[d] * 100 // max(len(prompts), 1)}%)" for d in (1, 2, 3)
        )
    ]
    lines += ["usable by: " + ", ".join(f"{k.value} {v}" for k, v in audience.items())]
    lines += ["", "theme                    prompts"]
    lines += [f"{theme:<25}{themes[theme]:>7}" for theme in THEMES]
    problems = [
        f"{a} and {b} are near-duplicates ({ratio:.2f})" for a, b, ratio in near_duplicates(library)
    ]
    allowed: set[frozenset[str]] = set()
    if folder is not None:
        allowed, listed = load_allowed(folder)
        problems += listed
        ids = {p.id for p in prompts}
        problems += [
            f"{ALLOW_LIST}: {' and '.join(sorted(pair))}: no such prompt"
            for pair in allowed
            if not pair <= ids
        ]
    alike = similar_meanings(prompts)
    lines += [
        "",
        f"alike in meaning (TF-IDF >= {SAME_MEANING}): {len(alike)} pairs, "
        f"{sum(1 for a, b, _ in alike if frozenset((a, b)) in allowed)} of them "
        f"allowed in {ALLOW_LIST} ({len(allowed)} entries)",
    ]
    problems += [
        f"{a} and {b} ask much the same thing ({score:.2f}): reword one, merge them, "
        f"or list them in {ALLOW_LIST} with a reason"
        for a, b, score in alike
        if frozenset((a, b)) not in allowed
    ]
    for prompt in prompts:
        problems += text_problems(prompt)
    for pair_kind in PairKind:
        for kind in REQUIRED_KINDS:
            if not any(pair_kind in p.audience and p.kind == kind for p in prompts):
                problems.append(f"no {kind.value} prompt for {pair_kind.value} pairs")
    return "\n".join(lines), problems
