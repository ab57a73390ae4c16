"""Checks the core's messages against the catalog: run ``python -m index.i18n_check``.

From the repository root (``PYTHONPATH=$PWD python -m index.i18n_check``) it walks the AST of every
module under ``index/`` (and the ``viewer/`` modules that use :func:`index.i18n._`) and prints one
line per problem, ``path:line: kind: text``, then exits 1 if there is any (0 when all is well):

* ``missing`` — a ``_("…")`` message with no Chinese in ``resources/locale/zh_CN.json``;
* ``placeholders`` — the Chinese has other ``{fields}`` than the English;
* ``untranslated`` — the "translation" is the English text itself;
* ``unwrapped`` — a user-visible English literal not passed through ``_()``: the message of a
  project error (:class:`index.errors.ArchiveError` and every subclass, ``UsageError``,
  ``FileNotFoundError``), text added to ``warnings``/``errors`` lists (import reports, parse
  warnings), an ``error=``/``message=``/``warning=`` argument, a ``progress(done, total, text)``
  message, or a reason in :data:`MESSAGE_ARGS` (``Leftover``'s ``why``);
* ``format`` — ``_("… {a}").format(b=…)`` whose keywords differ from the message's fields, or a
  message with fields that is never formatted; ``literal`` — ``_()`` of something not a literal;
* ``shadowed`` — ``_`` rebound (``for _ in …``, ``a, _, b = …``) where ``_()`` is called: rename it;
* ``unused`` — a catalog entry no module uses any more.

Fixing: wrap the literal, ``raise ArchiveError(f"No article {aid}")`` →
``raise ArchiveError(_("No article {aid}").format(aid=aid))``, then ``--stub`` prints the missing
messages as JSON (``"English": ""``) to paste into ``zh_CN.json`` and translate. Log messages
(``logger.*``) stay English and are never reported. ``tests/test_i18n_catalog.py`` fails on any
problem this tool reports.
"""

from __future__ import annotations

import argparse
import ast
import json
import logging
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index import paths

logger = logging.getLogger(__name__)

CORE = Path(__file__).resolve().parent
LANGUAGE = "zh_CN"
# error classes (besides ArchiveError's subclasses found in the source) whose message users see
USER_ERRORS = {"ArchiveError", "UsageError", "FileNotFoundError"}
MESSAGE_LISTS = {"warnings", "errors"}  # x.warnings.append(…), errors += […], warnings = […]
MESSAGE_KEYWORDS = {"error", "message", "warning", "warnings", "errors", "why"}
PROGRESS_CALLS = {"progress"}  # progress(done, total, message)
# other callables taking a user-visible text: name → positions of those arguments
MESSAGE_ARGS: dict[str, tuple[int, ...]] = {"_orphan": (1,), "Leftover": (1,)}
VERBATIM_KEYWORDS = {"help", "description", "epilog"}  # argparse texts: braces shown as they are
SKIP = {"i18n.py", "i18n_check.py"}  # the catalog's own modules
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Problem:
    """One finding: where, what kind (``missing``, ``unwrapped``, …) and the text concerned."""

    where: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.text}"


def fields(text: str) -> set[str]:
    """The ``str.format`` field names of ``text`` (``{n}``, ``{x!r}``, ``{a.b}`` → ``n``, ``x``, ``a``)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return {"<malformed>"}
    return {re.split(r"[.\[]", name)[0] for _t, name, _s, _c in parsed if name is not None}


def _wordy(text: str) -> bool:
    return bool(_WORD.search(_PLACEHOLDER.sub("", text)))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _is_gettext(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in {"_", "gettext"}


def loose_literals(node: ast.AST) -> Iterator[ast.AST]:
    """English literals of a message expression that do not pass through ``_()``."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and _wordy(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        if _wordy(text):
            yield node
    elif isinstance(node, ast.Call):
        if not _is_gettext(node) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            yield from loose_literals(node.func.value)
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                yield from loose_literals(arg)
    elif isinstance(node, ast.BinOp):
        yield from loose_literals(node.left)
        yield from loose_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from loose_literals(node.body)
        yield from loose_literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from loose_literals(value)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for elt in node.elts:
            yield from loose_literals(elt)
    elif isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        yield from loose_literals(node.elt)
    elif isinstance(node, ast.Starred):
        yield from loose_literals(node.value)


