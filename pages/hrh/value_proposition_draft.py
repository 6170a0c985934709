"""Step 5 draft: a value proposition assembled from everything the workspace holds, edited by the
team (every version kept), plus the details of the ask for the slide deck, and the downloads."""

import streamlit as st

from core.hrh import value_proposition as vp
from core.steps import ref
from core.store import answers
from pages import _ui
from pages import _value_proposition_ui as _parts

workspace = _ui.require_workspace()
store = _ui.store()
ss = st.session_state
DRAFT_WIDGET = f"text__{vp.DRAFT_SECTION}__{vp.DRAFT_PROMPT}"  # the key _ui.text_answer gives the draft field


def assemble(replace_edits: bool) -> None:
    result = vp.assemble_and_save(store, workspace.id, replace_edits=replace_edits)
    ss["value_proposition_draft__confirm"] = result.needs_confirmation
    if result.saved:
        ss.pop(DRAFT_WIDGET, None)  # show the new text; the old one is in the earlier versions
        ss["value_proposition_draft__notice"] = "Draft assembled from your latest answers."


def keep_mine() -> None:
    ss["value_proposition_draft__confirm"] = False
    ss["value_proposition_draft__notice"] = "Your edited draft was kept as it is."


st.title(f"{ref('value_proposition')}: Your value proposition draft", anchor=False)
st.markdown(
    "The app writes a first draft from everything you have entered: whom you serve, your services and "
    f"monthly volumes ({ref('services')}), what it takes and what you bring ({ref('what_it_takes')}), "
    f"your readiness strengths ({ref('readiness')}), your framing answers and your equity statement, "
    f"and what your finished cost-benefit scenarios ({ref('financing_adventure')}) and 5x planner say your work "
    "is worth. Then make it yours: edit it freely; every version is kept. Lines starting with `## ` are section "
    "headings in the Word document."
)

text, status = vp.current_draft(store, workspace.id)
missing = vp.assemble_draft(vp.gather_inputs(store, workspace.id)).missing
if missing:
    with st.expander(f"For a fuller draft ({len(missing)} things to add)", icon=":material/lightbulb:"):
        st.markdown("\n".join(f"- {m}" for m in missing))

notice = ss.pop("value_proposition_draft__notice", None)
if notice:
    st.success(notice, icon=":material/check:")
if ss.get("value_proposition_draft__confirm"):
    st.warning(
        "You have edited this draft since it was assembled. Re-assembling replaces your edits with a new "
        "draft; your edited version stays under Earlier versions and can be restored.",
        icon=":material/warning:",
    )
    c1, c2 = st.columns(2)
    c1.button(
        "Replace my edited draft",
        key="value_proposition_draft__replace",
        on_click=assemble,
        args=(True,),
        icon=":material/autorenew:",
    )
    c2.button("Keep my version", key="value_proposition_draft__keep", type="primary", on_click=keep_mine)
elif status == "empty":
    st.button(
        "Assemble my draft",
        key="value_proposition_draft__assemble",
        type="primary",
        on_click=assemble,
        args=(False,),
        icon=":material/auto_awesome:",
    )
else:
    st.caption("Your draft, as assembled." if status == "unedited" else "Your draft, with your edits.")
    st.button(
        "Re-assemble from my latest answers",
        key="value_proposition_draft__assemble",
        on_click=assemble,
        args=(False,),
        icon=":material/autorenew:",
    )

if status != "empty" or DRAFT_WIDGET in ss:
    _ui.text_answer(
        workspace.id,
        vp.DRAFT_SECTION,
        vp.DRAFT_PROMPT,
        "Your value proposition",
        stored=text,
        height=520,
        help="Saved when you click outside the box; each save is a new version.",
    )
    _ui.text_history(workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT)
else:
    st.info("Nothing assembled yet. Click **Assemble my draft** to start from your answers.", icon=":material/info:")

st.subheader("For the slide deck: the ask, next steps, contact", anchor=False)
saved = answers.get_texts(store, workspace.id, vp.DECK_SECTION)
for prompt in vp.content().deck:
    _ui.text_answer(
        workspace.id,
        vp.DECK_SECTION,
        prompt.id,
        prompt.label,
        help=prompt.help,
        stored=saved.get(prompt.id, ""),
        height=100,
    )

_parts.theme_choice(workspace.id)
_parts.downloads(workspace)

st.divider()
st.markdown(
    "**What this gives you:** a value proposition in healthcare language, as a document and a slide deck to "
    "take to a hospital, health center, health plan or health department. **Next:** choose your financing "
    f"path ({ref('financing_adventure')}) and map the partners you will pitch to ({ref('partners')}). "
    "All downloads are on the Downloads page."
)
_ui.link("reports", "All downloads", icon=":material/download:")
