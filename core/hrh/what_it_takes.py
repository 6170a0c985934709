"""Step 4, what it takes to get people to services: the three facilitator guides, the
conversations held with them, the notes taken per prompt, the segment timer, and the key insights.

- The guides come from `data/facilitator_guides.yaml` (each a 90-minute run of show; the segment
  minutes are checked to add up at load).
- A conversation is a record of kind `what_it_takes.conversation` (guide, date, who was in the
  room). Its notes are text answers with revisions in section `what_it_takes.<guide id>`, prompt
  `<conversation id>.<prompt id>`, so several conversations with one group never mix.
- The timer of a conversation is a value answer (section `what_it_takes.timer`, key = conversation
  id) holding the segment and when it started; time left is computed from the clock on every run,
  so it survives reloads and never needs a loop.

Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.store.models import utcnow
from core.text import clean_name

STEP = "what_it_takes"
CONVERSATION_KIND = "what_it_takes.conversation"
TIMER_SECTION = "what_it_takes.timer"
INSIGHTS_SECTION = "what_it_takes.insights"
SLUG = r"^[a-z0-9_]+$"


# ---------------------------------------------------------------- content


class GuidePrompt(ContentModel):
    id: str = Field(pattern=SLUG)
    text: str


class Segment(ContentModel):
    id: str = Field(pattern=SLUG)
    title: str
    minutes: int = Field(ge=1, le=90)
    prompts: list[GuidePrompt] = Field(min_length=1)


class Guide(ContentModel):
    id: str = Field(pattern=SLUG)
    group: str
    title: str
    audience: str
    preparation: list[str]
    opening: str
    segments: list[Segment] = Field(min_length=1)
    closing: str

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    @property
    def prompts(self) -> list[tuple[Segment, GuidePrompt]]:
        return [(segment, prompt) for segment in self.segments for prompt in segment.prompts]

    @model_validator(mode="after")
    def _unique_ids(self) -> Guide:
        for kind, ids in (("segment", [s.id for s in self.segments]), ("prompt", [p.id for _, p in self.prompts])):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                raise ValueError(f"guide {self.id}: {kind} ids are used twice: {', '.join(duplicates)}")
        return self


class Insight(ContentModel):
    id: str = Field(pattern=SLUG)
    label: str
    help: str


@content_file("facilitator_guides.yaml")
class FacilitatorGuides(ContentModel):
    workbook: list[Quote] = Field(min_length=1)
    about: str = Field(description="the app's own words: the guides are the app's writing")
    total_minutes: int = Field(ge=1)
    privacy_note: str
    insights: list[Insight]
    guides: list[Guide] = Field(min_length=3, max_length=3)

    @model_validator(mode="after")
    def _runs_of_show_fill_the_time(self) -> FacilitatorGuides:
        for guide in self.guides:
            if guide.minutes != self.total_minutes:
                raise ValueError(
                    f"guide {guide.id}: its segments add up to {guide.minutes} minutes, not {self.total_minutes}"
                )
        ids = [g.id for g in self.guides]
        if len(set(ids)) != len(ids):
            raise ValueError("guide ids must be unique")
        return self


def content() -> FacilitatorGuides:
    return load(FacilitatorGuides)


def guides() -> list[Guide]:
    return list(content().guides)


def guide(guide_id: str) -> Guide:
    for g in content().guides:
        if g.id == guide_id:
            return g
    raise KeyError(f"No facilitator guide {guide_id!r}.")


def insights() -> list[Insight]:
    return list(content().insights)


class ScheduledSegment(BaseModel):
    """A segment placed on the clock of the conversation: it runs from `start` to `end` minutes."""

    segment: Segment
    start: int
    end: int


def run_of_show(g: Guide) -> list[ScheduledSegment]:
    """Every segment with the minute it starts and ends (0 to 90)."""
    scheduled, clock = [], 0
    for segment in g.segments:
        scheduled.append(ScheduledSegment(segment=segment, start=clock, end=clock + segment.minutes))
        clock += segment.minutes
    return scheduled


# ---------------------------------------------------------------- conversations


class Conversation(BaseModel):
    """One conversation held with a guide's group: when, and who was in the room (no names)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    record_id: str | None = None
    guide_id: str
    held_on: dt.date
    group: str = Field(description="Who was in the room")

    @field_validator("guide_id")
    @classmethod
    def _known_guide(cls, value: str) -> str:
        if value not in {g.id for g in guides()}:
            raise UserError(f"{value!r} is not one of the facilitator guides.")
        return value

    @field_validator("group")
    @classmethod
    def _group(cls, value: str) -> str:
        return clean_name(value, field="Who was in the room", max_chars=200)

    @field_validator("held_on")
    @classmethod
    def _plausible_date(cls, value: dt.date) -> dt.date:
        if not dt.date(2000, 1, 1) <= value <= dt.date.today() + dt.timedelta(days=366):
            raise UserError("The date should be between 2000 and a year from now.")
        return value

    def data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"record_id"})


