"""Re-lay edition files the way other exports do and score the parser on them with the same truth.

Usage (from the project root)::

    python benchmarks/relayout.py --truth T.json [--scorer S.py] [EDITION ...]

For every edition named in the truth file it writes variants into a temporary folder (deleted at the
end; nothing is written into the repository): full-width ``　　`` indentation with single line
breaks (headings unindented, or every line indented), the same hard-wrapped at a fixed width,
``#`` marks removed, blank-line layouts, and GB18030 / UTF-16 encodings. Each variant folder is
scored with the scorer (``score_parse.py``) and a summary line per variant is printed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _shared import find_scorer

from index.ingest import layout
from index.ingest.lines import section_label
from index.ingest.reader import read_text

_MARK = re.compile(r"^\s*[#＃]{1,6}\s*")
_INDENT = "\u3000\u3000"


HEADINGS: set[str] = set()  # kicker/title/subtitle/section texts of the truth file


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", _MARK.sub("", line).strip().lstrip("—-－").strip())


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """(line, is_heading) for every non-blank line: a ``#`` line or a headline/section of the truth."""
    out = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line:
            label = section_label(_norm(line)) is not None and len(line) <= 24
            out.append((line, bool(_MARK.match(line)) or _norm(line) in HEADINGS or label))
    return out


def _logical(text: str) -> str:
    """One line per paragraph (an already hard-wrapped file is joined first), blank lines kept."""
    lines, _width = layout.join_wrapped(layout.physical_lines(text))
    return "\n".join("\n" * ln.blanks + _INDENT * (ln.indent > 0) + ln.raw.strip() for ln in lines) + "\n"


def _strip(line: str) -> str:
    return _MARK.sub("", line).rstrip("#＃ ")


def _wrap(line: str, width: int, first: int, cols: bool = False) -> list[str]:
    """Cut ``line`` at ``width`` characters (or display columns), the first piece at ``first``."""
    out, cut = [], first
    while (layout.columns(line) if cols else len(line)) > cut:
        k = cut
        if cols:  # as many characters as fit in ``cut`` columns
            k, used = 0, 0
            while k < len(line) and used + layout.columns(line[k]) <= cut:
                used += layout.columns(line[k])
                k += 1
        out.append(line[:k])
        line, cut = line[k:], width
    return [*out, line]


def indented(
    text: str,
    *,
    marks: bool,
    all_lines: bool,
    wrap: int = 0,
    blank: bool = False,
    hash_only: bool = False,
    cols: bool = False,
) -> str:
    """Full-width indentation; headings unindented unless ``all_lines``; optional hard wrap.

    With ``hash_only`` only ``#`` lines count as headings (an unmarked kicker is indented).
    """
    lines: list[str] = []
    for line, head in _paragraphs(text):
        head = bool(_MARK.match(line)) if hash_only else head
        body = line if marks else _strip(line)
        if head and not all_lines:
            lines.append(body)
        elif wrap:
            first = wrap - (4 if cols else 2)
            lines += [(_INDENT if k == 0 else "") + p for k, p in enumerate(_wrap(body, wrap, first, cols))]
        else:
            lines.append(_INDENT + body)
        if blank:
            lines.append("")
    return "\n".join(lines) + "\n"


def wrapped_flat(text: str, *, wrap: int, blank: bool) -> str:
    """Hard wrap without indentation: paragraphs end with a short line (and a blank line if ``blank``)."""
    lines: list[str] = []
    for line, head in _paragraphs(text):
        body = _strip(line)
        lines += [body] if head else _wrap(body, wrap, wrap)
        if blank:
            lines.append("")
    return "\n".join(lines) + "\n"


def plain(text: str, *, marks: bool) -> str:
    """Blank-line layout without indentation."""
    return "\n\n".join(line if marks else _strip(line) for line, _ in _paragraphs(text)) + "\n"


VARIANTS: dict[str, tuple[Callable[[str], str], str]] = {
    "indent-single": (lambda t: indented(t, marks=False, all_lines=False), "utf-8"),
    "indent-single-marks": (lambda t: indented(t, marks=True, all_lines=False), "utf-8"),
    "indent-all-single": (lambda t: indented(t, marks=True, all_lines=True), "utf-8"),
    "indent-all-nomarks": (lambda t: indented(t, marks=False, all_lines=True), "utf-8"),
    "indent-hash-only": (lambda t: indented(t, marks=False, all_lines=False, hash_only=True), "utf-8"),
    "wrap76cols": (lambda t: indented(t, marks=False, all_lines=False, wrap=76, cols=True), "utf-8"),
    "wrap38": (lambda t: indented(t, marks=False, all_lines=False, wrap=38), "utf-8"),
    "wrap30-marks": (lambda t: indented(t, marks=True, all_lines=False, wrap=30), "utf-8"),
    "wrap36-flat-blank": (lambda t: wrapped_flat(t, wrap=36, blank=True), "utf-8"),
    "wrap36-flat-single": (lambda t: wrapped_flat(t, wrap=36, blank=False), "utf-8"),
    "indent-blank": (lambda t: indented(t, marks=False, all_lines=False, blank=True), "utf-8"),
    "plain-nomarks": (lambda t: plain(t, marks=False), "utf-8"),
    "gb18030-crlf": (lambda t: indented(t, marks=False, all_lines=False).replace("\n", "\r\n"), "gb18030"),
    "utf16": (lambda t: t, "utf-16"),
}


def main() -> int:
    """Write the variants to a temporary folder and score each one."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("editions", nargs="*")
    ap.add_argument("--truth", type=Path, required=True)
    ap.add_argument(
        "--scorer",
        type=Path,
        help="score_parse.py (default: the nearest tools/score_parse.py above the truth file)",
    )
    ap.add_argument("--only", help="comma-separated variant names")
    ap.add_argument("--out", type=Path, help="write the variants here and keep them (default: a temp folder)")
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    for arts in truth.values():
        for art in arts:
            HEADINGS.update(_norm(art[k]) for k in ("kicker", "title", "subtitle", "section") if art.get(k))
    scorer = args.scorer or find_scorer(args.truth)
    names = args.editions or list(truth)
    wanted = args.only.split(",") if args.only else list(VARIANTS)
    worst = 1.0
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = str(args.out or tmp_dir)
        for variant in wanted:
            make, encoding = VARIANTS[variant]
            folder = Path(tmp) / variant
            folder.mkdir(parents=True, exist_ok=True)
            paths = []
            for name in names:
                src = args.truth.parent / Path(name).name
                text = _logical(read_text(src.read_bytes(), src.name).text)
                out = folder / src.name
                out.write_bytes(make(text).encode(encoding))
                paths.append(str(out))
            cmd = [sys.executable, str(scorer), "--truth", str(args.truth), "-q", *paths]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            last = (res.stdout.strip().splitlines() or [f"? {res.stderr.strip()[-300:]}"])[-1]
            print(f"{variant:22} {last}")
            m = re.search(r"(\d+)/(\d+)", last)
            if m:
                worst = min(worst, int(m.group(1)) / max(1, int(m.group(2))))
    print(f"worst variant: {worst:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
