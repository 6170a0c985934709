"""The value proposition as a slide deck (python-pptx), to show a health system's CFO.

`deck_outline(inputs, sections)` is pure: it decides the slides from the (possibly edited) draft, one
slide per section, in the order a CFO needs the story: the title; who we are and whom we reach; what we
offer (a native chart of monthly volumes); what it is worth (the cost-benefit verdict, break-even, the
scenarios side by side and the care program's ROI, with a native chart and every figure's source in
small type); what it takes and what we bring; the ask; next steps and contact. A section the team added
keeps its place after the section it follows in the draft. A section with no text is left out (never a
placeholder), a slide of one short bullet joins the slide before it, and text too long for one slide at
a legible size continues on the next. Speaker notes carry the full text.

`render` turns the outline into a 16:9 .pptx with real title placeholders, one type scale (titles 30 pt,
body 20 or 18 pt, chart labels 14 pt and up) and speaker notes. Every string passes through
`sanitize_text`. Never writes the store.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt
from pydantic import BaseModel

from core.export.registry import PPTX, export
from core.hrh import value_proposition as vp
from core.money import dollars
from core.money_story import MoneyStory
from core.sources import full_entry
from core.store.database import Store
from core.text import sanitize_text

BULLET_CHARS = 400
NOTES_CHARS = 12_000
CHART_TITLE = "Services and people served each month (our estimates)"
CHART_SERVICES = 8
SHORT_BULLET = 160  # a slide holding one bullet this short joins the slide before it
TABLE_SCENARIOS = 4  # scenario columns the money slide's table holds legibly; the notes carry all

# The slide's geometry (inches): a 13.33 x 7.5 slide, 0.6 margins.
BODY_WIDTH, BODY_HEIGHT = 12.1, 5.3
SIDE_WIDTH = 5.4  # the text beside a chart
BODY_SIZES = (20, 18)
SIDE_SIZES = (18, 16)


class ChartSpec(BaseModel):
    title: str
    categories: list[str]
    series: dict[str, list[float]]
    value_axis: str
    money: bool = False


class TableSpec(BaseModel):
    headers: list[str]
    rows: list[list[str]]


class SlideSpec(BaseModel):
    title: str
    bullets: list[str] = []  # a bullet starting with "- " is one level in
    notes: str = ""
    chart: ChartSpec | None = None
    table: TableSpec | None = None
    sources: list[str] = []  # small type at the foot of the slide
    subtitle: str = ""  # title slide only
    size: int = 20  # body type size, chosen so the text fits
    merge: bool = False  # a draft section's slide: may take in a short slide of the same part of the story
    group: int = 0  # the part of the story: slides merge only within one

    @property
    def text_only(self) -> bool:
        return self.chart is None and self.table is None and not self.subtitle


# ---------------------------------------------------------------- fitting text


def _lines(text: str, size: int, width: float) -> int:
    """Lines a bullet takes at `size` points in a box `width` inches wide (Calibri averages half an em)."""
    per_line = max(10, int(width * 72 / (size * 0.5)))
    return max(1, math.ceil(len(text) / per_line))


def _height(bullets: list[str], size: int, width: float) -> float:
    """Inches the bullets take: 1.2 lines of leading and 6 pt after each paragraph."""
    return sum(_lines(b, size, width - (0.4 if b.startswith("- ") else 0.2)) * size * 1.2 + 6 for b in bullets) / 72


def fit(bullets: list[str], width: float, height: float, sizes: tuple[int, ...]) -> list[tuple[int, list[str]]]:
    """The bullets over as few boxes as they need: the largest of `sizes` that holds them all in one box,
    else the smallest size and as many boxes as it takes (each box: its size and its bullets)."""
    for size in sizes:
        if _height(bullets, size, width) <= height:
            return [(size, bullets)]
    size, pages, page = sizes[-1], [], []
    for bullet in bullets:
        if page and _height([*page, bullet], size, width) > height:
            pages.append((size, page))
            page = []
        page.append(bullet)
    return [*pages, (size, page)] if page else pages


def bullets_of(text: str, limit: int = BULLET_CHARS) -> list[str]:
    """Draft text as slide bullets: a paragraph or a line is a bullet, a "- " line one level in.
    Each is clipped to `limit` characters; the full text goes to the speaker notes."""
    found = []
    for line in text.strip().split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        inner = line.startswith("- ")
        body = line[2:] if inner else line
        body = vp.clip(body[0].upper() + body[1:], limit)
        found.append(("- " if inner else "") + body)
    return found


# ---------------------------------------------------------------- the outline

ORDER = {  # where each assembled section goes in the deck; sections the team added follow their neighbour
    "who_we_are": 10,
    "who_we_serve": 11,
    "what_we_offer": 20,
    "worth": 30,
    "value": 31,
    "what_it_takes": 40,
    "what_we_bring": 45,
    "strengths": 46,
    "equity": 50,
}
THEMES_SLOT, ASK_SLOT, NEXT_SLOT = 52, 60, 70


def _title_slide(inputs: vp.DraftInputs, today: dt.date) -> SlideSpec:
    kind = ", ".join(y for y in (inputs.org_type, inputs.state) if y)
    return SlideSpec(
        title=inputs.organization,
        subtitle="\n".join(x for x in ("Our value proposition", kind, f"{today:%B %-d, %Y}") if x),
        notes=inputs.about,
    )


def _offer_chart(inputs: vp.DraftInputs) -> tuple[ChartSpec | None, list[str]]:
    # the largest services first; a slide holds CHART_SERVICES bars legibly, the notes list them all
    current = sorted(inputs.current_services, key=lambda s: -s.services_per_month)[:CHART_SERVICES]
    if not current:
        return None, []
    left_out = len(inputs.current_services) - len(current)
    chart = ChartSpec(
        title=CHART_TITLE if not left_out else f"Our {len(current)} largest services, each month (our estimates)",
        categories=[s.name for s in current],
        value_axis="Per month",
        series={
            "Services a month": [s.services_per_month for s in current],
            "People a month": [s.clients_per_month for s in current],
        },
    )
    extra = [f"And {left_out} more services; the speaker notes list them all."] if left_out else []
    return chart, extra


def _money_chart(story: MoneyStory) -> ChartSpec:
    _, series = story.year_bars()
    names = [s.name for s in story.billing] + [f"{c.name} ({c.headline.patients:,} patients)" for c in story.care]
    return ChartSpec(
        title="A year at full volume: brought in or saved, and what it costs",
        categories=[vp.clip(n, 50) for n in names],
        value_axis="Dollars a year",
        series={name: [float(v) for v in values] for name, values in series.items()},
        money=True,
    )


def _money_table(story: MoneyStory) -> TableSpec:
    """Billing and care scenarios side by side on the figures they share: a year at full volume, the first
    year, the break-even month."""
    cols = [
        (f"Billing: {s.name}", dollars(s.net_year), dollars(s.first_year_net), s.break_even_month)
        for s in story.billing
    ] + [
        (
            f"Care program: {c.name}, {c.headline.patients:,} patients",
            dollars(c.headline.steady_year_net),
            dollars(c.headline.first_year_net),
            c.headline.break_even_month,
        )
        for c in story.care
    ]
    cols = cols[:TABLE_SCENARIOS]
    return TableSpec(
        headers=["", *[vp.clip(c[0], 80) for c in cols]],
        rows=[
            ["Net a year at full volume", *[c[1] for c in cols]],
            ["Net in the first year", *[c[2] for c in cols]],
            ["Break-even month", *[c[3] for c in cols]],
        ],
    )


def _money_notes(story: MoneyStory) -> str:
    parts = [f"{s.name} (direct billing): {s.headline}. {s.verdict_text}" for s in story.billing]
    for c in story.care:
        cohorts = "; ".join(
            f"{k.patients:,} patients: net {dollars(k.steady_year_net)} a year at full caseload, first-year "
            f"return {k.roi}, break-even {k.break_even_month.lower()}"
            for k in c.cohorts
        )
        parts.append(f"{c.name} (care program, 5x planner): {cohorts}.")
    if story.unfinished:
        parts.append("Not shown, not finished yet: " + "; ".join(story.unfinished) + ".")
    return "\n\n".join(parts)


def _group(slot: float) -> int:
    """The story's parts that slides merge within: who we are to what we bring (1), the ask (6), next steps (7)."""
    if slot >= NEXT_SLOT:
        return 7
    return 6 if slot >= ASK_SLOT - 1 else 1


