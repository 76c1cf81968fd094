"""Planning units, the people: the days, ages and names drawn for the persons a unit is about."""

import datetime

from .countries import pick_languages, pick_pool
from .parameters import (
    RECENT_DAYS,
    RECENT_SHARE,
)
from .records import _moment, _Person


class _PeopleDraws:
    """The days, personal codes, ages and persons of a unit."""

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def _start(self, window, *, recent: bool) -> datetime.date:
        first, last = window
        if recent and self.rng.random() < RECENT_SHARE:
            first = max(first, last - datetime.timedelta(days=RECENT_DAYS))
        return self._day_between(first, last)

    def _pick(self, weights: dict) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def _at(self, day: datetime.date, first_hour: int = 9, last_hour: int = 16) -> datetime.datetime:
        return _moment(day, self.rng.randint(first_hour, last_hour), self.rng.choice((0, 15, 30, 45)))

    def _personal_code(self) -> str:
        while True:
            code = f"32{self.rng.randint(0, 9999):04d}-{self.rng.randint(0, 99999):05d}"
            if code not in self.personal_codes:
                self.personal_codes.add(code)
                return code

    def _adult_age(self, group: str) -> int:
        buckets = (
            ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 80)),
            (8, 25, 28, 17, 12, 10) if group == "UA" else (20, 35, 25, 12, 6, 2),
        )
        low, high = self.rng.choices(*buckets)[0]
        return self.rng.randint(low, high)

    def _born(self, age: int, on: datetime.date) -> datetime.date:
        birthday = on - datetime.timedelta(days=round(age * 365.25) + self.rng.randint(0, 364))
        return min(birthday, on)

    def _person(self, pool, country, *, sex, age, on, family, relation, spoken=None) -> _Person:
        rng = self.rng
        preferred, languages = spoken or pick_languages(rng, country)
        languages = list(languages)
        if "lv" not in languages and rng.random() < (0.25 if 6 <= age < 18 else 0.04):
            languages.append("lv")
        adult = age >= 18
        phone = ""
        if adult and rng.random() < 0.85:
            if country.code == "UA" and rng.random() < 0.3:
                phone = f"+380 {rng.randint(50, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            else:
                phone = f"+371 2{rng.randint(0, 9999999):07d}"
        document = ""
        if adult and rng.random() < 0.8:
            letters = "".join(rng.choice("ABCEFHKMNPRSTX") for _ in range(2))
            document = f"{letters}{rng.randint(0, 999999):06d}"
        return _Person(
            names=pool.person(rng, sex, family),
            sex=sex,
            date_of_birth=self._born(age, on),
            country=country.code,
            preferred_language=preferred,
            languages=languages,
            relation=relation,
            phone=phone,
            id_document=document,
        )

    def _people(self, country, *, group: str, on: datetime.date, room: int, minor: bool = False) -> list:
        """The unit's client and household: a single adult, a couple, or a parent with 1–3 children."""
        rng = self.rng
        pool = pick_pool(rng, country)
        family = rng.choice(pool.families)
        spoken = pick_languages(rng, country)
        if minor:
            kind = "single"
        elif group == "UA":
            kind = rng.choices(("single", "couple", "family", "grandparent"), (58, 5, 33, 4))[0]
        else:
            kind = rng.choices(("single", "couple", "family"), (58, 5, 37))[0]
        if kind == "single" or room == 1:
            if minor:
                age, sex = rng.randint(15, 17), rng.choices("MF", (80, 20))[0]
            else:
                age = self._adult_age(group)
                sex = rng.choices("FMX", (60, 40, 0.3) if group == "UA" else (35, 65, 0.3))[0]
            return [self._person(pool, country, sex=sex, age=age, on=on, family=family, relation="")]
        head_age = rng.randint(55, 72) if kind == "grandparent" else rng.randint(24, 48)
        if kind == "couple":
            head_age = self._adult_age(group)
        head_sex = rng.choices("FM", (75, 25) if group == "UA" else (40, 60))[0]
        people = [
            self._person(
                pool,
                country,
                sex=head_sex,
                age=head_age,
                on=on,
                family=family,
                relation="head",
                spoken=spoken,
            )
        ]
        spouse = kind == "couple" or (kind == "family" and rng.random() < (0.2 if group == "UA" else 0.45))
        if spouse:
            people.append(
                self._person(
                    pool,
                    country,
                    sex="M" if head_sex == "F" else "F",
                    age=max(18, head_age + rng.randint(-5, 5)),
                    on=on,
                    family=family,
                    relation="spouse",
                    spoken=spoken,
                )
            )
        if kind in ("family", "grandparent"):
            relation = "grandchild" if kind == "grandparent" else "child"
            oldest = 14 if kind == "grandparent" else min(17, head_age - 18)
            for _ in range(rng.choices((1, 2, 3), (40, 38, 22))[0]):
                people.append(
                    self._person(
                        pool,
                        country,
                        sex=rng.choice("FM"),
                        age=rng.randint(0, oldest),
                        on=on,
                        family=family,
                        relation=relation,
                        spoken=(spoken[0], [spoken[0]]),
                    )
                )
        return people[:room]
