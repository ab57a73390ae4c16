"""Ctrl+C during an import: the import stops at the next file, keeps what it stored, exits 130, and
neither the main process nor a worker prints a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.archive_helpers import FILLER, write_edition

REPO = Path(__file__).resolve().parents[1]


def test_ctrl_c_cancels_the_import_quietly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    rng = random.Random(7)
    start = dt.date(2020, 1, 1)
    for i in range(300):
        articles = [
            (f"第{i}期第{j}篇社区新闻", "邸东芳", "".join(rng.choice(FILLER) for _ in range(30)))
            for j in range(12)
        ]
        write_edition(src, start + dt.timedelta(days=i), articles)
    arch = tmp_path / "arch"
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--archive", str(arch), "import", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's foreground job has
    )
    assert proc.stderr is not None
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if line.startswith("importing (") and not line.startswith("importing (0/"):
            break
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches the whole group: main process and workers
    _out, err = proc.communicate(timeout=120)
    err = "".join(lines) + err
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted: what was stored before stays in the archive" in err
    stats = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--archive", str(arch), "stats", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    stored = json.loads(stats.stdout)["total"]["articles"]
    assert 0 < stored < 300 * 12 and stored % 12 == 0, "whole editions only"