def _targets_message_list(target: ast.expr) -> bool:
    return _name(target) in MESSAGE_LISTS if isinstance(target, (ast.Name, ast.Attribute)) else False


def error_classes(modules: list[Path]) -> set[str]:
    """:data:`USER_ERRORS` and every class of ``modules`` deriving from one of them."""
    classes: dict[str, set[str]] = {}
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    known = set(USER_ERRORS)
    grown = True
    while grown:
        new = {name for name, bases in classes.items() if bases & known} - known
        known |= new
        grown = bool(new)
    return known


def message_sites(tree: ast.AST, errors: set[str]) -> Iterator[ast.AST]:
    """The expressions of ``tree`` whose text a user sees (see the module docstring)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in errors or name in PROGRESS_CALLS:
                yield from node.args
            elif name in MESSAGE_ARGS:
                yield from (node.args[i] for i in MESSAGE_ARGS[name] if i < len(node.args))
            elif (
                name in {"append", "extend", "insert"}
                and isinstance(node.func, ast.Attribute)
                and _targets_message_list(node.func.value)
            ):
                yield from node.args
            yield from (k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_targets_message_list(t) for t in targets):
                yield node.value


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_INNER = (*_SCOPES, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _stores(scope: ast.AST) -> Iterator[int]:
    """Lines where ``scope`` itself (not a nested function or comprehension) binds the name ``_``."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            yield node.lineno
        if not isinstance(node, _INNER):
            todo.extend(ast.iter_child_nodes(node))


def shadowed(tree: ast.Module) -> list[int]:
    """Lines that rebind ``_`` where ``_()`` is needed (``for _ in …``, ``a, _, b = …``).

    A module-level binding replaces the imported ``_`` for the whole module; one in a function
    makes ``_`` local there, so a ``_("…")`` in that function (or one nested in it) fails.
    """
    lines = list(_stores(tree))
    for node in ast.walk(tree):
        if isinstance(node, _SCOPES) and any(_is_gettext(n) for n in ast.walk(node)):
            lines += _stores(node)
    return sorted(set(lines))


def _uses_gettext(tree: ast.Module) -> bool:
    return any(
        isinstance(n, ast.ImportFrom) and n.module == "index.i18n" and any(a.name == "_" for a in n.names)
        for n in ast.walk(tree)
    )


