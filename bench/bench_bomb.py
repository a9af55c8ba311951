"""The decompression bomb's time and memory: a 4.5 KB PDF whose one content stream inflates to
four million characters (tests/bomb.py), given to the CLI as a user would.

    python bench/bench_bomb.py

Target (issue 12): under 10 s and under 500 MB, ending in one line. Before the budgets it took
61 s and 4.3 GB. Prints wall time, the child's peak resident memory (kernel rusage) and its line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bomb import write_bomb  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bomb = write_bomb(Path(tmp) / "bomb.pdf")
        env = {**os.environ, "ANALYSER_CACHE_DIR": tmp, "ANALYSER_DATA_DIR": tmp}
        for label, argv in (("extract", ["extract", str(bomb)]), ("flags --format csv", ["flags", str(bomb), "--format", "csv"])):
            started = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-m", "analyser", *argv], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.monotonic() - started
            line = proc.stderr.read().decode().strip()
            print(f"{label}: {bomb.stat().st_size:,} bytes in, exit {os.waitstatus_to_exitcode(status)}, "
                  f"{seconds:.2f} s, peak {usage.ru_maxrss / 1024:.0f} MB: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