def _text_slides(
    title: str, bullets: list[str], notes: str, *, slot: float = 0, merge: bool = False
) -> list[SlideSpec]:
    pages = fit(bullets, BODY_WIDTH, BODY_HEIGHT, BODY_SIZES)
    return [
        SlideSpec(
            title=title if i == 0 else f"{title} (continued)",
            bullets=page,
            notes=notes,
            size=size,
            merge=merge and len(pages) == 1,
            group=_group(slot),
        )
        for i, (size, page) in enumerate(pages)
    ]


def _short(slide: SlideSpec) -> bool:
    return slide.merge and len(slide.bullets) == 1 and len(slide.bullets[0]) <= SHORT_BULLET


def _join(into: SlideSpec, short: SlideSpec, *, before: bool) -> SlideSpec | None:
    """`into` with the short slide's bullet (headed by its title), or None if the two do not fit one slide."""
    line = f"{short.title}: {short.bullets[0]}"
    joined = [line, *into.bullets] if before else [*into.bullets, line]
    pages = fit(joined, BODY_WIDTH, BODY_HEIGHT, BODY_SIZES)
    if len(pages) > 1:
        return None
    notes = [short.notes, into.notes] if before else [into.notes, short.notes]
    return into.model_copy(update={"bullets": joined, "size": pages[0][0], "notes": "\n\n".join(n for n in notes if n)})


