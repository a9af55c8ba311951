"""`python -m analyser`: the command line's entry point; owns only the garbage collector's setting for
a one-shot run, then hands over to analyser.cli.main."""

import gc
import sys

# A CLI run is one-shot: it builds a large, mostly acyclic object graph (lines, paragraphs, spaCy's
# vocabulary) and exits. With the default thresholds the collector ran about 8% of a cold analysis
# walking objects that stay alive to the end. Collect the youngest generation far less often; cycles
# are still collected, and the batch workers (analyser.batch) set the same.
gc.set_threshold(50_000, 20, 20)

from .cli import main  # noqa: E402

sys.exit(main())
