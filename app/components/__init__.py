"""Streamlit components: one function each, owning its session-state keys."""