def _merge_short(slides: list[SlideSpec]) -> list[SlideSpec]:
    """A text slide of one short bullet joins the slide before it in the same part of the story, else the one
    after it (a line the team added before "The ask" joins the ask)."""
    merged: list[SlideSpec] = []
    pending: SlideSpec | None = None  # a short slide waiting for the next one
    for slide in slides:
        if pending is not None:
            joined = _join(slide, pending, before=True) if slide.merge and slide.group == pending.group else None
            if joined is None:
                merged.append(pending)
            else:
                slide = joined
            pending = None
        prev = merged[-1] if merged else None
        if _short(slide):
            joined = _join(prev, slide, before=False) if prev and prev.merge and prev.group == slide.group else None
            if joined is not None:
                merged[-1] = joined
            else:
                pending = slide
            continue
        merged.append(slide)
    return [*merged, pending] if pending is not None else merged


def deck_outline(
    inputs: vp.DraftInputs, sections: list[vp.DraftSection], today: dt.date | None = None
) -> list[SlideSpec]:
    """The slides of the deck, from the draft inputs and the (possibly edited) draft sections."""
    today = today or dt.date.today()
    placed: list[tuple[float, int, list[SlideSpec]]] = []
    slot = 5.0
    by_id = {s.id: s for s in sections if s.id}
    for n, section in enumerate(sections):
        if section.id in ORDER:
            slot = ORDER[section.id]
        elif not section.heading:
            slot = 5  # text before the first heading: right after the title
        elif re.search(r"\bask\b", section.heading, re.IGNORECASE):
            slot = ASK_SLOT - 0.5  # the team's own line about the ask goes with the ask
        else:
            slot += 0.01  # a section the team added follows the one before it in the draft
        body = section.body.strip()
        if section.id == "who_we_serve" and "who_we_are" in by_id:
            continue  # drawn with who_we_are
        if section.id == "who_we_are":
            serve = by_id.get("who_we_serve")
            text = "\n".join(x.body.strip() for x in (section, serve) if x and x.body.strip())
            title = "Who we are and whom we reach" if serve and serve.body.strip() else section.heading
            if text:
                placed.append((slot, n, _text_slides(title, bullets_of(text), text, slot=slot, merge=True)))
            continue
        if section.id == "what_we_offer":
            placed.append((slot, n, _offer_slides(inputs, section)))
            continue
        if section.id == "worth":
            placed.append((slot, n, _money_slides(inputs.story, section)))
            continue
        if not body:
            continue  # an emptied section: left out, never a placeholder
        title = section.heading or "In brief"
        placed.append((slot, n, _text_slides(title, bullets_of(body), body, slot=slot, merge=True)))
    if "what_we_offer" not in by_id and inputs.current_services:
        placed.append((ORDER["what_we_offer"], -1, _offer_slides(inputs, None)))
    if "worth" not in by_id and not inputs.story.empty:
        placed.append((ORDER["worth"], -1, _money_slides(inputs.story, None)))
    if inputs.included:
        chosen = [f"{a.question} {a.answer}" for a in inputs.included]
        notes = "\n\n".join(f"{a.theme}. {a.question}\n{a.answer}" for a in inputs.included)
        words = _text_slides("In our own words", bullets_of("\n".join(chosen)), notes, slot=THEMES_SLOT, merge=True)
        placed.append((THEMES_SLOT, 0, words))
    if ask := inputs.deck.get("ask", ""):
        placed.append((ASK_SLOT, 0, _text_slides("The ask", bullets_of(ask), ask, slot=ASK_SLOT, merge=True)))
    closing = bullets_of(inputs.deck.get("next_steps", ""))
    if contact := inputs.deck.get("contact", ""):
        closing.append("Contact: " + vp.clip(" ".join(contact.split()), 300))
    if closing:
        notes = "\n\n".join(x for x in (inputs.deck.get("next_steps", ""), contact) if x)
        placed.append((NEXT_SLOT, 0, _text_slides("Next steps and contact", closing, notes, slot=NEXT_SLOT)))
    placed.sort(key=lambda p: (p[0], p[1]))
    body = _merge_short([s for _, _, slides in placed for s in slides])
    return [_title_slide(inputs, today), *body]


