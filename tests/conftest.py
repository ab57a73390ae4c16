"""Set-up shared by every test: the core's messages in English unless a test asks for Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index import i18n


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Messages in English (whatever the machine's locale), restored after tests that switch."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI follows the locale: an English one (``LANG=C.UTF-8``, nothing overriding it)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True, scope="session")
def _own_user_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The index key (issue 9) goes to a folder of the test session, never to the real user's config."""
    import os

    before = os.environ.get("PINGCHENG_CONFIG_DIR")
    os.environ["PINGCHENG_CONFIG_DIR"] = str(tmp_path_factory.mktemp("user-config"))
    yield
    if before is None:
        os.environ.pop("PINGCHENG_CONFIG_DIR", None)
    else:
        os.environ["PINGCHENG_CONFIG_DIR"] = before
