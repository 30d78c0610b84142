"""Korean particles (조사) chosen by the sound they follow: one helper for every generated sentence.

Why here and not a library: the PyPI packages for Korean particles (tossi, josa, pyjosa,
korean-josa) look at the last Hangul letter only, or read a number digit by digit, and none was
maintained for the forms the edition writes: numbers read aloud (11 → 십일, 100 → 백, 1,000 → 천,
2.5 → 이 점 오), a percent sign (퍼센트), Latin abbreviations (UN → 유엔, KOTRA → 코트라),
a closing parenthesis or quotation mark (the particle follows the word before the parenthesis:
"결의 2397호(2017년 12월 22일)와"). So the rule is written once here, with its tests.

Usage: ``attach("2019년 2월", "와")`` → "2019년 2월과"; ``particle("28억 달러", "이")`` → "가".
Any of a pair's two forms may be given (와/과, 은/는, 이/가, 을/를, 으로/로, 이다/다, 이면/면,
이나/나, 이라고/라고).
"""
from __future__ import annotations

import re

#: (after a consonant, after a vowel); 으로/로 also takes 로 after ㄹ.
PAIRS = (("과", "와"), ("은", "는"), ("이", "가"), ("을", "를"), ("으로", "로"), ("이다", "다"),
         ("이면", "면"), ("이나", "나"), ("이라고", "라고"), ("이며", "며"))
_FORMS = {form: pair for pair in PAIRS for form in pair}

#: How the last digit of a number is read (Sino-Korean): its final consonant, "" for a vowel.
_DIGIT = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ",
          "8": "ㄹ", "9": ""}
#: Place words read after the last non-zero digit: 십 백 천 만 … 억 … 조.
_PLACE = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ", 4: "ㄴ", 8: "ㄱ", 12: ""}
#: Latin letters as read aloud in Korean (for abbreviations: UN 유엔, KITA 키타 is read by its
#: last letter A 에이), final consonant of the letter's name.
_LETTER = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
#: Whole Latin words the generated text uses, as read (final consonant, "" for a vowel).
_WORDS = {"kotra": "", "kita": "", "un": "ㄴ", "comtrade": "", "gac": "", "voa": "", "kdi": "",
          "kiep": "", "ytn": "ㄴ", "kbs": "", "sbs": "", "hs": ""}
#: Symbols read as words: % 퍼센트, km 킬로미터, ~ (a range's end is read).
_SYMBOL = {"%": "", "℃": ""}
_TRAILING = "”’\"'」』〕》〉]*"
_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
         "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?$")
_LATIN = re.compile(r"([A-Za-z]+)$")


class JosaError(ValueError):
    """A word whose last sound the helper cannot tell: the template must not guess."""


def _strip(text: str) -> str:
    """The word a particle follows: without marks, closing quotes and a closing parenthetical
    (the particle agrees with the word before the parenthesis)."""
    text = text.rstrip()
    while True:
        before = text
        text = text.rstrip(" ✓✗?").rstrip(_TRAILING).rstrip()
        if text.endswith(")"):
            depth, i = 0, len(text) - 1
            while i >= 0:
                depth += {")": 1, "(": -1}.get(text[i], 0)
                if depth == 0:
                    break
                i -= 1
            if i > 0:
                text = text[:i].rstrip()
        if text == before:
            return text


def _number_coda(integer: str, decimals: str | None) -> str:
    if decimals:
        return _DIGIT[decimals[-1]]
    digits = integer.replace(",", "")
    if set(digits) == {"0"}:
        return "ㅇ"  # 영
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if zeros == 0:
        return _DIGIT[stripped[-1]]
    if zeros >= 12:
        return _PLACE[12]
    if zeros >= 8:
        return _PLACE[8]
    return _PLACE[min(zeros, 4)]


def coda(text: str) -> str:
    """The final consonant of the last sound of ``text`` as read aloud, "" for a vowel.

    Raises JosaError for what it cannot read (an empty string, an unknown symbol)."""
    word = _strip(text)
    if not word:
        raise JosaError(f"no word before the particle in {text!r}")
    last = word[-1]
    if "가" <= last <= "힣":
        return _JONG[(ord(last) - 0xAC00) % 28]
    if last in _SYMBOL:
        return _SYMBOL[last]
    m = _NUMBER.search(word)
    if m:
        return _number_coda(m.group(1), m.group(2))
    m = _LATIN.search(word)
    if m:
        latin = m.group(1)
        if latin.lower() in _WORDS:
            return _WORDS[latin.lower()]
        if latin.isupper() or len(latin) == 1:
            return _LETTER.get(latin[-1].lower(), "")
        if latin.lower().endswith("km"):
            return ""
    raise JosaError(f"cannot tell how {word!r} ends when read aloud (in {text!r})")


def particle(text: str, form: str) -> str:
    """The form of the particle ``form`` (either member of its pair) that follows ``text``."""
    pair = _FORMS.get(form)
    if pair is None:
        raise JosaError(f"unknown particle {form!r} (known: {', '.join(sorted(_FORMS))})")
    final = coda(text)
    if pair == ("으로", "로"):
        return "로" if final in ("", "ㄹ") else "으로"
    return pair[1] if final == "" else pair[0]


def attach(text: str, form: str) -> str:
    """``text`` followed by the right form of the particle: attach("2019년 2월", "와") → "2019년 2월과"."""
    return text + particle(text, form)


# --- checking rendered text ------------------------------------------------------------------

#: A particle written straight after something whose sound the helper can read: a number, a
#: percent sign, a closing parenthesis or quotation mark, a Latin word, or a Hangul word that is
#: a counter, a date word or a noun the templates use. Word-internal syllables (결과, 차이, 국가)
#: and verb endings (줄어드는) are not particles and are left alone.
_NOUN_ENDS = "년월일호명개곳톤러안럴만억천백말점표절칸합값액율률중치문료간"
_CHECK = re.compile(
    r"(?P<before>(?:[0-9A-Za-z%)\]”’」』〕]|[" + _NOUN_ENDS + r"]))"
    r"(?P<p>으로|와|과|은|는|이|가|을|를|로)(?=[\s,.;:!?)\]”’」』]|$)")
_HEDGED = re.compile(r"(?:은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(으\)로)")


def problems(text: str) -> list[str]:
    """Every particle in ``text`` that does not agree with the sound before it, and every hedged
    form ("은(는)"), as messages naming the place; [] if all agree."""
    out = [f"hedged particle {m.group(0)!r} in {text!r}" for m in _HEDGED.finditer(text)]
    for m in _CHECK.finditer(text):
        start = m.start("p")
        head = text[:start]
        p = m.group("p")
        try:
            want = particle(head, p)
        except JosaError:
            continue
        if want != p:
            out.append(f"{head[-12:]}|{p}: expected {want!r} in {text!r}")
    return out