def _offer_slides(inputs: vp.DraftInputs, section: vp.DraftSection | None) -> list[SlideSpec]:
    chart, extra = _offer_chart(inputs)
    text = section.body.strip() if section else ""
    title = section.heading if section and section.heading else "What we offer"
    bullets = bullets_of(text) + extra
    if chart is None:
        return _text_slides(title, bullets, text) if bullets else []
    pages = fit(bullets, SIDE_WIDTH, BODY_HEIGHT, SIDE_SIZES) if bullets else [(SIDE_SIZES[0], [])]
    first = SlideSpec(title=title, bullets=pages[0][1], size=pages[0][0], chart=chart, notes=text)
    rest = [b for _, page in pages[1:] for b in page]
    return [first, *(_text_slides(f"{title} (continued)", rest, text) if rest else [])]


def _money_slides(story: MoneyStory, section: vp.DraftSection | None) -> list[SlideSpec]:
    if story.empty and not (section and section.body.strip()):
        return []
    title = section.heading if section and section.heading else "What it is worth"
    text = section.body.strip() if section else ""
    assembled = vp.assemble_draft(vp.DraftInputs(organization="", story=story)).sections
    unedited = not text or any(s.id == "worth" and s.body == text for s in assembled)
    # the table beside it carries the figures: unedited, the slide says the verdicts in a line each
    bullets = verdict_lines(story) if unedited else bullets_of(text)
    notes = "\n\n".join(x for x in (text, _money_notes(story)) if x)
    if story.empty:  # the team kept its own words but no scenario is finished any more
        return _text_slides(title, bullets, notes, slot=ORDER["worth"])
    pages = fit(bullets, SIDE_WIDTH, MONEY_TEXT_HEIGHT, (18, 16))
    first = SlideSpec(
        title=title,
        bullets=pages[0][1],
        size=pages[0][0],
        chart=_money_chart(story),
        table=_money_table(story),
        sources=story.sources(),
        notes=notes,
    )
    rest = [b for _, page in pages[1:] for b in page]
    return [first, *(_text_slides(f"{title} (continued)", rest, notes) if rest else [])]


MONEY_TEXT_HEIGHT = 3.4  # inches beside the chart, above the table


