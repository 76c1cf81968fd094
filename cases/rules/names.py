"""Search keys for people's names that survive transliteration, diacritics and Latvian endings.

The same person is written "Oleksandr Shevchenko" (English passport transliteration), "Олександр
Шевченко" (Ukrainian), "Aleksandrs Ševčenko" (Latvian documents add the masculine -s and use č, š) or
"Jūlija Meļņika" (Latvian feminine -a). `name_tokens` reduces every form to the same rough phonetic
key, one per word:

1. Cyrillic is transliterated and Latvian, Lithuanian, Czech or Turkish letters are spelt out
   (š → sh, č → ch, ž → zh); other accents are dropped.
2. Spellings of one sound become one letter: sh/sch/shch → s, ch/ts/tz/cz → c, zh → z, kh/h → g (the
   Ukrainian г is h, the Russian g), x → ks, w → v, ph → f, q → k.
3. A Latvian masculine -s is dropped, vowels fall into three classes (a/o, e/i/y/j, u), a run of vowels
   keeps its last one, doubled letters are written once, and a final vowel is dropped (Latvian
   feminine -a, Ukrainian -o, -a and -ia endings).

Scripts without a transliteration here (Arabic, Georgian, …) are kept as written, lowercased, so a
name typed in the same script still matches. The key is deliberately loose: it finds candidates for a
person to look at, and a false candidate costs a glance, a missed duplicate a double record.
"""

import re
import unicodedata

CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# Letters whose accent changes the sound (spelt out), and letters Unicode cannot decompose.
LATIN = {
    "š": "sh",
    "č": "ch",
    "ž": "zh",
    "ş": "sh",
    "ç": "ch",
    "ł": "l",
    "ı": "i",
    "ə": "e",
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "đ": "d",
}
APOSTROPHES = "'’ʼ`´"

SOUNDS = [
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("h", "g"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
]
VOWEL_CLASS = {"a": "a", "o": "a", "e": "i", "i": "i", "y": "i", "j": "i", "u": "u"}
LATIN_WORD = re.compile(r"[a-z]+")
VOWEL_RUN = re.compile(r"[aeiouyj]+")
DOUBLED = re.compile(r"(.)\1+")


def _spell_out(text: str) -> str:
    """Lowercase Latin letters for Cyrillic and accented letters; other scripts unchanged."""
    text = unicodedata.normalize("NFC", text.lower())
    for apostrophe in APOSTROPHES:
        text = text.replace(apostrophe, "")
    text = "".join(CYRILLIC.get(char, LATIN.get(char, char)) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _phonetic(word: str) -> str:
    for spelling, sound in SOUNDS:
        word = word.replace(spelling, sound)
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    word = VOWEL_RUN.sub(lambda run: VOWEL_CLASS[run.group()[-1]], word)
    word = DOUBLED.sub(r"\1", word)
    if len(word) > 2 and word[-1] in "aiu":
        word = word[:-1]
    return word


def name_tokens(*names: str) -> list[str]:
    """The search key of each word of `names`, in order, without repeats."""
    tokens = []
    for name in names:
        for word in re.findall(r"\w+", _spell_out(name or "")):
            token = _phonetic(word) if LATIN_WORD.fullmatch(word) else word
            if token and not token.isdigit() and token not in tokens:
                tokens.append(token)
    return tokens


def name_key(*names: str, max_length: int = 400) -> str:
    """The stored key: the tokens separated and surrounded by spaces, so that `contains=" tok"` finds
    a word starting with `tok` and `contains=" tok "` a whole word."""
    key = " "
    for token in name_tokens(*names):
        if len(key) + len(token) + 1 > max_length:
            break
        key += token + " "
    return key if key.strip() else ""


def person_name_key(person) -> str:
    """The stored key of a person: their names in Latin letters and in the original script."""
    return name_key(
        person.given_name, person.family_name, person.given_name_original, person.family_name_original
    )
