"""The trained pipeline's matrix products through numpy's BLAS (OpenBLAS) on one thread, not BLIS.

Why: thinc multiplies the tok2vec's and the tagger's matrices (and the parser's per-token features)
with the BLIS bundled in cython-blis, and on machines whose CPU BLIS does not recognise it falls back
to its ``generic`` kernels ("libblis: selecting sub-configuration 'generic'" with ``BLIS_ARCH_DEBUG=1``;
so on this project's KVM machines, whose CPU reads "AMD EPYC"). There a 2,000 x 288 by 288 x 288
product ran at 25 GFLOPS of CPU time against 85 for numpy's OpenBLAS on one thread, and the trained
pipeline over 3,205 sentences took 11.6 s of CPU with BLIS against 6.4 s (bench/RESULTS.md,
"speed-scale"). thinc's own switch, ``NumpyOps(use_blis=False)``, sends ``gemm`` to ``numpy.dot``;
nothing else of the ops changes.

One thread, or not at all: numpy's OpenBLAS starts a thread per core and spins them on every product;
on a shared or busy machine the same pipeline then took 20 s of CPU (twice BLIS's), and a batch
already runs a worker per core. So the ops are switched only when OpenBLAS's thread count can be set
to one through the library numpy loaded (``scipy_openblas_set_num_threads64_``, what threadpoolctl
calls); where it cannot (another BLAS, another platform's wheel) BLIS stays. That pins numpy's BLAS
for the whole process, which does nothing else heavy with it.

Same results? Not guaranteed bit for bit: the two libraries sum in different orders, so a score can
differ in its last bits, and a tie between two tags or transitions could break the other way (BLIS's
own kernels differ by CPU in the same way). Measured: every token's tag, POS, morphology, lemma,
label and head the same over every sentence of the corpus (tests/test_blas_ops.py), and the JSON of the
corpus and of the 355- and 879-page scaled codes byte for byte the same (bench/same_output.py).
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.language import Language
from thinc.api import Model, NumpyOps

__all__ = ["numpy_blas_single_threaded", "use_numpy_blas"]

log = logging.getLogger(__name__)

# (set, get) names in numpy's bundled OpenBLAS (scipy-openblas, 64-bit integers first), then a plain OpenBLAS
_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def _numpy_openblas() -> list[Path]:
    """The OpenBLAS libraries a numpy wheel ships beside its package (``numpy.libs``), if any."""
    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    return sorted(libs.glob("*openblas*")) if libs.is_dir() else []


def _loaded(path: Path) -> bool:
    """Whether ``path`` is mapped in this process (Linux's ``/proc/self/maps``; elsewhere assumed): a file
    numpy did not load would be loaded as a second copy, whose thread count is not numpy's."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return True
    return str(path) in maps.read_text(errors="replace")


def numpy_blas_single_threaded() -> bool:
    """Set numpy's OpenBLAS to one thread; True when it then reports one thread."""
    for path in _numpy_openblas():
        if not _loaded(path):
            continue
        try:
            lib = ctypes.CDLL(str(path))  # already loaded by numpy: the same library, not a second copy
        except OSError:
            continue
        for set_name, get_name in _SYMBOLS:
            setter, getter = getattr(lib, set_name, None), getattr(lib, get_name, None)
            if setter is None or getter is None:
                continue
            setter.argtypes, setter.restype, getter.restype = [ctypes.c_int], None, ctypes.c_int
            setter(1)
            return getter() == 1
    return False


def use_numpy_blas(nlp: Language) -> bool:
    """Give every thinc layer of ``nlp``'s components ``NumpyOps(use_blis=False)``, if numpy's OpenBLAS
    can be held to one thread; True when switched."""
    if not numpy_blas_single_threaded():
        log.info("numpy's OpenBLAS thread count cannot be set: the trained pipeline keeps BLIS")
        return False
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return True
