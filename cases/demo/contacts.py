"""Reaching the demo clients: home addresses (real streets of the state cities; the towns and parishes of
each municipality with the street names every Latvian town has, or a farmstead's name) and the next
contact their mentors planned (some overdue, some today, most ahead)."""

import datetime
import random

CITY_STREETS = {
    "Rīga": (
        "Brīvības iela", "Maskavas iela", "Lāčplēša iela", "Tērbatas iela", "Krišjāņa Barona iela",
        "Dzirnavu iela", "Ganību dambis", "Slokas iela", "Kalnciema iela", "Ulbrokas iela",
        "Purvciema iela", "Dzelzavas iela", "Lielvārdes iela", "Salnas iela", "Anniņmuižas bulvāris",
        "Zolitūdes iela", "Valdeķu iela", "Vienības gatve", "Kurzemes prospekts", "Ieriķu iela",
    ),
    "Daugavpils": (
        "Rīgas iela", "Cietokšņa iela", "Vienības iela", "Saules iela", "18. novembra iela",
        "Jātnieku iela", "Arhitektu iela", "Stacijas iela",
    ),
    "Jelgava": (
        "Lielā iela", "Pasta iela", "Katoļu iela", "Lapskalna iela", "Satiksmes iela", "Raiņa iela",
        "Zemgales prospekts",
    ),
    "Jūrmala": ("Jomas iela", "Dubultu prospekts", "Kauguru iela", "Raiņa iela", "Slokas iela", "Talsu šoseja"),
    "Liepāja": (
        "Graudu iela", "Kuršu iela", "Ganību iela", "Klaipēdas iela", "Brīvības iela", "Vaiņodes iela",
        "Flotes iela",
    ),
    "Ventspils": ("Kuldīgas iela", "Talsu iela", "Lielais prospekts", "Inženieru iela", "Saules iela"),
    "Rēzekne": ("Atbrīvošanas aleja", "Latgales iela", "Rīgas iela", "Dārzu iela", "Stacijas iela"),
}  # fmt: skip

# The towns (streets) and parishes (farmsteads) of each municipality.
LOCALITIES = {
    "Valmieras novads": ("Valmiera", "Rūjiena", "Mazsalaca", "Kocēnu pagasts", "Trikātas pagasts"),
    "Ogres novads": ("Ogre", "Ķegums", "Lielvārde", "Ikšķile", "Madlienas pagasts"),
    "Jēkabpils novads": ("Jēkabpils", "Viesīte", "Aknīste", "Salas pagasts"),
    "Mārupes novads": ("Mārupe", "Babītes pagasts", "Salas pagasts"),
    "Ķekavas novads": ("Ķekava", "Baloži", "Baldone", "Daugmales pagasts"),
    "Salaspils novads": ("Salaspils", "Salaspils pagasts"),
    "Siguldas novads": ("Sigulda", "Mālpils pagasts", "Inčukalna pagasts", "Krimuldas pagasts"),
    "Tukuma novads": ("Tukums", "Kandava", "Engures pagasts", "Jaunpils pagasts"),
    "Cēsu novads": ("Cēsis", "Līgatne", "Priekuļu pagasts", "Vecpiebalgas pagasts"),
    "Ropažu novads": ("Vangaži", "Stopiņu pagasts", "Ropažu pagasts", "Garkalnes pagasts"),
    "Ādažu novads": ("Ādaži", "Carnikavas pagasts"),
    "Olaines novads": ("Olaine", "Olaines pagasts"),
    "Bauskas novads": ("Bauska", "Iecava", "Vecumnieku pagasts", "Rundāles pagasts"),
    "Dobeles novads": ("Dobele", "Auce", "Tērvetes pagasts"),
    "Kuldīgas novads": ("Kuldīga", "Skrunda", "Alsungas pagasts"),
    "Talsu novads": ("Talsi", "Sabile", "Stende", "Valdemārpils", "Rojas pagasts"),
    "Saldus novads": ("Saldus", "Brocēni", "Kursīšu pagasts"),
    "Limbažu novads": ("Limbaži", "Salacgrīva", "Aloja"),
    "Madonas novads": ("Madona", "Lubāna", "Cesvaine", "Ērgļi", "Bērzaunes pagasts"),
    "Aizkraukles novads": ("Aizkraukle", "Koknese", "Jaunjelgava", "Pļaviņas"),
    "Dienvidkurzemes novads": ("Grobiņa", "Aizpute", "Priekule", "Pāvilosta", "Nīcas pagasts"),
    "Jelgavas novads": ("Ozolnieku pagasts", "Valgundes pagasts", "Elejas pagasts", "Svētes pagasts"),
    "Augšdaugavas novads": ("Ilūkste", "Subate", "Naujenes pagasts", "Kalkūnes pagasts"),
    "Rēzeknes novads": ("Viļāni", "Maltas pagasts", "Griškānu pagasts"),
    "Gulbenes novads": ("Gulbene", "Lizuma pagasts"),
    "Alūksnes novads": ("Alūksne", "Jaunannas pagasts"),
    "Smiltenes novads": ("Smiltene", "Ape", "Strenči"),
    "Krāslavas novads": ("Krāslava", "Dagda"),
    "Ludzas novads": ("Ludza", "Zilupe", "Kārsava"),
    "Ventspils novads": ("Piltene", "Ugāles pagasts", "Tārgales pagasts"),
    "Valkas novads": ("Valka", "Ērģemes pagasts"),
    "Balvu novads": ("Balvi", "Viļaka", "Baltinavas pagasts"),
    "Preiļu novads": ("Preiļi", "Riebiņu pagasts", "Vārkavas pagasts"),
    "Līvānu novads": ("Līvāni", "Rožupes pagasts"),
    "Saulkrastu novads": ("Saulkrasti", "Sējas pagasts"),
    "Varakļānu novads": ("Varakļāni", "Murmastienes pagasts"),
}
TOWN_STREETS = (
    "Rīgas iela", "Brīvības iela", "Skolas iela", "Dārza iela", "Stacijas iela", "Pils iela",
    "Saules iela", "Meža iela", "Ozolu iela", "Upes iela", "Raiņa iela", "Pavasara iela",
)  # fmt: skip
FARMSTEADS = ("Liepas", "Ozoli", "Kalnieši", "Bērziņi", "Priedes", "Lejnieki", "Sniedzes", "Rozītes")


