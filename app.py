"""Code of Practice Analyser: the Streamlit workspace (``streamlit run app.py``).

A thin face over the ``analyser`` package: every finding shown here (structure, qualifiers,
applicability, comparisons) comes from the package, so the app, the CLI and the tests agree.
This file is only the entry point: it sets up the page and hands over to ``analyser/app/``,
which holds the views (one module each under ``analyser/app/views/``), the cached services, the
sidebar and the session state mirrored in the URL's query parameters (``view``, ``doc``,
``measure``), so that a cross-reference link or a bookmark opens the same place.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

APP_DIR = Path(__file__).resolve().parent

# The first Streamlit command of the run. No page_icon here: the icon (a local file; a
# ":material/...:" icon is fetched from a font server, and the app must work with no network at
# all) is set in the page by ``main.page_head``, since Streamlit reads an icon file through PIL
# and numpy, imports the first page should not wait for.
st.set_page_config(page_title="Code of Practice Analyser", layout="wide", initial_sidebar_state="auto")

from analyser.app.main import run  # noqa: E402 - after set_page_config, which must come first

run(APP_DIR)
