"""The value proposition as a slide deck (python-pptx), to show a health system.

`deck_outline(inputs, sections)` is pure: it decides the slides (title; who we serve; what we
offer with monthly volumes as a native chart; what it takes; our strengths; one slide per
framing outcome answered; how we can work together; next steps and contact). `render` turns the
outline into a 16:9 .pptx with real title placeholders, native editable charts and speaker notes
carrying the longer text. Every string passes through `sanitize_text`. Never writes the store.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt
from pydantic import BaseModel

from core import value_proposition as vp
from core.export.registry import PPTX, export
from core.store.database import Store
from core.text import sanitize_text

BULLET_CHARS = 280
NOTES_CHARS = 12_000
CHART_TITLE = "Services and people served each month (our estimates)"
CHART_SERVICES = 8


class ChartSpec(BaseModel):
    title: str
    categories: list[str]
    series: dict[str, list[int]]
    value_axis: str


class SlideSpec(BaseModel):
    title: str
    bullets: list[str] = []
    notes: str = ""
    chart: ChartSpec | None = None
    subtitle: str = ""  # title slide only


def _section_text(sections: list[vp.DraftSection], *ids: str) -> str:
    return "\n\n".join(s.body for s in sections if s.id in ids and s.body)


def _points(text: str, limit: int = BULLET_CHARS, most: int = 5) -> list[str]:
    """A long answer as a few slide bullets: its paragraphs, list lines, and, when a paragraph is
    too long for one bullet, its sentences and semicolon clauses. Each bullet is clipped; the
    full text goes to the speaker notes."""
    pieces = []
    for para in re.split(r"\n\s*\n|\n- |^- ", text.strip()):
        para = " ".join(para.split())
        if not para:
            continue
        if len(para) <= limit:
            pieces.append(para)
        else:
            clauses = re.split(r"(?<=[.;!?])\s+", para)
            pieces.extend(re.sub(r"^(and|or) ", "", c.strip().rstrip(";")) for c in clauses if c.strip())
    return [vp.clip(p[0].upper() + p[1:], limit) for p in pieces[:most]]


def _first_sentence(text: str, limit: int = 200) -> str:
    return vp.clip(re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0], limit)


def deck_outline(
    inputs: vp.DraftInputs, sections: list[vp.DraftSection], today: dt.date | None = None
) -> list[SlideSpec]:
    """The slides of the deck, from the draft inputs and the (possibly edited) draft sections."""
    today = today or dt.date.today()
    slides = [
        SlideSpec(
            title=inputs.organization,
            subtitle="\n".join(
                x
                for x in (
                    "Our value proposition",
                    ", ".join(y for y in (inputs.org_type, inputs.state) if y),
                    f"{today:%B %-d, %Y}",
                )
                if x
            ),
            notes=_section_text(sections, "who_we_are") or inputs.about,
        )
    ]

    serve = [
        f"{p.short}" + (f": about {p.count:,} people in the last 12 months" if p.count else "")
        for p in inputs.populations
    ]
    serve += inputs.profile_populations[: max(0, 6 - len(serve))]
    if inputs.equity:
        serve.append("Our equity commitment: " + _first_sentence(inputs.equity))
    slides.append(
        SlideSpec(
            title="Who we serve",
            bullets=serve or ["Whom we serve: to be completed (Step 5)."],
            notes="\n\n".join(x for x in (_section_text(sections, "who_we_serve"), inputs.equity) if x),
        )
    )

    # the largest services first; a slide holds CHART_SERVICES bars legibly, the notes list them all
    current = sorted(inputs.current_services, key=lambda s: -s.services_per_month)[:CHART_SERVICES]
    offer = SlideSpec(title="What we offer", notes=_section_text(sections, "what_we_offer"))
    if current:
        left_out = len(inputs.current_services) - len(current)
        offer.chart = ChartSpec(
            title=CHART_TITLE
            if not left_out
            else f"Our {len(current)} largest services: {CHART_TITLE[0].lower()}{CHART_TITLE[1:]}",
            categories=[s.name for s in current],
            value_axis="Per month",
            series={
                "Services a month": [s.services_per_month for s in current],
                "People a month": [s.clients_per_month for s in current],
            },
        )
        offer.bullets = [f"And {left_out} more services; the speaker notes list them all."] if left_out else []
        if inputs.potential_services:
            offer.bullets.append(
                "With support we could also offer: " + ", ".join(s.name for s in inputs.potential_services)
            )
    else:
        offer.bullets = ["Our services and monthly volumes: to be completed (Step 3)."]
    slides.append(offer)

    takes = _points(inputs.insights.get("what_it_takes", "")) + _points(inputs.insights.get("barriers", ""))
    slides.append(
        SlideSpec(
            title="What it takes to get people to care",
            bullets=takes or ["What it takes: to be completed (Step 4 key insights)."],
            notes=_section_text(sections, "what_it_takes"),
        )
    )

    strengths = _points(inputs.insights.get("unique_value", ""), 220)
    if inputs.strengths:
        strengths.append(
            "Strongest areas in our readiness assessment: "
            + ", ".join(s.domain + (f" ({s.mean:.1f} of 4)" if s.mean is not None else "") for s in inputs.strengths)
        )
    slides.append(
        SlideSpec(
            title="Our strengths",
            bullets=strengths or ["Our strengths: to be completed (Steps 2 and 4)."],
            notes=_section_text(sections, "what_we_bring", "strengths"),
        )
    )

    if inputs.answered_framing:
        for f in inputs.answered_framing:
            slides.append(
                SlideSpec(
                    title=f"Value to your health system: {f.outcome}",
                    bullets=_points(f.answer, 400),
                    notes=f.answer,
                )
            )
    else:
        slides.append(
            SlideSpec(
                title="Value to your health system",
                bullets=[f.outcome for f in inputs.framing],
                notes="Answer the framing questions in Step 5 to fill one slide per outcome.",
            )
        )

    ask = inputs.deck.get("ask", "")
    slides.append(
        SlideSpec(
            title="How we can work together",
            bullets=_points(ask, 300) or ["The ask: to be completed (Step 5 draft page)."],
            notes=ask,
        )
    )
    closing = _points(inputs.deck.get("next_steps", ""), 300)
    if contact := inputs.deck.get("contact", ""):
        closing.append("Contact: " + vp.clip(contact, 200))
    slides.append(
        SlideSpec(
            title="Next steps and contact",
            bullets=closing or ["Next steps and contact: to be completed (Step 5 draft page)."],
            notes="\n\n".join(x for x in (inputs.deck.get("next_steps", ""), contact) if x),
        )
    )
    return slides


# ---------------------------------------------------------------- rendering

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13.33 x 7.5 inches
MARGIN = Inches(0.6)
ACCENT = RGBColor(0x1F, 0x6F, 0x8B)


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _accent(slide, height) -> None:
    """A band of the workbook's colour across the top of the slide."""
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, height)
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()


