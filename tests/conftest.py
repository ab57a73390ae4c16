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
