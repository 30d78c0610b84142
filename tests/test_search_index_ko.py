"""The Korean search language indexes Korean words by morpheme and leaves English as Sphinx has it."""
from __future__ import annotations

import pytest
from sphinx.search.en import SearchEnglish

from edition.site.search_ko import KO_ENDINGS, SearchKorean

@pytest.fixture(scope="module")
def lang():
    return SearchKorean({})


def test_english_text_is_split_and_stemmed_as_before(lang):
    text = "Sanctions were imposed on North Korean workers' wages (2017), e.g. HS 60."
    english = SearchEnglish({})
    assert lang.split(text) == english.split(text)
    assert [lang.stem(w) for w in lang.split(text)] == [english.stem(w) for w in english.split(text)]


@pytest.mark.parametrize("text,forms,absent", [
    ("대북제재를 위반했다", {"제재", "대북", "대북제재", "위반"}, {"대북제재를", "제재를"}),
    ("노동자들의 임금은", {"노동자", "임금"}, {"노동자들의", "임금은"}),
    ("임가공 방식의 위탁가공", {"임가공", "가공", "위탁가공", "위탁"}, {"방식의"}),
    ("비공식적인 네트워크", {"비공식", "공식", "네트워크"}, {"비공식적인"}),
    ("생산네트워크가", {"생산", "네트워크", "생산네트워크"}, {"생산네트워크가"}),
])
def test_korean_words_are_indexed_by_morpheme(lang, text, forms, absent):
    got = set(lang.split(text))
    assert forms <= got, forms - got
    assert not (absent & got), absent & got


def test_korean_words_are_not_stemmed_by_porter(lang):
    assert lang.stem("제재") == "제재"


def test_particles_the_browser_strips_are_korean_endings():
    assert {"를", "을", "은", "는", "이", "가", "의", "에서", "들", "으로"} <= set(KO_ENDINGS)
    assert all(e and all("\uac00" <= ch <= "\ud7a3" for ch in e) for e in KO_ENDINGS)
