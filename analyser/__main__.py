"""`python -m analyser`: the command line's entry point; owns the garbage collector's setting for a
one-shot run and the order of the two paths: a cached ``extract --format json`` first
(``cli_cached``, before argparse is even imported), else ``analyser.cli.main``."""

import gc
import sys

# A CLI run is one-shot: it builds a large, mostly acyclic object graph (lines, paragraphs, spaCy's
# vocabulary) and exits. With the default thresholds the collector ran about 8% of a cold analysis
# walking objects that stay alive to the end. Collect the youngest generation far less often; cycles
# are still collected, and the batch workers (analyser.batch) set the same.
gc.set_threshold(50_000, 20, 20)

from .cli_cached import run as run_cached  # noqa: E402

status = run_cached(sys.argv[1:])  # None: not a cached extract, nothing printed yet
if status is None:
    from .cli import main

    status = main()
sys.exit(status)
