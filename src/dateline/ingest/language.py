"""A cheap language guess from function words and script: enough to tell English from the rest.

A headline or a one-liner has few function words, so a share threshold alone calls short
English "not English". The guess therefore names a language only on evidence: enough of its
function words, more than of English's, or a non-Latin script; otherwise a short text with
some English in it is English, and one with no evidence either way is "und" (undetermined),
which is not a reason to refuse it.
"""

from __future__ import annotations

import re
import unicodedata

_ENGLISH = frozenset(
    "the of and to in a is that for on was with he it as at by said from his has have be are "
    "were not an its this which but had will they their been who after says over into amid "
    "against would could than our we she her about what no do one you i all or if there when so "
    "can more out up new two also".split()
)
# Function words of the languages an English news pipeline meets most, for telling them apart
# from English; words they share with English ("a", "in") count for both.
_OTHERS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les des du et est un une que qui dans pour pas sur au aux avec ce il "
                    "elle ont été par plus sont selon".split()),
    # no "al": the Arabic article of "al-Nusra", "Jaish al-Islam" in English news
    "es": frozenset("el la los las del y que en un una por con para es se lo como más pero "
                    "sus según fue".split()),
    "de": frozenset("der die das und ist nicht mit den dem ein eine zu von sich des auf für im "
                    "auch wurde nach".split()),
    "it": frozenset("il la che di e per un una non sono del della le gli alla con si è nel "
                    "dei".split()),
    "pt": frozenset("o a os as do da dos das que e em um uma para com não se por mais ao foi "
                    "na no".split()),
    "nl": frozenset("de het een en van in is dat op te zijn met voor niet aan er ook als werd "
                    "naar".split()),
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_SHORT = 20  # words: below this, shares are too noisy and counts decide
_ENGLISH_SHARE = 0.15  # English news runs at 35-50% function words
_OTHER_SHARE = 0.15
_OTHER_HITS = 2  # a short text names another language only on at least two of its words
_SCRIPT_SHARE = 0.5  # of letters, for a text to be in a non-Latin script


def detect_language(text: str) -> str:
    """``"en"``, another language's code on clear evidence (``"fr"``, ``"und-Cyrl"`` for a
    text in Cyrillic script), or ``"und"`` (undetermined: too little to tell)."""
    sample = text[:5000]
    script = _script(sample)
    if script is not None:
        return f"und-{script}"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    english = sum(word in _ENGLISH for word in words)
    other, hits = max(
        ((code, sum(word in vocab for word in words)) for code, vocab in _OTHERS.items()),
        key=lambda pair: pair[1],
    )
    if len(words) < _SHORT:
        # distinct words: a name repeated ("al-Nusra ... al-Islam") is not two clues
        distinct = len(set(words) & _OTHERS[other])
        if distinct >= _OTHER_HITS and hits > english:
            return other
        return "en" if english else "und"
    if english / len(words) >= _ENGLISH_SHARE and english >= hits:
        return "en"
    if hits / len(words) >= _OTHER_SHARE:
        return other
    return "und"


def is_english_or_undetermined(language: str) -> bool:
    """True unless the text was found to be in another language (or script)."""
    return language in ("en", "und") or language.startswith("en-")


# ISO 15924 codes of the scripts an English pipeline cannot read
_SCRIPTS = {
    "CYRILLIC": "Cyrl", "ARABIC": "Arab", "HEBREW": "Hebr", "GREEK": "Grek",
    "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "HANGUL": "Kore",
    "DEVANAGARI": "Deva", "THAI": "Thai", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
}  # fmt: skip


def _script(text: str) -> str | None:
    """The ISO 15924 code of the non-Latin script most letters are in, if most are."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char.isascii():
            continue
        name = unicodedata.name(char, "").split(" ")[0]
        code = _SCRIPTS.get(name)
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    if not counts or not letters:
        return None
    code, count = max(counts.items(), key=lambda pair: pair[1])
    return code if count / letters >= _SCRIPT_SHARE else None