def home_address(municipality_code: str, *, key: str) -> tuple[str, str]:
    """(street, locality) of a home in the municipality, the same for the same `key` (a household),
    drawn from its own generator so that the rest of the demo data does not change with it."""
    rng = random.Random(f"address {key}")  # noqa: S311 (demo data, not a secret)
    if municipality_code in CITY_STREETS:
        street = rng.choice(CITY_STREETS[municipality_code])
        house = rng.randint(1, 140)
        flat = f"-{rng.randint(1, 90)}" if rng.random() < 0.8 else ""
        return f"{street} {house}{flat}", municipality_code
    locality = rng.choice(LOCALITIES.get(municipality_code, ("",)))
    if locality.endswith("pagasts"):
        return f"„{rng.choice(FARMSTEADS)}”", locality
    flat = f"-{rng.randint(1, 40)}" if rng.random() < 0.4 else ""
    return f"{rng.choice(TOWN_STREETS)} {rng.randint(1, 60)}{flat}", locality


CONTACT_NOTES = (
    "Paņemt līdzi īres līguma kopiju.",
    "Kopā uz NVA plkst. 10; tikšanās pie ieejas.",
    "Piezvanīt pirms tam; klients strādā maiņās.",
    "Vajadzīgs tulks (ukraiņu valoda).",
    "Pārrunāt bērna pieteikumu bērnudārzam.",
)
CONTACT_TIMES = (datetime.time(9, 0), datetime.time(10, 30), datetime.time(13, 0), datetime.time(15, 30))


# The next contact of the n-th open episode, by n % 10: overdue, today, none or ahead, so that even a
# small data set has each kind.
CONTACT_KINDS = ("overdue", "today", "none", "ahead", "ahead", "ahead", "none", "ahead", "ahead", "ahead")


def planned_contact(today: datetime.date, *, number: int, key: str) -> tuple:
    """(day, time, note) of the `number`-th open episode's next contact, or (None, None, ""): one in ten
    overdue by a few days, one in ten today, six in ten within the next two weeks, the rest none."""
    rng = random.Random(f"contact {key}")  # noqa: S311 (demo data, not a secret)
    kind = CONTACT_KINDS[number % len(CONTACT_KINDS)]
    if kind == "none":
        return None, None, ""
    if kind == "overdue":
        day = today - datetime.timedelta(days=rng.randint(1, 6))
    elif kind == "today":
        day = today
    else:
        day = today + datetime.timedelta(days=rng.randint(1, 14))
    at = rng.choice(CONTACT_TIMES) if kind == "today" or rng.random() < 0.6 else None
    note = rng.choice(CONTACT_NOTES) if rng.random() < 0.35 else ""
    return day, at, note
