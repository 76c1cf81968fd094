"""Demo people's names: the transliteration of Cyrillic names and the name pools of Ukraine, Russia
and Belarus.

Names are written the way they appear in a passport's Latin line: Ukrainian by the 2010 national
transliteration, Russian by ICAO 9303 (Russian passports since 2013), Belarusian by the Belarusian
passport rules; the Cyrillic original is kept."""

import random
from dataclasses import dataclass

_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

_BE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io", "ж": "zh",
    "з": "z", "і": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip


def _transliterate(word: str, table: dict, initial: dict | None = None) -> str:
    out = []
    lower = word.lower()
    for index, char in enumerate(lower):
        at_start = index == 0 or not lower[index - 1].isalpha()
        if initial and at_start and char in initial:
            latin = initial[char]
        elif table is _UK and char == "г" and index and lower[index - 1] == "з":
            latin = "gh"  # "зг" is written "zgh" so that it is not read as "ж"
        else:
            latin = table.get(char, char)
        if word[index].isupper():
            latin = latin[:1].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def ukrainian_latin(word: str) -> str:
    return _transliterate(word, _UK, _UK_INITIAL)


def russian_latin(word: str) -> str:
    return _transliterate(word, _RU)


def belarusian_latin(word: str) -> str:
    if word.endswith("ый"):  # Дзмітрый → Dzmitry, as in Belarusian passports
        word = word[:-1]
    return _transliterate(word, _BE)


@dataclass(frozen=True)
class NamePool:
    """Given names by sex and family names as (male form, female form) pairs, in one script."""

    female: tuple
    male: tuple
    families: tuple
    latin: object = None  # a transliteration function when the names are in Cyrillic

    def person(self, rng: random.Random, sex: str, family: tuple | None = None) -> tuple:
        """(given, family, given original, family original); `family` keeps a household's surname."""
        given = rng.choice(self.female if sex == "F" else self.male)
        family = family or rng.choice(self.families)
        family_name = family[1] if sex == "F" else family[0]
        if self.latin is None:
            return given, family_name, "", ""
        return self.latin(given), self.latin(family_name), given, family_name


def _same(*names: str) -> tuple:
    return tuple((name, name) for name in names)


def _ov(*stems: str) -> tuple:
    """Russian family names in -ов/-ев/-ин: the female form adds a Cyrillic "а" (U+0430)."""
    return tuple((stem, stem + "\u0430") for stem in stems)


UKRAINIAN = NamePool(
    female=(
        "Олена",
        "Оксана",
        "Наталія",
        "Ірина",
        "Тетяна",
        "Юлія",
        "Світлана",
        "Людмила",
        "Катерина",
        "Вікторія",
        "Анастасія",
        "Марія",
        "Ганна",
        "Ольга",
        "Софія",
        "Дарина",
        "Віра",
        "Надія",
        "Злата",
        "Вероніка",
        "Єва",
        "Мирослава",
        "Аліна",
        "Поліна",
        "Яна",
        "Христина",
        "Валентина",
    ),
    male=(
        "Олександр",
        "Андрій",
        "Сергій",
        "Дмитро",
        "Іван",
        "Микола",
        "Василь",
        "Богдан",
        "Максим",
        "Артем",
        "Денис",
        "Володимир",
        "Юрій",
        "Тарас",
        "Роман",
        "Віталій",
        "Ігор",
        "Павло",
        "Петро",
        "Олексій",
        "Євген",
        "Костянтин",
        "Марк",
        "Матвій",
        "Давид",
        "Тимофій",
        "Назар",
        "Кирило",
        "Ярослав",
    ),
    families=_same(
        "Шевченко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Кравченко",
        "Олійник",
        "Мельник",
        "Поліщук",
        "Бойко",
        "Савченко",
        "Лисенко",
        "Руденко",
        "Марченко",
        "Мороз",
        "Петренко",
        "Ковальчук",
        "Клименко",
        "Павленко",
        "Гончаренко",
        "Левченко",
        "Сидоренко",
        "Шевчук",
        "Кузьменко",
        "Ткачук",
        "Романенко",
        "Гриценко",
        "Данилюк",
        "Кравчук",
        "Литвиненко",
        "Мазур",
        "Ярошенко",
        "Остапенко",
        "Зінченко",
        "Гаврилюк",
        "Білик",
        "Дорошенко",
        "Карпенко",
        "Нестеренко",
        "Згурський",
    )
    + (("Ковальський", "Ковальська"), ("Савицький", "Савицька"), ("Яковенко", "Яковенко"))
    + (("Іванов", "Іванова"), ("Кузнєцов", "Кузнєцова")),
    latin=ukrainian_latin,
)

RUSSIAN = NamePool(
    female=(
        "Анна",
        "Мария",
        "Елена",
        "Ольга",
        "Наталья",
        "Татьяна",
        "Екатерина",
        "Ирина",
        "Юлия",
        "Дарья",
        "Анастасия",
        "Светлана",
        "Ксения",
        "Полина",
        "Алиса",
        "Варвара",
        "Виктория",
    ),
    male=(
        "Александр",
        "Дмитрий",
        "Сергей",
        "Андрей",
        "Алексей",
        "Максим",
        "Иван",
        "Михаил",
        "Никита",
        "Артём",
        "Владимир",
        "Евгений",
        "Павел",
        "Илья",
        "Кирилл",
        "Роман",
        "Егор",
    ),
    families=_ov(
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Орлов",
        "Зайцев",
    ),
    latin=russian_latin,
)

# Chechen families are among the asylum seekers from Russia; their passports follow the Russian rules.
CHECHEN = NamePool(
    female=("Хава", "Зарема", "Малика", "Лейла", "Седа", "Петимат", "Амина", "Мадина", "Зулай"),
    male=("Магомед", "Ислам", "Рамзан", "Ахмед", "Хасан", "Зелимхан", "Адам", "Мансур", "Умар"),
    families=_ov("Мусаев", "Умаров", "Исаев", "Хасанов", "Алиев", "Магомедов", "Байсаров", "Эльмурзаев"),
    latin=russian_latin,
)

BELARUSIAN = NamePool(
    female=(
        "Вольга",
        "Ірына",
        "Таццяна",
        "Наталля",
        "Кацярына",
        "Алена",
        "Святлана",
        "Ганна",
        "Марына",
        "Юлія",
        "Дар'я",
        "Вераніка",
    ),
    male=(
        "Аляксандр",
        "Сяргей",
        "Дзмітрый",
        "Уладзімір",
        "Мікалай",
        "Андрэй",
        "Павел",
        "Ігар",
        "Віктар",
        "Максім",
        "Яўген",
        "Мікіта",
    ),
    families=_same("Новік", "Мельнік", "Лукашэвіч", "Бондар", "Жук", "Каваленка", "Сідарэнка", "Пашкевіч")
    + (("Кавалёў", "Кавалёва"), ("Васілеўскі", "Васілеўская"), ("Шымановіч", "Шымановіч")),
    latin=belarusian_latin,
)
