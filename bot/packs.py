"""Loading and validating prompt_packs/*.toml."""

import difflib
import tomllib
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain.prompts import (
    MAX_PROMPT_LENGTH,
    THEMES,
    Library,
    Pack,
    PairKind,
    Prompt,
    PromptKind,
)

# Texts at least this similar (difflib ratio after normalising) count as the same prompt.
NEAR_DUPLICATE = 0.85


class PackError(Exception):
    """A pack file that cannot be used; the message names the file and the entry."""


class _PromptModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+-[a-z0-9_-]+$", max_length=48)
    text: str = Field(min_length=1, max_length=MAX_PROMPT_LENGTH)
    kind: Literal["question", "appreciation", "reflection"]
    depth: int = Field(ge=1, le=3)
    themes: list[str] = Field(min_length=1, max_length=3)
    audience: list[Literal["couple", "friends"]] = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
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


def _entry_name(data: dict[str, object], loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "prompt" and isinstance(loc[1], int):
        prompts = data.get("prompt")
        if (
            isinstance(prompts, list)
            and loc[1] < len(prompts)
            and isinstance(prompts[loc[1]], dict)
        ):
            return f"prompt {prompts[loc[1]].get('id', f'#{loc[1] + 1}')}"
        return f"prompt #{loc[1] + 1}"
    return ".".join(str(part) for part in loc)


def load_pack(path: Path) -> Pack:
    """One pack file, validated; PackError names the file and the entry that is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path.name}: {exc}") from exc
    try:
        info = _PackInfo.model_validate(data.get("pack"))
    except ValidationError as exc:
        raise PackError(f"{path.name}: [pack]: {exc.errors()[0]['msg']}") from exc
    raw_prompts = data.get("prompt")
    if not isinstance(raw_prompts, list) or not raw_prompts:
        raise PackError(f"{path.name}: no [[prompt]] entries")
    prompts: list[Prompt] = []
    for index, raw in enumerate(raw_prompts):
        try:
            model = _PromptModel.model_validate(raw)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = _entry_name(data, ("prompt", index))
            field = ".".join(str(part) for part in error["loc"])
            raise PackError(f"{path.name}: {where}: {field}: {error['msg']}") from exc
        prompts.append(
            Prompt(
                id=model.id,
                pack=info.id,
                text=model.text,
                kind=PromptKind(model.kind),
                depth=model.depth,
                themes=tuple(model.themes),
                audience=frozenset(PairKind(a) for a in model.audience),
            )
        )
    return Pack(info.id, info.name, info.description, info.opt_in, tuple(prompts))


def load_library(folder: Path) -> Library:
    """Every pack in `folder`, with ids unique across packs and prompts."""
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise PackError(f"{folder}: no prompt packs (*.toml) found")
    packs = [load_pack(path) for path in files]
    seen_packs: dict[str, str] = {}
    seen_prompts: dict[str, str] = {}
    for path, pack in zip(files, packs, strict=True):
        if pack.id in seen_packs:
            raise PackError(
                f"{path.name}: pack id {pack.id!r} is also used by {seen_packs[pack.id]}"
            )
        seen_packs[pack.id] = path.name
        for prompt in pack.prompts:
            if prompt.id in seen_prompts:
                raise PackError(
                    f"{path.name}: prompt {prompt.id}: id is also used in {seen_prompts[prompt.id]}"
                )
            seen_prompts[prompt.id] = path.name
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


def audit_library(library: Library) -> tuple[str, list[str]]:
    """A table of counts per pack, kind, depth, audience and theme; and what is wrong."""
    prompts = [p for pack in library.packs for p in pack.prompts]
    lines = [
        f"{len(prompts)} prompts in {len(library.packs)} packs",
        "",
        "pack            prompts  opt-in",
    ]
    lines += [
        f"{pack.id:<16}{len(pack.prompts):>7}  {'yes' if pack.opt_in else ''}"
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
    for pair_kind in PairKind:
        for kind in PromptKind:
            if not any(pair_kind in p.audience and p.kind == kind for p in prompts):
                problems.append(f"no {kind.value} prompt for {pair_kind.value} pairs")
    return "\n".join(lines), problems
