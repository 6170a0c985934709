"""The front door of the shared page helpers: pages write `from pages import _ui` and call `_ui.<name>`.

The helpers live by job in `pages/_*.py` (not listed in the navigation; app.py lists pages by path from
data/steps.yaml, and `_legacy_pages` switches off Streamlit's discovery of this folder):

- `_session`: the store of the process and the open workspace (session token, cookies, client address);
- `_layout`: step headers and footers, links, "where next", the sidebar's workspace line, `escape_md`;
- `_autosave`: inputs and text answers that save on change, their "saved" or error, text history;
- `_tables`: `data_editor`, the one way a table is drawn, and the table and record editors built on it;
- `_charts`: plotly charts with a cache; `_numbers`: number boxes for a model's fields;
- `_errors`: `USER_ERRORS`, the exceptions a page catches, and `user_message`, how they are worded.

This file only names them. A test that patches a helper patches it in its home module (`_session.store`,
`_session._cookie`), where the other helpers look it up. Nothing here computes a score or builds a document:
that is `core`'s job.
"""

from __future__ import annotations

from pages._autosave import autosave, autosave_field, feedback, report, text_answer, text_history
from pages._charts import plotly_chart
from pages._errors import USER_ERRORS, all_messages, error_text, show_errors, user_message
from pages._layout import (
    escape_md,
    glossary_link,
    link,
    require_workspace,
    sidebar_workspace,
    step_footer,
    step_header,
    where_next,
)
from pages._numbers import model_number_inputs
from pages._session import (
    BROWSER_COOKIE,
    SESSION_COOKIE,
    TOKEN_KEY,
    TRUSTED_PROXIES_ENV,
    browser_token,
    client,
    client_address,
    current_workspace,
    forget_workspace,
    open_store_or_stop,
    page_run,
    remember_workspace,
    store,
    write_cookies,
)
from pages._tables import data_editor, record_editor, table_editor

__all__ = [
    "BROWSER_COOKIE",
    "SESSION_COOKIE",
    "TOKEN_KEY",
    "TRUSTED_PROXIES_ENV",
    "USER_ERRORS",
    "all_messages",
    "autosave",
    "autosave_field",
    "browser_token",
    "client",
    "client_address",
    "current_workspace",
    "data_editor",
    "error_text",
    "escape_md",
    "feedback",
    "forget_workspace",
    "glossary_link",
    "link",
    "model_number_inputs",
    "open_store_or_stop",
    "page_run",
    "plotly_chart",
    "record_editor",
    "remember_workspace",
    "report",
    "require_workspace",
    "show_errors",
    "sidebar_workspace",
    "step_footer",
    "step_header",
    "store",
    "table_editor",
    "text_answer",
    "text_history",
    "user_message",
    "where_next",
    "write_cookies",
]