def scan_module(path: Path, rel: str, errors: set[str], core: bool) -> tuple[dict[str, str], list[Problem]]:
    """Messages passed to ``_()`` in one module (message → first place) and its problems.

    Args:
        path: The module.
        rel: Its name in the report (relative to the repository).
        errors: The user-visible error classes.
        core: Also look for unwrapped messages (modules under ``index/``).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    messages: dict[str, str] = {}
    problems: list[Problem] = []
    formatted: set[int] = set()  # _() calls formatted, or shown as they are (argparse help)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            formatted.update(id(k.value) for k in node.keywords if k.arg in VERBATIM_KEYWORDS)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            branches = [node.func.value]
            while isinstance(branches[-1], ast.IfExp):  # (_("a {x}") if c else _("b {x} {y}")).format(…)
                last = branches.pop()
                assert isinstance(last, ast.IfExp)
                branches += [last.body, last.orelse]
            for receiver in branches:
                if isinstance(receiver, ast.Call) and _is_gettext(receiver):
                    formatted.add(id(receiver))
                    _check_format(receiver, node, rel, problems, exact=len(branches) == 1)
    for node in ast.walk(tree):
        if not _is_gettext(node):
            continue
        assert isinstance(node, ast.Call)
        arg = node.args[0] if len(node.args) == 1 else None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            problems.append(Problem(f"{rel}:{node.lineno}", "literal", ast.unparse(node)))
            continue
        messages.setdefault(arg.value, f"{rel}:{node.lineno}")
        if fields(arg.value) and id(node) not in formatted:
            problems.append(Problem(f"{rel}:{node.lineno}", "format", f"{arg.value!r} is never formatted"))
    if _uses_gettext(tree):
        problems += [Problem(f"{rel}:{line}", "shadowed", "_ is rebound here") for line in shadowed(tree)]
    if core:
        seen: set[int] = set()
        for site in message_sites(tree, errors):
            for lit in loose_literals(site):
                if id(lit) not in seen:
                    seen.add(id(lit))
                    problems.append(
                        Problem(f"{rel}:{getattr(lit, 'lineno', 0)}", "unwrapped", ast.unparse(lit))
                    )
    return messages, problems


def _check_format(message: ast.Call, call: ast.Call, rel: str, problems: list[Problem], exact: bool) -> None:
    arg = message.args[0] if message.args else None
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return
    if call.args or any(k.arg is None for k in call.keywords):
        return  # positional or **kwargs: not checked
    given = {k.arg for k in call.keywords if k.arg is not None}
    wanted = fields(arg.value)
    if given != wanted if exact else not wanted <= given:  # a branch of a choice may use fewer
        problems.append(
            Problem(f"{rel}:{call.lineno}", "format", f"{arg.value!r} formatted with {sorted(given)}")
        )


def modules(core: Path = CORE) -> list[tuple[Path, bool]]:
    """The modules to check: every one under ``core`` (True), and the viewer's that use ``_`` (False)."""
    found = [(p, True) for p in sorted(core.rglob("*.py")) if p.relative_to(core).as_posix() not in SKIP]
    viewer = core.parent / "viewer"
    for path in sorted(viewer.rglob("*.py")) if viewer.is_dir() else []:
        if _uses_gettext(ast.parse(path.read_text(encoding="utf-8"))):
            found.append((path, False))
    return found


def load_catalog(language: str = LANGUAGE) -> dict[str, str]:
    """The translations of ``language`` as stored (``//`` comment entries left out)."""
    data = json.loads(paths.resource("locale", f"{language}.json").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items() if not str(k).startswith("//")}


def check(core: Path = CORE, catalog: dict[str, str] | None = None) -> tuple[dict[str, str], list[Problem]]:
    """Every message of the code (message → first place) and every problem found.

    Args:
        core: The ``index`` package folder (the viewer is looked for beside it).
        catalog: The translations (default: ``zh_CN.json``).
    """
    found = modules(core)
    root = core.parent
    errors = error_classes([p for p, is_core in found if is_core])
    messages: dict[str, str] = {}
    problems: list[Problem] = []
    for path, is_core in found:
        rel = path.relative_to(root).as_posix()
        msgs, probs = scan_module(path, rel, errors, is_core)
        for message, where in msgs.items():
            messages.setdefault(message, where)
        problems += probs
    cat = load_catalog() if catalog is None else catalog
    for message, where in messages.items():
        text = cat.get(message, "")
        if not text.strip():
            problems.append(Problem(where, "missing", repr(message)))
        elif fields(text) != fields(message):
            problems.append(Problem(where, "placeholders", f"{message!r} → {text!r}"))
        elif text == message and _wordy(message):
            problems.append(Problem(where, "untranslated", repr(message)))
    for key in sorted(set(cat) - set(messages)):
        problems.append(Problem(f"resources/locale/{LANGUAGE}.json", "unused", repr(key)))
    return messages, problems


def main(argv: list[str] | None = None) -> int:
    """Print the problems (or, with ``--stub``, the missing messages as JSON); 1 if there are any."""
    parser = argparse.ArgumentParser(prog="python -m index.i18n_check", description=__doc__.split("\n")[0])
    parser.add_argument("--stub", action="store_true", help="print the missing messages as JSON to translate")
    args = parser.parse_args(argv)
    messages, problems = check()
    if args.stub:
        missing = {ast.literal_eval(p.text): "" for p in problems if p.kind == "missing"}
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return 1 if missing else 0
    for problem in problems:
        print(problem)
    print(f"{len(messages)} messages, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