def _set_text(frame, lines: list[str], size: int, *, color: RGBColor | None = None) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(6)
        run = p.add_run()
        run.text = sanitize_text(line)
        run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color


def _chart(slide, spec: ChartSpec, top, height) -> None:
    data = CategoryChartData()
    data.categories = [sanitize_text(c)[:60] for c in spec.categories]
    for name, values in spec.series.items():
        data.add_series(sanitize_text(name), values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, top, WIDTH - 2 * MARGIN, height, data)
    chart = frame.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = sanitize_text(spec.title)
    chart.chart_title.text_frame.paragraphs[0].font.size = Pt(18)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(14)
    axis = chart.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = sanitize_text(spec.value_axis)
    chart.category_axis.reverse_order = True  # first service at the top, as listed
    # ... and the value axis stays at the bottom: it crosses the (reversed) category axis at its last category
    chart.value_axis._element.crosses.set("val", "max")
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.font.size = Pt(11)
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.tick_labels.font.size = Pt(12)


def render(outline: list[SlideSpec], organization: str) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = sanitize_text(f"Value proposition: {organization}")[:250]
    prs.core_properties.author = sanitize_text(organization)[:250]
    for index, spec in enumerate(outline):
        if index == 0:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            _accent(slide, Inches(1.2))
            _place(slide.shapes.title, MARGIN, Inches(1.8), WIDTH - 2 * MARGIN, Inches(1.6))
            _set_text(slide.shapes.title.text_frame, [spec.title], 40, color=ACCENT)
            subtitle = slide.placeholders[1]
            _place(subtitle, MARGIN, Inches(3.6), WIDTH - 2 * MARGIN, Inches(2.0))
            _set_text(subtitle.text_frame, spec.subtitle.split("\n"), 22)
        else:
            layout = prs.slide_layouts[5 if spec.chart else 1]
            slide = prs.slides.add_slide(layout)
            _accent(slide, Inches(0.15))
            _place(slide.shapes.title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.1))
            _set_text(slide.shapes.title.text_frame, [spec.title], 30, color=ACCENT)
            if spec.chart:
                bullets_height = Inches(0.8) if spec.bullets else 0
                _chart(slide, spec.chart, Inches(1.5), HEIGHT - Inches(1.9) - bullets_height)
                if spec.bullets:
                    box = slide.shapes.add_textbox(
                        MARGIN, HEIGHT - Inches(0.4) - bullets_height, WIDTH - 2 * MARGIN, bullets_height
                    )
                    _set_text(box.text_frame, spec.bullets, 16)
            else:
                body = slide.placeholders[1]
                _place(body, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(5.4))
                _set_text(body.text_frame, spec.bullets, 20)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = sanitize_text(vp.clip(spec.notes, NOTES_CHARS))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def preview(store: Store, workspace_id: str) -> list[str]:
    inputs = vp.gather_inputs(store, workspace_id)
    outline = deck_outline(inputs, vp.draft_sections(store, workspace_id, inputs))
    chart = next((s for s in outline if s.chart), None)
    return [
        f"{len(outline)} slides: " + "; ".join(s.title for s in outline[1:]) + ".",
        "What we offer: an editable chart of "
        + (
            f"{len(chart.chart.categories)} services' monthly volumes."
            if chart
            else "your services, once Step 3 has monthly volumes."
        ),
        "Speaker notes carry the longer text of your draft and answers.",
    ]


@export(
    "value_proposition_pptx",
    "Value proposition slide deck (PowerPoint)",
    "Slides to present your value proposition in a meeting, with editable charts and speaker notes.",
    "value-proposition-deck-{org}.pptx",
    PPTX,
    order=20,
    preview=preview,
)
def value_proposition_pptx(store: Store, workspace_id: str) -> bytes:
    inputs = vp.gather_inputs(store, workspace_id)
    return render(deck_outline(inputs, vp.draft_sections(store, workspace_id, inputs)), inputs.organization)
