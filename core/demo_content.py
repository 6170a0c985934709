"""The demo workspace's content (`data/demo.yaml`), validated: the fictional program's profile and answers.

Apart from `core.demo`, which builds the demo from it, so that the store (which refuses the demo's name for
any other workspace) can read the name without importing the builder, which imports the store.
"""

from __future__ import annotations

from typing import Any

from core.content import ContentModel, content_file, load


class DemoText(ContentModel):
    section: str
    prompt: str
    text: str


class DemoValue(ContentModel):
    section: str
    key: str
    value: Any


class DemoRecord(ContentModel):
    kind: str
    data: dict


class DemoProfile(ContentModel):
    name: str
    state: str
    org_type: str
    populations: list[str]


@content_file("demo.yaml")
class DemoContent(ContentModel):
    profile: DemoProfile
    texts: list[DemoText] = []
    values: list[DemoValue] = []
    records: list[DemoRecord] = []
    steps: dict[str, Any] = {}


def demo_name() -> str:
    return load(DemoContent).profile.name
