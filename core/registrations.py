"""What the workbook registers, listed in one place.

Five registries are filled by decorators when a module is imported:

- content files (`core.content.content_file`): each data/*.yaml and the model that validates it;
- step progress (`core.steps.progress_for`): how far a workspace is in a step, for Home;
- demo fillers (`core.demo.demo_filler`): the part of the demo workspace each step writes;
- workbook sections (`core.export.workbook.workbook_section`): each step's part of the whole report;
- exports (`core.export.registry.export`): the documents of the Downloads page.

`MODULES` lists every module that registers something; `load_all()` imports them, so the registries are
complete. A test (tests/core/test_registrations.py) fails when a module registers something and is not
listed here, so this list stays the one place to read what is registered. The journey itself (steps,
pages, their order) is not a registry of code: it is data/steps.yaml.
"""

from __future__ import annotations

import importlib

MODULES = (
    # the journey and the shared content
    "core.steps",
    "core.store.workspaces",
    "core.hrh.glossary",
    "core.sources",
    "core.hrh.money_flows",
    "core.demo_content",
    # Harm Reduction is Healthcare, steps 1-9
    "core.hrh.basics",
    "core.hrh.readiness",
    "core.hrh.services",
    "core.hrh.what_it_takes",
    "core.hrh.value_proposition",
    "core.hrh.financing_adventure",
    "core.hrh.cost_benefit",
    "core.hrh.partners",
    "core.hrh.agenda",
    "core.hrh.advocate",
    # care model stages
    "core.care_model.care_model_fit",
    "core.care_model.first_five",
    "core.care_model.twenty_five",
    "core.care_model.one_twenty_five",
    "core.care_model.process_measures",
    "core.care_model.huddle",
    "core.care_model.five_x_planner",
    # sustain & finance
    "core.sustain.payment_arrangements",
    "core.sustain.change_concept_5",
    "core.sustain.chronic_care_financing",
    # workshop mode
    "core.workshop.session",
    # the documents
    "core.export.registry",
    "core.export.workbook",
    "core.export.value_proposition",
    "core.export.value_proposition_deck",
    "core.export.readiness_report",
    "core.export.hrh_sections",
    "core.export.partner_map",
    "core.export.agenda",
    "core.export.care_model_plan",
    "core.export.sustain_sections",
    "core.export.excel",
)

_loaded = False


def load_all() -> None:
    """Import every registering module once (idempotent), so every registry is complete."""
    global _loaded
    if _loaded:
        return
    for name in MODULES:
        importlib.import_module(name)
    _loaded = True
