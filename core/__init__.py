"""The workbook's domain: content, scoring and financing models, the store, exports.

Nothing in `core` may import streamlit: every model here runs in a plain test,
a script or a future API.
"""
