"""Reader pane: the article's parts, highlighted terms, F3 / Shift+F3 through them, citation copy."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtWidgets import QApplication

from index.models import SearchRequest
from viewer.widgets.reader import Reader, mark, mark_terms, term_pattern


@pytest.fixture
def reader(qtbot) -> Reader:  # type: ignore[no-untyped-def]
    r = Reader()
    qtbot.addWidget(r)
    r.resize(600, 500)
    r.show()
    return r


def _hit_article(archive, word):  # type: ignore[no-untyped-def]
    result = archive.search(SearchRequest(text=word))
    return archive.article(result.ids[0]), result.terms


def test_shows_every_part_of_the_article(reader, archive) -> None:  # type: ignore[no-untyped-def]
    articles = [a for e in archive.editions() for a in archive.edition_articles(e.id)]
    article = max(articles, key=lambda a: (bool(a.reporters), bool(a.captions), bool(a.kicker), len(a.body)))
    reader.show_article(article)
    text = reader.browser.toPlainText()
    assert article.title in text and article.date.isoformat() in text
    for part in (article.kicker, article.subtitle, *article.reporters, *article.correspondents):
        assert part in text
    for caption in article.captions:
        assert caption.text in text
    for paragraph in article.paragraphs:
        assert paragraph in text
    assert reader.hit_count() == 0 and not reader.next_hit_button.isEnabled()
    fragment = dataclasses.replace(article, fragment=True)
    reader.show_article(fragment)
    assert reader.tr("The beginning of this article was lost in the source.") in reader.browser.toPlainText()


def test_terms_are_highlighted_and_f3_walks_them(reader, archive, common_word) -> None:  # type: ignore[no-untyped-def]
    article, terms = _hit_article(archive, common_word)
    reader.show_article(article, terms)
    pattern = term_pattern(terms)
    marked_parts = [article.kicker, article.title, article.subtitle, *article.paragraphs]
    marked_parts += [
        "、".join(n) for n in (article.reporters, article.correspondents, article.photographers) if n
    ]
    marked_parts += [c.text for c in article.captions]
    expected = sum(len(re.findall(pattern, p, flags=re.IGNORECASE)) for p in marked_parts)
    assert reader.hit_count() == expected > 0
    words = {t.lower() for t in terms}
    reader.step_hit(1)
    assert reader.current_hit() == 0 and reader.selected_text().lower() in words
    for _ in range(reader.hit_count() - 1):
        reader.step_hit(1)
    assert reader.current_hit() == reader.hit_count() - 1
    reader.step_hit(1)  # wraps around
    assert reader.current_hit() == 0
    reader.step_hit(-1)
    assert reader.current_hit() == reader.hit_count() - 1
    assert reader.hit_label.text() == f"{reader.hit_count()}/{reader.hit_count()}"


def test_mark_escapes_html() -> None:
    assert mark("<a>平城&区</a>", term_pattern(["平城"])) == (
        "&lt;a&gt;<span style='background-color:#ffe98a'>平城</span>&amp;区&lt;/a&gt;"
    )
    assert term_pattern(["记者:李满", "", "平城", "平城区"]) == "平城区|平城"


def test_copy_citation(reader, archive, common_word, qtbot) -> None:  # type: ignore[no-untyped-def]
    from index.export import citation  # the project's own package: imported, never skipped

    article, terms = _hit_article(archive, common_word)
    reader.show_article(article, terms)
    with qtbot.waitSignal(reader.status_message):
        reader.copy_citation.click()
    copied = QApplication.clipboard().text()
    assert copied == citation(article)
    assert article.title in copied


def test_result_navigation_buttons_ask_the_wiring(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(reader.next_result_requested):
        reader.next_result.click()
    with qtbot.waitSignal(reader.prev_result_requested):
        reader.prev_result.click()


def test_reader_and_result_snippets_mark_the_same_spans(reader) -> None:  # type: ignore[no-untyped-def]
    from index.search import highlight

    text = "美化环境，绿化城市，化解矛盾"
    terms = ["绿化", "化"]  # a lone 化 is not marked when a longer term is
    snippet = highlight.best_snippet([text], terms)
    assert snippet.count("<b>") == 1 and "<b>绿化</b>" in snippet
    assert mark_terms(text, terms).count("<span") == 1
    assert mark(text, term_pattern(terms)) == mark_terms(text, terms)
