"""Loading and validating the ideas pack, prompt_packs/ideas/*.toml."""

import tomllib
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain.ideas import MAX_IDEA_LENGTH, Idea, IdeaBook, IdeaTag
from bot.domain.prompts import PairKind
from bot.packs import PackError

# The folder of idea files, inside the prompt packs folder.
IDEAS_FOLDER = "ideas"


class _IdeaModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^idea-[a-z0-9_-]+$", max_length=48)
    text: str = Field(min_length=1, max_length=MAX_IDEA_LENGTH)
    tags: list[IdeaTag] = Field(min_length=1)
    audience: list[Literal["couple", "friends"]] = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _words(cls, value: str) -> str:
        # Idea text is shown as it is: a brace would read as a placeholder that never fills.
        if not value.strip() or "{" in value or "}" in value:
            raise ValueError("text is empty or has a brace")
        return value.strip()


def _file_ideas(path: Path) -> tuple[list[Idea], list[str]]:
    """One file's ideas and every error in it, each naming its entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [], [f"{path.name}: {exc}"]
    raw = data.get("idea")
    if set(data) != {"idea"} or not isinstance(raw, list) or not raw:
        return [], [f"{path.name}: needs [[idea]] entries and nothing else"]
    ideas: list[Idea] = []
    errors: list[str] = []
    for index, entry in enumerate(raw):
        name = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        try:
            model = _IdeaModel.model_validate(entry)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                errors.append(f"{path.name}: idea {name}: {where}: {error['msg']}")
            continue
        tags = frozenset(model.tags)
        if IdeaTag.AT_HOME in tags and IdeaTag.OUT in tags:
            errors.append(f"{path.name}: idea {name}: at_home and out at once")
        audience = frozenset(PairKind(a) for a in model.audience)
        ideas.append(Idea(model.id, model.text, tags, audience))
    return ideas, errors


def load_ideas(folder: Path) -> IdeaBook:
    """Every idea in `folder`: ids and texts unique, and for each kind of pair at least one
    idea with each tag. PackError names every problem at once."""
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise PackError(f"{folder}: no idea files (*.toml) found")
    ideas: list[Idea] = []
    errors: list[str] = []
    for path in files:
        found, wrong = _file_ideas(path)
        ideas += found
        errors += wrong
    for what, values in (("id", [i.id for i in ideas]), ("text", [i.text for i in ideas])):
        errors += [f"idea {what} used twice: {v!r}" for v, n in Counter(values).items() if n > 1]
    for kind in PairKind:
        for tag in IdeaTag:
            if not any(kind in i.audience and tag in i.tags for i in ideas):
                errors.append(f"{folder}: no {tag} idea for {kind} pairs")
    if errors:
        raise PackError("\n".join(errors))
    return IdeaBook(tuple(ideas))


def describe(book: IdeaBook) -> str:
    """The counts check-packs prints."""
    per_kind = ", ".join(f"{kind} {len(book.for_pair(kind))}" for kind in PairKind)
    per_tag = ", ".join(f"{tag} {sum(tag in i.tags for i in book.ideas)}" for tag in IdeaTag)
    return f"Ideas: {len(book.ideas)} ({per_kind}; {per_tag})"