def add_conversation(store: Store, workspace_id: str, conversation: Conversation) -> Conversation:
    record = answers.add_record(store, workspace_id, CONVERSATION_KIND, conversation.data())
    return conversation.model_copy(update={"record_id": record.id})


def list_conversations(store: Store, workspace_id: str, guide_id: str | None = None) -> list[Conversation]:
    """Conversations in the order they were added, optionally only those of one guide."""
    rows = [
        Conversation.model_validate({**r.data, "record_id": r.id})
        for r in answers.list_records(store, workspace_id, CONVERSATION_KIND)
    ]
    return [c for c in rows if guide_id is None or c.guide_id == guide_id]


def notes_section(guide_id: str) -> str:
    return f"{STEP}.{guide_id}"


def note_prompt(conversation_id: str, prompt_id: str) -> str:
    return f"{conversation_id}.{prompt_id}"


def conversation_notes(store: Store, workspace_id: str, conversation: Conversation) -> dict[str, str]:
    """The notes of one conversation, by prompt id (empty notes left out)."""
    prefix = f"{conversation.record_id}."
    texts = answers.get_texts(store, workspace_id, notes_section(conversation.guide_id))
    return {key.removeprefix(prefix): text for key, text in texts.items() if key.startswith(prefix) and text.strip()}


# ---------------------------------------------------------------- timer


class TimerState(BaseModel):
    """Where a conversation is: its segment, and how long that segment has run.

    `elapsed` is the seconds run before the last start; while running, the time since
    `started_at` adds to it. Paused means `started_at` is None.
    """

    segment: int = Field(default=0, ge=0)
    started_at: dt.datetime | None = None
    elapsed: float = Field(default=0.0, ge=0)

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def seconds_run(self, now: dt.datetime) -> float:
        extra = (now - self.started_at).total_seconds() if self.started_at else 0.0
        return self.elapsed + max(0.0, extra)

    def started(self, now: dt.datetime) -> TimerState:
        return self if self.running else self.model_copy(update={"started_at": now})

    def paused(self, now: dt.datetime) -> TimerState:
        return self.model_copy(update={"started_at": None, "elapsed": self.seconds_run(now)})

    def moved_to(self, segment: int, segment_count: int, now: dt.datetime) -> TimerState:
        """Another segment, with its clock at zero; it keeps running if the timer was running."""
        segment = max(0, min(segment_count - 1, segment))
        return TimerState(segment=segment, started_at=now if self.running else None, elapsed=0.0)


class TimeLeft(BaseModel):
    segment: int
    allowed_seconds: int
    remaining_seconds: int  # negative when the segment runs over
    running: bool

    @property
    def over(self) -> bool:
        return self.remaining_seconds < 0

    @property
    def clock(self) -> str:
        """mm:ss left, or +mm:ss over time."""
        seconds = abs(self.remaining_seconds)
        return f"{'+' if self.over else ''}{seconds // 60:02d}:{seconds % 60:02d}"

    @property
    def label(self) -> str:
        """What the facilitator reads: "08:45 left", "(paused)", or how far over time the segment is."""
        if self.over:
            return f"Over time by {self.clock.lstrip('+')}: time to move on"
        return f"{self.clock} left" + ("" if self.running else " (paused)")

    @property
    def share_used(self) -> float:
        return min(1.0, max(0.0, 1 - self.remaining_seconds / self.allowed_seconds))


def time_left(state: TimerState, g: Guide, now: dt.datetime) -> TimeLeft:
    """The current segment's time left at `now` (whole seconds, rounded toward more time left)."""
    segment = min(state.segment, len(g.segments) - 1)
    allowed = g.segments[segment].minutes * 60
    remaining = allowed - int(state.seconds_run(now))
    return TimeLeft(segment=segment, allowed_seconds=allowed, remaining_seconds=remaining, running=state.running)


