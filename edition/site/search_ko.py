"""Korean search for the built site: Sphinx's English search plus Korean morphemes (Kiwi).

Why: Sphinx has no Korean search language. Its English splitter indexes a Korean word with its
particles attached (제재를, 수출은, 대북제재), so a search for the noun 제재 missed every page
that only has inflected or compound forms of it.

What the index holds (build time, Python):

* Latin text exactly as Sphinx's English search indexes it (``\\w+`` words, Porter stems,
  English stop words): English search does not change.
* For every Korean word (eojeol), instead of the word with its particles, the forms Kiwi's
  morpheme analysis finds in it: each noun (NNG, NNP, XR), each chain of nouns with a leading
  prefix (대북제재, 비공식, 생산네트워크), the word without its particles and endings
  (비공식적 from 비공식적인), and every substring of two or more syllables of a noun chain of
  three or more. The last mirrors what Sphinx's own search does for queries of three letters
  or more (it matches them inside longer index terms) for the two-syllable nouns that are most
  of Korean's vocabulary (제재, 수출, 임금), which Sphinx never matches partially.

What the browser does with a query (``js_stemmer_code``): Latin words go through the same Porter
stemmer as before. A Korean word loses its particles and endings (제재를 → 제재, 노동자들 → 노동자,
수출은 → 수출) when the remaining stem is an index term (of two syllables or more if the whole word
is one too);
the list of endings is :data:`KO_ENDINGS`. No dictionary ships to the reader: the index itself is
the dictionary.

The Kiwi model (kiwipiepy-model, about 90 MB installed) is loaded once per build, only when the
first Korean text reaches the indexer, and never at read time.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish, js_porter_stemmer

HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORD = re.compile(r"\w+")
_EOJEOL = re.compile(r"\S+")

#: Kiwi tags that make a noun chain (general and proper nouns, roots); XPN is a prefix (비, 대).
NOUN_TAGS = frozenset({"NNG", "NNP", "XR"})
PREFIX_TAG = "XPN"
#: Tags where a word's stem ends: particles (J…), endings (E…), copula, verb/adjective
#: derivation, the plural suffix 들, punctuation.
STEM_END = re.compile(r"^(J|E|VCP|VCN|XSV|XSA|S[FPSEWO])")
PLURAL = "들"

#: Particles and endings a reader may type after a noun; the query keeps the longest stem the
#: index knows. Ordered longest first inside each alternative group by the regex engine's
#: backtracking; the whole rest of the word must match.
KO_ENDINGS = (
    "들", "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "한테", "로", "으로",
    "와", "과", "랑", "이랑", "도", "만", "까지", "부터", "보다", "처럼", "마다", "이나", "나",
    "이며", "며", "이고", "고", "이다", "다", "였다", "이었다", "인", "이라는", "라는", "이란", "란",
    "적", "적인", "적으로", "적이", "화", "하다", "한", "하는", "했다", "하였다", "하여", "해", "된",
    "되는", "되었다", "됐다", "에서의", "에의", "으로의", "로의", "과의", "와의", "에는", "에서는",
    "으로는", "로는", "에도", "에서도", "으로도", "로도", "에서부터", "으로서", "로서", "으로써",
    "로써", "조차", "마저", "뿐", "만을", "만이", "도록",
)


@lru_cache(maxsize=1)
def kiwi():
    """The analyser, loaded on first use: a build without Korean never pays.

    Without the typo-correction and multi-word dictionaries (the index is of an edited text, and
    the book's forms are the same without them): loading and the first analysis take about 1 s
    instead of 2.5 s.
    """
    from kiwipiepy import Kiwi

    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def _parts(form: str) -> list[str]:
    """A form as the words the browser's query splitter would make of it (북·중 → 북, 중)."""
    return _WORD.findall(form)


def _substrings(chain: str) -> set[str]:
    """Every run of two or more syllables inside a noun chain of three or more."""
    n = len(chain)
    if n < 3 or not all(HANGUL.match(c) for c in chain):
        return set()
    return {chain[i:j] for i in range(n) for j in range(i + 2, n + 1) if (i, j) != (0, n)}


def eojeol_forms(text: str, tokens: list[Any]) -> list[str]:
    """The index forms of one Korean word, given its Kiwi tokens (positions within *text*)."""
    forms: list[str] = []
    chains: list[str] = []
    run_start = run_end = None
    stem_end = None

    def close_run() -> None:
        nonlocal run_start, run_end
        if run_start is not None and run_end is not None and run_end > run_start:
            chains.append(text[run_start:run_end])
        run_start = run_end = None

    for i, tok in enumerate(tokens):
        tag = tok.tag
        if stem_end is None and (STEM_END.match(tag) or (tag == "XSN" and tok.form == PLURAL)):
            stem_end = tok.start
        if tag in NOUN_TAGS:
            forms.append(text[tok.start:tok.start + tok.len])
            if run_start is None:
                run_start = tok.start
            run_end = tok.start + tok.len
        elif tag == PREFIX_TAG and i + 1 < len(tokens) and tokens[i + 1].tag in NOUN_TAGS:
            close_run()
            run_start = tok.start
        else:
            close_run()
        if tag.startswith("VV") or tag.startswith("VA"):
            forms.append(tok.form + "다")  # a verb or adjective by its dictionary form
    close_run()
    first = tokens[0].start if tokens else 0
    if stem_end is not None and stem_end > first:
        forms.append(text[first:stem_end])
    for chain in chains:
        forms.append(chain)
        forms.extend(_substrings(chain))
    out: list[str] = []
    for form in forms:
        out.extend(p for p in _parts(form) if HANGUL.search(p))
    return out


def korean_forms(text: str) -> list[str]:
    """Index forms for all Korean words of *text* (see the module docstring)."""
    if not HANGUL.search(text):
        return []
    return list(_korean_forms(text))


@lru_cache(maxsize=4096)
def _korean_forms(text: str) -> tuple[str, ...]:
    """The analysis, once per distinct text: a third of the book's Korean text nodes repeat
    (headings in the sidebar and titles, verdict labels, the ledger's Korean column)."""
    spans = [m.span() for m in _EOJEOL.finditer(text)]
    starts = [s for s, _ in spans]
    groups: dict[int, list[Any]] = {}
    for tok in kiwi().tokenize(text):
        k = bisect.bisect_right(starts, tok.start) - 1
        if k >= 0:
            groups.setdefault(k, []).append(tok)
    out: list[str] = []
    for k in sorted(groups):
        s, e = spans[k]
        if HANGUL.search(text[s:e]):
            out.extend(eojeol_forms(text, groups[k]))
    return tuple(out)


#: Browser side: the English Porter stemmer, renamed, behind a Korean-aware Stemmer.
JS_STEMMER = (js_porter_stemmer.replace("var Stemmer = function()", "var EnglishStemmer = function()", 1)
              + """
/**
 * Korean: a query word that is not an index term loses its particles or endings when what is
 * left is an index term (제재를 -> 제재, 노동자들 -> 노동자). Latin words: Porter, as before.
 * See edition/site/search_ko.py.
 */
var KO_ENDING = new RegExp("^(?:" + %s.join("|") + ")+$");
var KO_HANGUL = /[\\uac00-\\ud7a3]/;
var Stemmer = function() {
  var english = new EnglishStemmer();
  function known(term) {
    var idx = (typeof Search !== "undefined" && Search._index) ? Search._index : null;
    if (!idx) return false;
    // A term of an earlier build can linger with no page (Sphinx prunes pages, not terms).
    function pages(map) {
      var v = map && Object.prototype.hasOwnProperty.call(map, term) ? map[term] : undefined;
      return v !== undefined && (typeof v === "number" || v.length > 0);
    }
    return pages(idx.terms) || pages(idx.titleterms);
  }
  this.stemWord = function(w) {
    if (!KO_HANGUL.test(w)) return english.stemWord(w);
    // The longest stem the index knows, before the word itself: a word with a particle can be an
    // index term by a quirk of the analysis (중국의), and must still find every page of its noun.
    // A one-syllable stem is taken only when the whole word is unknown (국가 stays 국가).
    var whole = known(w);
    for (var i = w.length - 1; i >= (whole ? 2 : 1); i--) {
      if (KO_ENDING.test(w.slice(i)) && known(w.slice(0, i))) return w.slice(0, i);
    }
    return w;
  };
};
""")


def _js_endings() -> str:
    import json

    return json.dumps(sorted(KO_ENDINGS, key=len, reverse=True), ensure_ascii=False)


class SearchKorean(SearchEnglish):
    """English search with Korean words indexed by morpheme (see the module docstring)."""

    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = JS_STEMMER % _js_endings()

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        words = [w for w in _WORD.findall(input) if not HANGUL.search(w)]
        return words + korean_forms(input)

    def stem(self, word: str) -> str:
        if HANGUL.search(word):
            return word
        return super().stem(word)


def _use_korean(app: Sphinx, config: Any) -> None:
    """Korean search unless the project chose another search language."""
    if not config.html_search_language:
        config.html_search_language = SearchKorean.lang


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchKorean)
    app.connect("config-inited", _use_korean)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
