"""Code of Practice Analyser: read regulatory codes of practice critically.

One public function per verb of the pipeline: ``load_code`` (extract, flag and resolve, cached),
``flag_qualifiers``, ``evaluate``, ``matrix``, ``whatif``, ``graph`` and ``compare``.
"""

__version__ = "0.1.0"
