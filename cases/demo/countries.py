"""Who the demo clients are: countries, their name pools and languages."""

import random
from dataclasses import dataclass, field

from .names import BELARUSIAN, CHECHEN, RUSSIAN, UKRAINIAN, NamePool
from .names_more import (
    ARABIC,
    ARMENIAN,
    AZERBAIJANI,
    BANGLADESHI,
    CENTRAL_AFRICAN,
    CENTRAL_ASIAN,
    CUBAN,
    DARI,
    GEORGIAN,
    HORN_OF_AFRICA,
    INDIAN,
    KURDISH,
    MOLDOVAN,
    NIGERIAN,
    PAKISTANI,
    PERSIAN,
    SOMALI,
    TURKISH,
    VIETNAMESE,
)


@dataclass(frozen=True)
class Country:
    """A citizenship: its weight among asylum clients, name pools and the languages its people speak.

    `languages` are (code, weight) for the first language; `also` are spoken as well, each by chance.
    """

    code: str
    weight: float
    pools: tuple
    languages: tuple
    also: tuple = field(default=())


def _country(code, weight, pools, languages, also=()):
    pools = pools if isinstance(pools, tuple) else ((pools, 1),)
    return Country(code, weight, pools, languages, also)


# Asylum seekers and beneficiaries of international protection (DOMAIN.md: most often Syria,
# Afghanistan, Belarus, Russia, Iraq, Iran, Azerbaijan and Ukraine; about 30 countries in all).
ASYLUM_COUNTRIES = (
    _country("SY", 16, ((ARABIC, 9), (KURDISH, 1)), (("ar", 9), ("ku", 1)), (("en", 0.2),)),
    _country("AF", 14, DARI, (("fa", 7), ("ps", 3)), (("en", 0.2), ("ru", 0.05))),
    _country("IQ", 11, ((ARABIC, 6), (KURDISH, 4)), (("ar", 6), ("ku", 4)), (("en", 0.2),)),
    _country("RU", 10, ((RUSSIAN, 7), (CHECHEN, 3)), (("ru", 1),), (("en", 0.2), ("lv", 0.05))),
    _country("BY", 9, BELARUSIAN, (("ru", 8), ("be", 2)), (("be", 0.4), ("en", 0.3), ("lv", 0.05))),
    _country("IR", 8, PERSIAN, (("fa", 1),), (("en", 0.35),)),
    _country("AZ", 6, AZERBAIJANI, (("az", 1),), (("ru", 0.6), ("tr", 0.2))),
    _country("UA", 6, UKRAINIAN, (("uk", 6), ("ru", 4)), (("ru", 0.8), ("en", 0.2))),
    _country("GE", 2, GEORGIAN, (("ka", 1),), (("ru", 0.6), ("en", 0.2))),
    _country("TR", 2, ((TURKISH, 3), (KURDISH, 1)), (("tr", 3), ("ku", 1)), (("en", 0.2),)),
    _country("PK", 2, PAKISTANI, (("ur", 1),), (("en", 0.6),)),
    _country("AM", 1.5, ARMENIAN, (("hy", 1),), (("ru", 0.7),)),
    _country("ER", 1.5, HORN_OF_AFRICA, (("ti", 1),), (("en", 0.4),)),
    _country("SO", 1.5, SOMALI, (("so", 1),), (("en", 0.3), ("ar", 0.2))),
    _country("IN", 1.5, INDIAN, (("hi", 1),), (("en", 0.8),)),
    _country("VN", 1.5, VIETNAMESE, (("vi", 1),), (("en", 0.2), ("ru", 0.1))),
    _country("NG", 1.5, NIGERIAN, (("en", 1),), ()),
    _country("EG", 1.5, ARABIC, (("ar", 1),), (("en", 0.4),)),
    _country("TJ", 1.5, CENTRAL_ASIAN, (("tg", 1),), (("ru", 0.8),)),
    _country("UZ", 1.5, CENTRAL_ASIAN, (("uz", 1),), (("ru", 0.8),)),
    _country("ET", 1, HORN_OF_AFRICA, (("am", 1),), (("en", 0.4),)),
    _country("BD", 1, BANGLADESHI, (("bn", 1),), (("en", 0.6),)),
    _country("CM", 1, CENTRAL_AFRICAN, (("fr", 1),), (("en", 0.5),)),
    _country("CD", 1, CENTRAL_AFRICAN, (("fr", 1),), (("en", 0.2),)),
    _country("YE", 1, ARABIC, (("ar", 1),), (("en", 0.2),)),
    _country("SD", 1, ARABIC, (("ar", 1),), (("en", 0.3),)),
    _country("PS", 1, ARABIC, (("ar", 1),), (("en", 0.3),)),
    _country("CU", 0.8, CUBAN, (("es", 1),), (("en", 0.2),)),
)

# UA-MENTOR serves civilians who fled the war in Ukraine: almost all Ukrainian citizens, a few
# third-country nationals who lived there and have temporary protection too.
UA_MENTOR_COUNTRIES = (
    _country("UA", 970, UKRAINIAN, (("uk", 6), ("ru", 4)), (("ru", 0.85), ("uk", 0.5), ("en", 0.15))),
    _country("MD", 6, MOLDOVAN, (("ru", 1),), (("uk", 0.5),)),
    _country("AZ", 5, AZERBAIJANI, (("ru", 1),), (("az", 0.8), ("uk", 0.4))),
    _country("GE", 4, GEORGIAN, (("ru", 1),), (("ka", 0.8), ("uk", 0.4))),
    _country("AM", 4, ARMENIAN, (("ru", 1),), (("hy", 0.8), ("uk", 0.4))),
    _country("RU", 4, RUSSIAN, (("ru", 1),), (("uk", 0.6),)),
    _country("BY", 3, BELARUSIAN, (("ru", 1),), (("uk", 0.5),)),
    _country("UZ", 2, CENTRAL_ASIAN, (("ru", 1),), (("uz", 0.8),)),
    _country("KZ", 2, CENTRAL_ASIAN, (("ru", 1),), (("kk", 0.6),)),
)


def pick_pool(rng: random.Random, country: Country) -> NamePool:
    pools, weights = zip(*country.pools, strict=True)
    return rng.choices(pools, weights)[0]


def pick_languages(rng: random.Random, country: Country) -> tuple[str, list[str]]:
    """(preferred language, every language spoken), in a stable order."""
    codes, weights = zip(*country.languages, strict=True)
    preferred = rng.choices(codes, weights)[0]
    spoken = [preferred]
    for code, chance in country.also:
        if code not in spoken and rng.random() < chance:
            spoken.append(code)
    return preferred, spoken
