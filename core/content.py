"""Loading the workbook's content from `data/`, validated once.

Each data file has a pydantic model, registered with `@content_file("name.yaml")`
next to the code that uses it. `load(Model)` reads, validates and caches the
file; `validate_all()` loads every registered file so that a broken data file
stops the app at start with a message naming the file and the field, instead
of failing on the page that happens to use it.

The app's own prose in a data file names a step as `{step:services}`; it is read as "Step 3" (or "Stage 2"),
from `data/steps.yaml`, so a step that moves is renamed everywhere. Quotes from the sources keep their words.

This module reads files only; it never writes and never imports streamlit.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core import registrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

M = TypeVar("M", bound=BaseModel)
_REGISTRY: dict[str, type[BaseModel]] = {}


class ContentError(RuntimeError):
    """A data file is missing, is not valid YAML, or does not match its model."""


class ContentModel(BaseModel):
    """Base of every content model: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(ContentModel):
    """One choice of a content list: a stable slug id and the label people see."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


def content_file(filename: str):
    """Class decorator: `Model` is the schema of `data/<filename>`."""

    def register(model: type[M]) -> type[M]:
        if filename in _REGISTRY and _REGISTRY[filename] is not model:
            raise ContentError(
                f"data/{filename} is registered twice ({_REGISTRY[filename].__name__}, {model.__name__})."
            )
        _REGISTRY[filename] = model
        model.__content_file__ = filename  # type: ignore[attr-defined]
        return model

    return register


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors()[:10]:
        where = ".".join(str(p) for p in item["loc"]) or "(top level)"
        lines.append(f"  - {where}: {item['msg']}")
    more = len(error.errors()) - 10
    if more > 0:
        lines.append(f"  - ... and {more} more")
    return "\n".join(lines)


STEP_REF = re.compile(r"\{step:([a-z0-9_]+)\}")


def _step_refs(raw, path: Path):
    """`raw` with every `{step:<id>}` in its strings replaced by how prose names that step ("Step 3")."""
    if isinstance(raw, str):
        return STEP_REF.sub(lambda m: _step_ref(m.group(1), path), raw)
    if isinstance(raw, list):
        return [_step_refs(v, path) for v in raw]
    if isinstance(raw, dict):
        return {k: _step_refs(v, path) for k, v in raw.items()}
    return raw


def _step_ref(step_id: str, path: Path) -> str:
    journey = load(_REGISTRY["steps.yaml"])  # the journey's model, registered by core.steps (no import loop)
    for step in journey.steps:  # type: ignore[attr-defined]
        if step.id == step_id:
            return step.ref
    raise ContentError(f"Content file {path} names {{step:{step_id}}}, but data/steps.yaml has no step {step_id!r}.")


def parse_file(path: Path, model: type[M]) -> M:
    """Read `path` as YAML and validate it as `model`; errors name the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
        if "{step:" in text:
            raw = _step_refs(raw, path)
    except FileNotFoundError as exc:
        raise ContentError(f"Content file {path} is missing.") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"Content file {path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(f"Content file {path} does not match {model.__name__}:\n{_describe(exc)}") from exc


@cache
def load(model: type[M]) -> M:
    """The validated content of the data file registered for `model` (read once per process)."""
    filename = getattr(model, "__content_file__", None)
    if filename is None:
        raise ContentError(f"{model.__name__} is not registered with @content_file.")
    return parse_file(DATA_DIR / filename, model)


@cache
def registered_files() -> dict[str, type[BaseModel]]:
    registrations.load_all()
    return dict(_REGISTRY)


def validate_all() -> list[str]:
    """Load every registered data file; raise ContentError on the first broken one."""
    files = registered_files()
    for model in files.values():
        load(model)
    return sorted(files)