def get_timer(store: Store, workspace_id: str, conversation_id: str) -> TimerState:
    raw = answers.get_value(store, workspace_id, TIMER_SECTION, conversation_id)
    return TimerState.model_validate(raw) if raw else TimerState()


def save_timer(store: Store, workspace_id: str, conversation_id: str, state: TimerState) -> TimerState:
    answers.save_value(store, workspace_id, TIMER_SECTION, conversation_id, state.model_dump(mode="json"))
    return state


def start_timer(store: Store, workspace_id: str, conversation_id: str, now: dt.datetime | None = None) -> TimerState:
    state = get_timer(store, workspace_id, conversation_id).started(now or utcnow())
    return save_timer(store, workspace_id, conversation_id, state)


def pause_timer(store: Store, workspace_id: str, conversation_id: str, now: dt.datetime | None = None) -> TimerState:
    state = get_timer(store, workspace_id, conversation_id).paused(now or utcnow())
    return save_timer(store, workspace_id, conversation_id, state)


def go_to_segment(
    store: Store, workspace_id: str, conversation_id: str, g: Guide, segment: int, now: dt.datetime | None = None
) -> TimerState:
    state = get_timer(store, workspace_id, conversation_id).moved_to(segment, len(g.segments), now or utcnow())
    return save_timer(store, workspace_id, conversation_id, state)


# ---------------------------------------------------------------- summary and insights


class NoteLine(BaseModel):
    segment: str
    prompt: str
    text: str


class ConversationSummary(BaseModel):
    conversation: Conversation
    notes: list[NoteLine]


class GuideSummary(BaseModel):
    guide: Guide
    conversations: list[ConversationSummary]

    @property
    def note_count(self) -> int:
        return sum(len(c.notes) for c in self.conversations)


def guide_summaries(store: Store, workspace_id: str) -> list[GuideSummary]:
    """Every guide with its conversations and their non-empty notes, in run-of-show order."""
    conversations = list_conversations(store, workspace_id)
    result = []
    for g in guides():
        texts = answers.get_texts(store, workspace_id, notes_section(g.id))
        held = []
        for c in (c for c in conversations if c.guide_id == g.id):
            notes = [
                NoteLine(segment=segment.title, prompt=p.text, text=texts[key])
                for segment, p in g.prompts
                if (key := note_prompt(c.record_id, p.id)) in texts and texts[key].strip()
            ]
            held.append(ConversationSummary(conversation=c, notes=notes))
        result.append(GuideSummary(guide=g, conversations=held))
    return result


def get_insights(store: Store, workspace_id: str) -> dict[str, str]:
    """The key insights by insight id (missing ones are "")."""
    texts = answers.get_texts(store, workspace_id, INSIGHTS_SECTION)
    return {i.id: texts.get(i.id, "").strip() for i in insights()}


@progress_for(STEP)
def what_it_takes_progress(store: Store, workspace_id: str) -> StepProgress:
    """Four parts: a conversation with notes for each of the three groups, and the key insights written."""
    summaries = guide_summaries(store, workspace_id)
    held = sum(1 for s in summaries if s.note_count)
    wrote_insights = any(get_insights(store, workspace_id).values())
    detail = f"{held} of 3 conversations with notes; key insights {'written' if wrote_insights else 'not written yet'}"
    return StepProgress(step_id=STEP, share=(held + wrote_insights) / 4, detail=detail)


# ---------------------------------------------------------------- demo


class DemoConversation(ContentModel):
    guide: str
    held_on: dt.date
    group: str
    notes: dict[str, str]


class DemoWhatItTakes(ContentModel):
    conversations: list[DemoConversation]
    insights: dict[str, str]


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, part: Any) -> None:
    demo = DemoWhatItTakes.model_validate(part)
    for item in demo.conversations:
        g = guide(item.guide)
        known = {p.id for _, p in g.prompts}
        unknown = sorted(set(item.notes) - known)
        if unknown:
            raise ValueError(f"demo notes for guide {g.id} name unknown prompts: {', '.join(unknown)}")
        c = add_conversation(store, workspace_id, Conversation(guide_id=g.id, held_on=item.held_on, group=item.group))
        for prompt_id, text in item.notes.items():
            answers.save_text(store, workspace_id, notes_section(g.id), note_prompt(c.record_id, prompt_id), text)
    for insight_id, text in demo.insights.items():
        answers.save_text(store, workspace_id, INSIGHTS_SECTION, insight_id, text)
