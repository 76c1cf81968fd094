"""Names in Latvian alphabetical order: a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p r s š t u ū v z ž.

PostgreSQL built with ICU has the collation `lv-x-icu`; `latvian("family_name")` orders a column by
it. SQLite has no ICU, so every SQLite connection gets a collation of the same name from
`latvian_key`, which follows the same rules: č, ģ, ķ, ļ, ņ, š, ž are letters of their own (Č after
every C, before D); ā, ē, ī, ū are their base letter at first and come after it when the rest is
equal (Adamsons, Ādamsons, Adlers); other accents and case decide only between otherwise equal names.
"""

import unicodedata

from django.db.models.functions import Collate

LATVIAN = "lv-x-icu"

# Latvian letters in order, with q, w, x, y (foreign names) where the Latin alphabet has them.
_PRIMARY = {letter: rank for rank, letter in enumerate("abcčdefgģhijkķlļmnņopqrsštuvwxyzž")}
_LONG_VOWELS = {"ā": "a", "ē": "e", "ī": "i", "ō": "o", "ū": "u"}
_OTHER_SCRIPTS = len(_PRIMARY) + 1


def latvian(expression: str) -> Collate:
    """The column `expression`, compared in Latvian order (in `order_by`)."""
    return Collate(expression, LATVIAN)


def latvian_key(text: str) -> tuple:
    """A sort key of `text` in Latvian order: letters first, then the long vowels and other accents,
    then case, then the text itself (so that different texts never compare equal)."""
    primary, secondary, tertiary = [], [], []
    for char in text:
        lower = char.lower()
        tertiary.append(0 if char == lower else 1)
        if lower in _PRIMARY:
            primary.append(_PRIMARY[lower])
            secondary.append(0)
        elif lower in _LONG_VOWELS:
            primary.append(_PRIMARY[_LONG_VOWELS[lower]])
            secondary.append(1)
        else:
            base = unicodedata.normalize("NFD", lower)[0]
            if base in _PRIMARY:
                primary.append(_PRIMARY[base])
                secondary.append(2)
            elif char.isspace() or not char.isalnum():
                continue  # spaces, hyphens and apostrophes do not decide the order
            else:
                primary.append(_OTHER_SCRIPTS + ord(lower))
                secondary.append(0)
    return (primary, secondary, tertiary, text)


def _compare(left: str, right: str) -> int:
    left_key, right_key = latvian_key(left), latvian_key(right)
    return (left_key > right_key) - (left_key < right_key)


def install_sqlite_collation(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give a SQLite connection the `lv-x-icu` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(LATVIAN, _compare)
