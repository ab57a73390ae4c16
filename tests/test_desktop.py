"""Desktop integration without a running Qt: display check, the .desktop launcher and icons, packaging."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tomllib
from pathlib import Path

from index import paths
from viewer.platform import desktop_entry, display_problem, install_desktop

REPO = Path(__file__).resolve().parents[1]


def test_no_display_is_a_message_not_an_abort() -> None:
    assert "display" in display_problem({}, "linux")
    assert display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert display_problem({}, "win32") == "" and display_problem({}, "darwin") == ""


def test_install_desktop_writes_a_valid_launcher_and_icons(tmp_path: Path) -> None:
    files = install_desktop(tmp_path)
    desktop = tmp_path / "applications" / "pingcheng-archive.desktop"
    assert desktop in files and all(f.is_file() and f.stat().st_size > 0 for f in files)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == "pingcheng-archive"
    assert entry["Name[zh_CN]"] == "平城区报档案" and entry["Terminal"] == "false"
    command = entry["Exec"].split()[0]
    assert Path(command).is_absolute() and Path(command).exists()
    assert (tmp_path / "icons/hicolor/scalable/apps/pingcheng-archive.svg").read_bytes().startswith(b"<?xml")
    png = (tmp_path / "icons/hicolor/256x256/apps/pingcheng-archive.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 256
    assert desktop_entry("/x/y").count("Exec=/x/y") == 1


def test_resources_are_package_data_and_found_through_paths() -> None:
    for name in ("gazetteer.json", "taxonomy.toml", "jieba_userdict.txt", "pingcheng-archive.desktop"):
        assert paths.resource(name).is_file(), name
    assert sorted(paths.samples_dir().glob("*.txt")) and paths.icon_path("svg").is_file()
    assert (paths.translations_dir() / "pingcheng_zh_CN.qm").is_file()
    setup = (REPO / "setup.py").read_text(encoding="utf-8")
    assert '"pingcheng_resources": "resources"' in setup
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["pingcheng-archive"] == "viewer.launch:main"
    assert "py-modules" not in project.get("tool", {}).get("setuptools", {}), "no top-level module main"


def test_every_imported_third_party_module_is_declared() -> None:
    import ast

    declared = " ".join(
        tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    ).lower()
    dist_of = {"fontTools": "fonttools", "docx": "python-docx", "fpdf": "fpdf2", "PySide6": "pyside6",
               "whoosh": "whoosh-reloaded", "charset_normalizer": "charset-normalizer"}  # fmt: skip
    ours = {"index", "viewer", "tests", "pingcheng_resources", "benchmarks"}
    stdlib = set(sys.stdlib_module_names)
    found: set[str] = set()
    for folder in ("index", "viewer"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                found |= {n.split(".")[0] for n in names}
    third_party = sorted(found - stdlib - ours - {"__future__"})
    assert third_party
    for module in third_party:
        assert dist_of.get(module, module).lower() in declared, f"{module} is imported but not declared"


def test_console_script_has_the_version() -> None:
    from index import __version__

    proc = subprocess.run([sys.executable, "-m", "viewer.launch", "--version"], capture_output=True, text=True,
                          cwd=REPO, timeout=60)  # fmt: skip
    assert proc.returncode == 0 and proc.stdout.strip() == f"pingcheng-archive {__version__}"