def verdict_lines(story: MoneyStory) -> list[str]:
    """One line per finished scenario: its verdict in words (the figures are in the table under it)."""
    lines = [f"Direct billing, “{s.name}”: {s.headline[0].lower()}{s.headline[1:]}." for s in story.billing]
    lines += [
        f"Care program, “{c.name}” at {c.headline.patients:,} patients: {c.headline.roi} return in the first year; "
        f"break-even: {c.headline.break_even_month.lower()}."
        for c in story.care
    ]
    return lines


# ---------------------------------------------------------------- rendering

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13.33 x 7.5 inches
MARGIN = Inches(0.6)
ACCENT = RGBColor(0x1F, 0x6F, 0x8B)
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x55, 0x5B, 0x61)
TITLE_SIZE = 30
LABEL_SIZE = 14  # every chart label: readable from the back of a room


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _accent(slide, height) -> None:
    """A band of the workbook's colour across the top of the slide."""
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, height)
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()


def _set_text(frame, lines: list[str], size: int, *, color: RGBColor | None = None, bullets: bool = False) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the outline chose a size that fits; nothing shrinks behind our back
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(6)
        inner = bullets and line.startswith("- ")
        if inner:
            p.level = 1
        run = p.add_run()
        run.text = sanitize_text(line[2:] if inner else line)
        run.font.size = Pt(size - 2 if inner else size)
        run.font.color.rgb = color or INK


def _textbox(slide, left, top, width, height, lines: list[str], size: int, **kw):
    box = slide.shapes.add_textbox(left, top, width, height)
    _set_text(box.text_frame, lines, size, **kw)
    return box


