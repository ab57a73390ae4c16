"""The viewer's bench hook reports its own peak memory, not its parent's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_peak_rss_is_not_inherited_from_a_large_parent():
    ballast = bytearray(300 * 1024 * 1024)  # the parent touches 300 MB
    ballast[::4096] = b"x" * len(ballast[::4096])
    code = "from viewer.app import peak_rss_kb; print(peak_rss_kb())"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    child_kb = int(out.stdout.strip())
    assert 0 < child_kb < 200 * 1024, f"child reported {child_kb} kB, as if it had the parent's 300 MB"
    del ballast
