"""The Streamlit workspace behind ``streamlit run app.py``: pages, widgets and their state.

Owns everything the app shows and nothing it finds out: every finding comes from the rest of
``analyser`` (so the app, the CLI and the tests agree). ``app.py`` calls ``main.run``; the modules:

- ``main``: one page run (style, the page's language and icon, query parameters, sidebar, header,
  the chosen view, imported when first shown, inside its guard);
- ``state``: the session state that outlives a view, and its mirror in the URL;
- ``documents``: which PDFs the picker offers (catalogue, fetched copies, uploads), served copies;
- ``services``: the cached wrappers around the package (analysis, statuses, matrix, what-if, ...);
- ``common``: what several views share (the view context, the error guard, legends, banners);
- ``sidebar``: navigation, the document picker, upload, fetch and the limits per document;
- ``grids``: data grids whose titles, reasons and notes wrap instead of being cut;
- ``user_counts``: a number of users, or a limit per document, as officers write it ("15,000,000",
  "15m") and read it (with thousands separators);
- ``warmup``: what the browser and the server load while the first page is read;
- ``views/``: one module per view.

Importing ``analyser`` never imports this package (nor Streamlit): the CLI stays light.
"""