def _chart(slide, spec: ChartSpec, left, top, width, height) -> None:
    data = CategoryChartData(number_format='"$"#,##0' if spec.money else "#,##0")
    data.categories = [sanitize_text(c)[:60] for c in spec.categories]
    for name, values in spec.series.items():
        data.add_series(sanitize_text(name), values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    chart.font.size = Pt(LABEL_SIZE)
    chart.has_title = True
    chart.chart_title.text_frame.text = sanitize_text(spec.title)
    chart.chart_title.text_frame.paragraphs[0].font.size = Pt(16)
    chart.chart_title.text_frame.paragraphs[0].font.bold = True
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(LABEL_SIZE)
    axis = chart.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = sanitize_text(spec.value_axis)
    axis.axis_title.text_frame.paragraphs[0].font.size = Pt(LABEL_SIZE)
    axis.tick_labels.font.size = Pt(LABEL_SIZE)
    axis.has_major_gridlines = True
    if spec.money:
        axis.tick_labels.number_format = '"$"#,##0,"k"'
        axis.tick_labels.number_format_is_linked = False
    chart.category_axis.reverse_order = True  # first category at the top, as listed
    # ... and the value axis stays at the bottom: it crosses the (reversed) category axis at its last category
    chart.value_axis._element.crosses.set("val", "max")
    chart.category_axis.tick_labels.font.size = Pt(LABEL_SIZE)
    plot = chart.plots[0]
    plot.gap_width = 60
    if not spec.money:  # money: the table under the chart gives every figure, labels would crowd the bars
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(LABEL_SIZE)
        labels.position = XL_LABEL_POSITION.OUTSIDE_END


def _table(slide, spec: TableSpec, left, top, width) -> None:
    rows, cols = len(spec.rows) + 1, len(spec.headers)
    label_width = Inches(3.0)
    col_width = int((width - label_width) / max(1, cols - 1))
    shape = slide.shapes.add_table(rows, cols, left, top, width, Inches(0.4) * rows)
    table = shape.table
    table.columns[0].width = label_width
    for c in range(1, cols):
        table.columns[c].width = col_width
    for r, values in enumerate([spec.headers, *spec.rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            frame = cell.text_frame
            frame.word_wrap = True
            p = frame.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if c > 0 else PP_ALIGN.LEFT
            run = p.add_run()
            run.text = sanitize_text(value).replace(" ", "\u00a0") if r and c else sanitize_text(value)
            run.font.size = Pt(14 if r else 12)
            run.font.bold = r == 0 or c == 0


def _sources(slide, sources: list[str]) -> None:
    text = (
        "Sources: " + "; ".join(sources) + ". Our own estimates, as entered in the Harm Reduction Financing Workbook."
    )
    _textbox(slide, MARGIN, HEIGHT - Inches(0.62), WIDTH - 2 * MARGIN, Inches(0.5), [text], 11, color=MUTED)


def render(outline: list[SlideSpec], organization: str) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = sanitize_text(f"Value proposition: {organization}")[:250]
    prs.core_properties.author = sanitize_text(organization)[:250]
    inner = WIDTH - 2 * MARGIN
    for index, spec in enumerate(outline):
        if index == 0:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            _accent(slide, Inches(1.2))
            _place(slide.shapes.title, MARGIN, Inches(1.8), inner, Inches(1.6))
            size = 40 if len(spec.title) <= 45 else 32
            _set_text(slide.shapes.title.text_frame, [spec.title], size, color=ACCENT)
            subtitle = slide.placeholders[1]
            _place(subtitle, MARGIN, Inches(3.6), inner, Inches(2.0))
            _set_text(subtitle.text_frame, spec.subtitle.split("\n"), 22)
        else:
            layout = prs.slide_layouts[1 if spec.text_only else 5]
            slide = prs.slides.add_slide(layout)
            _accent(slide, Inches(0.15))
            _place(slide.shapes.title, MARGIN, Inches(0.3), inner, Inches(1.0))
            size = TITLE_SIZE if len(spec.title) <= 60 else 24
            _set_text(slide.shapes.title.text_frame, [spec.title], size, color=ACCENT)
            top = Inches(1.45)
            if spec.table is not None:  # the money slide: text and chart above, the table, the sources
                side = Inches(SIDE_WIDTH)
                _textbox(slide, MARGIN, top, side, Inches(MONEY_TEXT_HEIGHT), spec.bullets, spec.size, bullets=True)
                gap = Inches(0.3)
                _chart(slide, spec.chart, MARGIN + side + gap, top - Inches(0.15), inner - side - gap, Inches(3.55))
                _table(slide, spec.table, MARGIN, Inches(4.95), inner)
                _sources(slide, spec.sources)
            elif spec.chart is not None:
                chart_left = MARGIN
                if spec.bullets:
                    side = Inches(SIDE_WIDTH)
                    _textbox(slide, MARGIN, top, side, Inches(BODY_HEIGHT), spec.bullets, spec.size, bullets=True)
                    chart_left = MARGIN + side + Inches(0.3)
                _chart(slide, spec.chart, chart_left, top, WIDTH - MARGIN - chart_left, Inches(BODY_HEIGHT + 0.3))
            else:
                body = slide.placeholders[1]
                _place(body, MARGIN, top, inner, Inches(BODY_HEIGHT))
                _set_text(body.text_frame, spec.bullets, spec.size, bullets=True)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = sanitize_text(vp.clip(spec.notes, NOTES_CHARS))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def outline_for(store: Store, workspace_id: str) -> list[SlideSpec]:
    inputs = vp.gather_inputs(store, workspace_id)
    return [*deck_outline(inputs, vp.draft_sections(store, workspace_id, inputs)), sources_slide()]


def preview(store: Store, workspace_id: str) -> list[str]:
    outline = outline_for(store, workspace_id)
    money = next((s for s in outline if s.table is not None), None)
    return [
        f"{len(outline)} slides: " + "; ".join(s.title for s in outline[1:]) + ".",
        "What it is worth: "
        + (
            f"{len(money.chart.categories)} scenarios side by side, with a chart and their sources."
            if money
            else "once a cost-benefit scenario (Step 6) or the 5x planner is finished."
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
    return render(outline_for(store, workspace_id), inputs.organization)


def sources_slide() -> SlideSpec:
    """The deck's last slide: the source document and its authors, as it names them."""
    return SlideSpec(title="Sources", bullets=[full_entry("hrh_workbook")], notes=SOURCES_NOTE, size=18)


SOURCES_NOTE = (
    "Text in quotation marks is quoted word for word from the source; other text is the organization's own, "
    "prepared with the Harm Reduction Financing Workbook."
)
