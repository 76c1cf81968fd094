"""Reference data for Atbalsts, translated into English, Latvian, Ukrainian and Russian.

Pure Python literals; codes are stable, names are translated. Loaded by the data migrations: frozen, change it with a new migration.
Planning regions follow Cabinet Regulation No. 418 of 22 June 2021
("Noteikumi par plānošanas reģionu teritorijām") as applied after the 2021 reform.
"""

# The five planning regions (Regional Development Law).
REGIONS = [
    {
        "code": "RIGA",
        "name": {
            "en": "Rīga Planning Region",
            "lv": "Rīgas plānošanas reģions",
            "uk": "Ризький плановий регіон",
            "ru": "Рижский плановый регион",
        },
    },
    {
        "code": "VIDZEME",
        "name": {
            "en": "Vidzeme Planning Region",
            "lv": "Vidzemes plānošanas reģions",
            "uk": "Відземський плановий регіон",
            "ru": "Видземский плановый регион",
        },
    },
    {
        "code": "KURZEME",
        "name": {
            "en": "Kurzeme Planning Region",
            "lv": "Kurzemes plānošanas reģions",
            "uk": "Курземський плановий регіон",
            "ru": "Курземский плановый регион",
        },
    },
    {
        "code": "ZEMGALE",
        "name": {
            "en": "Zemgale Planning Region",
            "lv": "Zemgales plānošanas reģions",
            "uk": "Земгальський плановий регіон",
            "ru": "Земгальский плановый регион",
        },
    },
    {
        "code": "LATGALE",
        "name": {
            "en": "Latgale Planning Region",
            "lv": "Latgales plānošanas reģions",
            "uk": "Латгальський плановий регіон",
            "ru": "Латгальский плановый регион",
        },
    },
]


# The 43 municipalities since the 2021 reform: 7 state cities (valstspilsētas) and 36 novadi.
# code = the Latvian name exactly as in DOMAIN.md; region = planning region (Cabinet Regulation No. 418, 2021).
MUNICIPALITIES = [
    {
        "code": "Daugavpils",
        "kind": "city",
        "region": "LATGALE",
        "name": {
            "en": "Daugavpils",
            "lv": "Daugavpils",
            "uk": "Даугавпілс",
            "ru": "Даугавпилс",
        },
        "service_name": {
            "en": "Social Service of Daugavpils",
            "lv": "Daugavpils valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Даугавпілс",
            "ru": "Социальная служба самоуправления государственного города Даугавпилс",
        },
    },
    {
        "code": "Jelgava",
        "kind": "city",
        "region": "ZEMGALE",
        "name": {
            "en": "Jelgava",
            "lv": "Jelgava",
            "uk": "Єлгава",
            "ru": "Елгава",
        },
        "service_name": {
            "en": "Social Service of Jelgava",
            "lv": "Jelgavas valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Єлгава",
            "ru": "Социальная служба самоуправления государственного города Елгава",
        },
    },
    {
        "code": "Jūrmala",
        "kind": "city",
        "region": "RIGA",
        "name": {
            "en": "Jūrmala",
            "lv": "Jūrmala",
            "uk": "Юрмала",
            "ru": "Юрмала",
        },
        "service_name": {
            "en": "Social Service of Jūrmala",
            "lv": "Jūrmalas valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Юрмала",
            "ru": "Социальная служба самоуправления государственного города Юрмала",
        },
    },
    {
        "code": "Liepāja",
        "kind": "city",
        "region": "KURZEME",
        "name": {
            "en": "Liepāja",
            "lv": "Liepāja",
            "uk": "Лієпая",
            "ru": "Лиепая",
        },
        "service_name": {
            "en": "Social Service of Liepāja",
            "lv": "Liepājas valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Лієпая",
            "ru": "Социальная служба самоуправления государственного города Лиепая",
        },
    },
    {
        "code": "Rēzekne",
        "kind": "city",
        "region": "LATGALE",
        "name": {
            "en": "Rēzekne",
            "lv": "Rēzekne",
            "uk": "Резекне",
            "ru": "Резекне",
        },
        "service_name": {
            "en": "Social Service of Rēzekne",
            "lv": "Rēzeknes valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Резекне",
            "ru": "Социальная служба самоуправления государственного города Резекне",
        },
    },
    {
        "code": "Rīga",
        "kind": "city",
        "region": "RIGA",
        "name": {
            "en": "Rīga",
            "lv": "Rīga",
            "uk": "Рига",
            "ru": "Рига",
        },
        "service_name": {
            "en": "Social Service of Rīga",
            "lv": "Rīgas valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Рига",
            "ru": "Социальная служба самоуправления государственного города Рига",
        },
    },
    {
        "code": "Ventspils",
        "kind": "city",
        "region": "KURZEME",
        "name": {
            "en": "Ventspils",
            "lv": "Ventspils",
            "uk": "Вентспілс",
            "ru": "Вентспилс",
        },
        "service_name": {
            "en": "Social Service of Ventspils",
            "lv": "Ventspils valstspilsētas pašvaldības Sociālais dienests",
            "uk": "Соціальна служба самоврядування державного міста Вентспілс",
            "ru": "Социальная служба самоуправления государственного города Вентспилс",
        },
    },
    {
        "code": "Aizkraukles novads",
        "kind": "novads",
        "region": "ZEMGALE",
        "name": {
            "en": "Aizkraukle Municipality",
            "lv": "Aizkraukles novads",
            "uk": "Айзкраукльський край",
            "ru": "Айзкраукльский край",
        },
        "service_name": {
            "en": "Social Service of Aizkraukle Municipality",
            "lv": "Aizkraukles novada Sociālais dienests",
            "uk": "Соціальна служба Айзкраукльського краю",
            "ru": "Социальная служба Айзкраукльского края",
        },
    },
    {
        "code": "Alūksnes novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Alūksne Municipality",
            "lv": "Alūksnes novads",
            "uk": "Алуксненський край",
            "ru": "Алуксненский край",
        },
        "service_name": {
            "en": "Social Service of Alūksne Municipality",
            "lv": "Alūksnes novada Sociālais dienests",
            "uk": "Соціальна служба Алуксненського краю",
            "ru": "Социальная служба Алуксненского края",
        },
    },
    {
        "code": "Augšdaugavas novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Augšdaugava Municipality",
            "lv": "Augšdaugavas novads",
            "uk": "Аугшдаугавський край",
            "ru": "Аугшдаугавский край",
        },
        "service_name": {
            "en": "Social Service of Augšdaugava Municipality",
            "lv": "Augšdaugavas novada Sociālais dienests",
            "uk": "Соціальна служба Аугшдаугавського краю",
            "ru": "Социальная служба Аугшдаугавского края",
        },
    },
    {
        "code": "Ādažu novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Ādaži Municipality",
            "lv": "Ādažu novads",
            "uk": "Адазький край",
            "ru": "Адажский край",
        },
        "service_name": {
            "en": "Social Service of Ādaži Municipality",
            "lv": "Ādažu novada Sociālais dienests",
            "uk": "Соціальна служба Адазького краю",
            "ru": "Социальная служба Адажского края",
        },
    },
    {
        "code": "Balvu novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Balvi Municipality",
            "lv": "Balvu novads",
            "uk": "Балвський край",
            "ru": "Балвский край",
        },
        "service_name": {
            "en": "Social Service of Balvi Municipality",
            "lv": "Balvu novada Sociālais dienests",
            "uk": "Соціальна служба Балвського краю",
            "ru": "Социальная служба Балвского края",
        },
    },
    {
        "code": "Bauskas novads",
        "kind": "novads",
        "region": "ZEMGALE",
        "name": {
            "en": "Bauska Municipality",
            "lv": "Bauskas novads",
            "uk": "Бауський край",
            "ru": "Бауский край",
        },
        "service_name": {
            "en": "Social Service of Bauska Municipality",
            "lv": "Bauskas novada Sociālais dienests",
            "uk": "Соціальна служба Бауського краю",
            "ru": "Социальная служба Бауского края",
        },
    },
    {
        "code": "Cēsu novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Cēsis Municipality",
            "lv": "Cēsu novads",
            "uk": "Цесіський край",
            "ru": "Цесисский край",
        },
        "service_name": {
            "en": "Social Service of Cēsis Municipality",
            "lv": "Cēsu novada Sociālais dienests",
            "uk": "Соціальна служба Цесіського краю",
            "ru": "Социальная служба Цесисского края",
        },
    },
    {
        "code": "Dienvidkurzemes novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "South Kurzeme Municipality",
            "lv": "Dienvidkurzemes novads",
            "uk": "Південнокурземський край",
            "ru": "Южнокурземский край",
        },
        "service_name": {
            "en": "Social Service of South Kurzeme Municipality",
            "lv": "Dienvidkurzemes novada Sociālais dienests",
            "uk": "Соціальна служба Південнокурземського краю",
            "ru": "Социальная служба Южнокурземского края",
        },
    },
    {
        "code": "Dobeles novads",
        "kind": "novads",
        "region": "ZEMGALE",
        "name": {
            "en": "Dobele Municipality",
            "lv": "Dobeles novads",
            "uk": "Добельський край",
            "ru": "Добельский край",
        },
        "service_name": {
            "en": "Social Service of Dobele Municipality",
            "lv": "Dobeles novada Sociālais dienests",
            "uk": "Соціальна служба Добельського краю",
            "ru": "Социальная служба Добельского края",
        },
    },
    {
        "code": "Gulbenes novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Gulbene Municipality",
            "lv": "Gulbenes novads",
            "uk": "Гулбенський край",
            "ru": "Гулбенский край",
        },
        "service_name": {
            "en": "Social Service of Gulbene Municipality",
            "lv": "Gulbenes novada Sociālais dienests",
            "uk": "Соціальна служба Гулбенського краю",
            "ru": "Социальная служба Гулбенского края",
        },
    },
    {
        "code": "Jelgavas novads",
        "kind": "novads",
        "region": "ZEMGALE",
        "name": {
            "en": "Jelgava Municipality",
            "lv": "Jelgavas novads",
            "uk": "Єлгавський край",
            "ru": "Елгавский край",
        },
        "service_name": {
            "en": "Social Service of Jelgava Municipality",
            "lv": "Jelgavas novada Sociālais dienests",
            "uk": "Соціальна служба Єлгавського краю",
            "ru": "Социальная служба Елгавского края",
        },
    },
    {
        "code": "Jēkabpils novads",
        "kind": "novads",
        "region": "ZEMGALE",
        "name": {
            "en": "Jēkabpils Municipality",
            "lv": "Jēkabpils novads",
            "uk": "Єкабпілський край",
            "ru": "Екабпилсский край",
        },
        "service_name": {
            "en": "Social Service of Jēkabpils Municipality",
            "lv": "Jēkabpils novada Sociālais dienests",
            "uk": "Соціальна служба Єкабпілського краю",
            "ru": "Социальная служба Екабпилсского края",
        },
    },
    {
        "code": "Krāslavas novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Krāslava Municipality",
            "lv": "Krāslavas novads",
            "uk": "Краславський край",
            "ru": "Краславский край",
        },
        "service_name": {
            "en": "Social Service of Krāslava Municipality",
            "lv": "Krāslavas novada Sociālais dienests",
            "uk": "Соціальна служба Краславського краю",
            "ru": "Социальная служба Краславского края",
        },
    },
    {
        "code": "Kuldīgas novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "Kuldīga Municipality",
            "lv": "Kuldīgas novads",
            "uk": "Кулдізький край",
            "ru": "Кулдигский край",
        },
        "service_name": {
            "en": "Social Service of Kuldīga Municipality",
            "lv": "Kuldīgas novada Sociālais dienests",
            "uk": "Соціальна служба Кулдізького краю",
            "ru": "Социальная служба Кулдигского края",
        },
    },
    {
        "code": "Ķekavas novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Ķekava Municipality",
            "lv": "Ķekavas novads",
            "uk": "Кекавський край",
            "ru": "Кекавский край",
        },
        "service_name": {
            "en": "Social Service of Ķekava Municipality",
            "lv": "Ķekavas novada Sociālais dienests",
            "uk": "Соціальна служба Кекавського краю",
            "ru": "Социальная служба Кекавского края",
        },
    },
    {
        "code": "Limbažu novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Limbaži Municipality",
            "lv": "Limbažu novads",
            "uk": "Лімбазький край",
            "ru": "Лимбажский край",
        },
        "service_name": {
            "en": "Social Service of Limbaži Municipality",
            "lv": "Limbažu novada Sociālais dienests",
            "uk": "Соціальна служба Лімбазького краю",
            "ru": "Социальная служба Лимбажского края",
        },
    },
    {
        "code": "Līvānu novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Līvāni Municipality",
            "lv": "Līvānu novads",
            "uk": "Ліванський край",
            "ru": "Ливанский край",
        },
        "service_name": {
            "en": "Social Service of Līvāni Municipality",
            "lv": "Līvānu novada Sociālais dienests",
            "uk": "Соціальна служба Ліванського краю",
            "ru": "Социальная служба Ливанского края",
        },
    },
    {
        "code": "Ludzas novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Ludza Municipality",
            "lv": "Ludzas novads",
            "uk": "Лудзенський край",
            "ru": "Лудзенский край",
        },
        "service_name": {
            "en": "Social Service of Ludza Municipality",
            "lv": "Ludzas novada Sociālais dienests",
            "uk": "Соціальна служба Лудзенського краю",
            "ru": "Социальная служба Лудзенского края",
        },
    },
    {
        "code": "Madonas novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Madona Municipality",
            "lv": "Madonas novads",
            "uk": "Мадонський край",
            "ru": "Мадонский край",
        },
        "service_name": {
            "en": "Social Service of Madona Municipality",
            "lv": "Madonas novada Sociālais dienests",
            "uk": "Соціальна служба Мадонського краю",
            "ru": "Социальная служба Мадонского края",
        },
    },
    {
        "code": "Mārupes novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Mārupe Municipality",
            "lv": "Mārupes novads",
            "uk": "Марупський край",
            "ru": "Марупский край",
        },
        "service_name": {
            "en": "Social Service of Mārupe Municipality",
            "lv": "Mārupes novada Sociālais dienests",
            "uk": "Соціальна служба Марупського краю",
            "ru": "Социальная служба Марупского края",
        },
    },
    {
        "code": "Ogres novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Ogre Municipality",
            "lv": "Ogres novads",
            "uk": "Огрський край",
            "ru": "Огрский край",
        },
        "service_name": {
            "en": "Social Service of Ogre Municipality",
            "lv": "Ogres novada Sociālais dienests",
            "uk": "Соціальна служба Огрського краю",
            "ru": "Социальная служба Огрского края",
        },
    },
    {
        "code": "Olaines novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Olaine Municipality",
            "lv": "Olaines novads",
            "uk": "Олайнський край",
            "ru": "Олайнский край",
        },
        "service_name": {
            "en": "Social Service of Olaine Municipality",
            "lv": "Olaines novada Sociālais dienests",
            "uk": "Соціальна служба Олайнського краю",
            "ru": "Социальная служба Олайнского края",
        },
    },
    {
        "code": "Preiļu novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Preiļi Municipality",
            "lv": "Preiļu novads",
            "uk": "Прейльський край",
            "ru": "Прейльский край",
        },
        "service_name": {
            "en": "Social Service of Preiļi Municipality",
            "lv": "Preiļu novada Sociālais dienests",
            "uk": "Соціальна служба Прейльського краю",
            "ru": "Социальная служба Прейльского края",
        },
    },
    {
        "code": "Rēzeknes novads",
        "kind": "novads",
        "region": "LATGALE",
        "name": {
            "en": "Rēzekne Municipality",
            "lv": "Rēzeknes novads",
            "uk": "Резекненський край",
            "ru": "Резекненский край",
        },
        "service_name": {
            "en": "Social Service of Rēzekne Municipality",
            "lv": "Rēzeknes novada Sociālais dienests",
            "uk": "Соціальна служба Резекненського краю",
            "ru": "Социальная служба Резекненского края",
        },
    },
    {
        "code": "Ropažu novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Ropaži Municipality",
            "lv": "Ropažu novads",
            "uk": "Ропазький край",
            "ru": "Ропажский край",
        },
        "service_name": {
            "en": "Social Service of Ropaži Municipality",
            "lv": "Ropažu novada Sociālais dienests",
            "uk": "Соціальна служба Ропазького краю",
            "ru": "Социальная служба Ропажского края",
        },
    },
    {
        "code": "Salaspils novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Salaspils Municipality",
            "lv": "Salaspils novads",
            "uk": "Саласпілський край",
            "ru": "Саласпилсский край",
        },
        "service_name": {
            "en": "Social Service of Salaspils Municipality",
            "lv": "Salaspils novada Sociālais dienests",
            "uk": "Соціальна служба Саласпілського краю",
            "ru": "Социальная служба Саласпилсского края",
        },
    },
    {
        "code": "Saldus novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "Saldus Municipality",
            "lv": "Saldus novads",
            "uk": "Салдуський край",
            "ru": "Салдусский край",
        },
        "service_name": {
            "en": "Social Service of Saldus Municipality",
            "lv": "Saldus novada Sociālais dienests",
            "uk": "Соціальна служба Салдуського краю",
            "ru": "Социальная служба Салдусского края",
        },
    },
    {
        "code": "Saulkrastu novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Saulkrasti Municipality",
            "lv": "Saulkrastu novads",
            "uk": "Саулкрастський край",
            "ru": "Саулкрастский край",
        },
        "service_name": {
            "en": "Social Service of Saulkrasti Municipality",
            "lv": "Saulkrastu novada Sociālais dienests",
            "uk": "Соціальна служба Саулкрастського краю",
            "ru": "Социальная служба Саулкрастского края",
        },
    },
    {
        "code": "Siguldas novads",
        "kind": "novads",
        "region": "RIGA",
        "name": {
            "en": "Sigulda Municipality",
            "lv": "Siguldas novads",
            "uk": "Сігулдський край",
            "ru": "Сигулдский край",
        },
        "service_name": {
            "en": "Social Service of Sigulda Municipality",
            "lv": "Siguldas novada Sociālais dienests",
            "uk": "Соціальна служба Сігулдського краю",
            "ru": "Социальная служба Сигулдского края",
        },
    },
    {
        "code": "Smiltenes novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Smiltene Municipality",
            "lv": "Smiltenes novads",
            "uk": "Смілтенський край",
            "ru": "Смилтенский край",
        },
        "service_name": {
            "en": "Social Service of Smiltene Municipality",
            "lv": "Smiltenes novada Sociālais dienests",
            "uk": "Соціальна служба Смілтенського краю",
            "ru": "Социальная служба Смилтенского края",
        },
    },
    {
        "code": "Talsu novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "Talsi Municipality",
            "lv": "Talsu novads",
            "uk": "Талсинський край",
            "ru": "Талсинский край",
        },
        "service_name": {
            "en": "Social Service of Talsi Municipality",
            "lv": "Talsu novada Sociālais dienests",
            "uk": "Соціальна служба Талсинського краю",
            "ru": "Социальная служба Талсинского края",
        },
    },
    {
        "code": "Tukuma novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "Tukums Municipality",
            "lv": "Tukuma novads",
            "uk": "Тукумський край",
            "ru": "Тукумский край",
        },
        "service_name": {
            "en": "Social Service of Tukums Municipality",
            "lv": "Tukuma novada Sociālais dienests",
            "uk": "Соціальна служба Тукумського краю",
            "ru": "Социальная служба Тукумского края",
        },
    },
    {
        "code": "Valkas novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Valka Municipality",
            "lv": "Valkas novads",
            "uk": "Валкський край",
            "ru": "Валкский край",
        },
        "service_name": {
            "en": "Social Service of Valka Municipality",
            "lv": "Valkas novada Sociālais dienests",
            "uk": "Соціальна служба Валкського краю",
            "ru": "Социальная служба Валкского края",
        },
    },
    {
        "code": "Valmieras novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Valmiera Municipality",
            "lv": "Valmieras novads",
            "uk": "Валмієрський край",
            "ru": "Валмиерский край",
        },
        "service_name": {
            "en": "Social Service of Valmiera Municipality",
            "lv": "Valmieras novada Sociālais dienests",
            "uk": "Соціальна служба Валмієрського краю",
            "ru": "Социальная служба Валмиерского края",
        },
    },
    {
        "code": "Varakļānu novads",
        "kind": "novads",
        "region": "VIDZEME",
        "name": {
            "en": "Varakļāni Municipality",
            "lv": "Varakļānu novads",
            "uk": "Вараклянський край",
            "ru": "Вараклянский край",
        },
        "service_name": {
            "en": "Social Service of Varakļāni Municipality",
            "lv": "Varakļānu novada Sociālais dienests",
            "uk": "Соціальна служба Вараклянського краю",
            "ru": "Социальная служба Вараклянского края",
        },
    },
    {
        "code": "Ventspils novads",
        "kind": "novads",
        "region": "KURZEME",
        "name": {
            "en": "Ventspils Municipality",
            "lv": "Ventspils novads",
            "uk": "Вентспілський край",
            "ru": "Вентспилсский край",
        },
        "service_name": {
            "en": "Social Service of Ventspils Municipality",
            "lv": "Ventspils novada Sociālais dienests",
            "uk": "Соціальна служба Вентспілського краю",
            "ru": "Социальная служба Вентспилсского края",
        },
    },
]


# Accommodation centres for asylum seekers.
ACCOMMODATION_CENTRES = [
    {
        "code": "MUCENIEKI",
        "municipality": "Ropažu novads",
        "name": {
            "en": 'Asylum Seekers\' Accommodation Centre "Mucenieki"',
            "lv": 'Patvēruma meklētāju izmitināšanas centrs "Mucenieki"',
            "uk": "Центр розміщення шукачів притулку «Муценієкі»",
            "ru": "Центр размещения соискателей убежища «Муцениеки»",
        },
    },
    {
        "code": "LIEPNA",
        "municipality": "Alūksnes novads",
        "name": {
            "en": 'Asylum Seekers\' Accommodation Centre "Liepna"',
            "lv": 'Patvēruma meklētāju izmitināšanas centrs "Liepna"',
            "uk": "Центр розміщення шукачів притулку «Лієпна»",
            "ru": "Центр размещения соискателей убежища «Лиепна»",
        },
    },
]


# Programmes (services); rules such as time limits live in the database, not here.
PROGRAMMES = [
    {
        "code": "UA-MENTOR",
        "name": {
            "en": "Social mentor for Ukrainian civilians",
            "lv": "Sociālā mentora pakalpojums Ukrainas civiliedzīvotājiem",
            "uk": "Послуга соціального наставника для цивільних осіб з України",
            "ru": "Услуга социального ментора для гражданских лиц из Украины",
        },
        "description": {
            "en": "Practical help from a social mentor for Ukrainian civilians who came to Latvia because of the war, on referral by the municipal social service, for up to 60 days from the start of the service.",
            "lv": "Sociālā mentora praktisks atbalsts Ukrainas civiliedzīvotājiem, kuri ieradušies Latvijā kara dēļ, pēc pašvaldības sociālā dienesta nosūtījuma, līdz 60 dienām no pakalpojuma sākuma.",
            "uk": "Практична допомога соціального наставника цивільним особам з України, які прибули до Латвії через війну, за направленням муніципальної соціальної служби, до 60 днів від початку надання послуги.",
            "ru": "Практическая помощь социального ментора гражданским лицам из Украины, прибывшим в Латвию из-за войны, по направлению социальной службы самоуправления, сроком до 60 дней с начала оказания услуги.",
        },
    },
    {
        "code": "AS-ESF",
        "name": {
            "en": "Social worker and social mentor for asylum seekers and persons with refugee or alternative status",
            "lv": "Sociālā darbinieka un sociālā mentora pakalpojums patvēruma meklētājiem un personām ar bēgļa vai alternatīvo statusu",
            "uk": "Послуги соціального працівника та соціального наставника для шукачів притулку та осіб зі статусом біженця або альтернативним статусом",
            "ru": "Услуги социального работника и социального ментора для соискателей убежища и лиц со статусом беженца или альтернативным статусом",
        },
        "description": {
            "en": "Support from a social worker and a social mentor for asylum seekers and persons granted refugee or alternative status (2016–2023, co-financed by the European Social Fund), for status holders until the individual socio-economic inclusion plan is fulfilled, at most 12 months after the day the status was granted.",
            "lv": "Sociālā darbinieka un sociālā mentora atbalsts patvēruma meklētājiem un personām, kurām piešķirts bēgļa vai alternatīvais statuss (2016–2023, līdzfinansē Eiropas Sociālais fonds), statusa saņēmējiem – līdz individuālā sociālekonomiskās iekļaušanas plāna izpildei, bet ne ilgāk kā 12 mēnešus pēc statusa piešķiršanas dienas.",
            "uk": "Підтримка соціального працівника та соціального наставника для шукачів притулку та осіб, яким надано статус біженця або альтернативний статус (2016–2023, співфінансування Європейського соціального фонду), для осіб зі статусом — до виконання індивідуального плану соціально-економічної інтеграції, але не довше ніж 12 місяців від дня надання статусу.",
            "ru": "Поддержка социального работника и социального ментора для соискателей убежища и лиц, получивших статус беженца или альтернативный статус (2016–2023, софинансирование Европейского социального фонда), для лиц со статусом — до выполнения индивидуального плана социально-экономической интеграции, но не дольше 12 месяцев со дня предоставления статуса.",
        },
    },
    {
        "code": "AS-OSA",
        "name": {
            "en": "Social worker and social mentor at the One-Stop Agency",
            "lv": "Sociālā darbinieka un sociālā mentora pakalpojums Vienas pieturas aģentūrā",
            "uk": "Послуги соціального працівника та соціального наставника в Агентстві єдиного вікна",
            "ru": "Услуги социального работника и социального ментора в Агентстве единого окна",
        },
        "description": {
            "en": "Support from a social worker and a social mentor for asylum seekers and beneficiaries of international protection at the Society Integration Foundation's One-Stop Agency (from 2023), for up to 12 months or until the plan goals are met, extendable to at most 24 months.",
            "lv": "Sociālā darbinieka un sociālā mentora atbalsts patvēruma meklētājiem un starptautiskās aizsardzības saņēmējiem Sabiedrības integrācijas fonda Vienas pieturas aģentūrā (no 2023. gada) līdz 12 mēnešiem vai līdz plāna mērķu sasniegšanai, ar iespēju pagarināt līdz 24 mēnešiem.",
            "uk": "Підтримка соціального працівника та соціального наставника для шукачів притулку та осіб, які отримали міжнародний захист, в Агентстві єдиного вікна Фонду інтеграції суспільства (з 2023 року) — до 12 місяців або до досягнення цілей плану, з можливістю продовження не більше ніж до 24 місяців.",
            "ru": "Поддержка социального работника и социального ментора для соискателей убежища и получателей международной защиты в Агентстве единого окна Фонда интеграции общества (с 2023 года) — до 12 месяцев или до достижения целей плана, с возможностью продления не более чем до 24 месяцев.",
        },
    },
]


# Funding sources the fund reports to.
FUNDING_SOURCES = [
    {
        "code": "ESF",
        "name": {
            "en": "European Social Fund",
            "lv": "Eiropas Sociālais fonds",
            "uk": "Європейський соціальний фонд",
            "ru": "Европейский социальный фонд",
        },
    },
    {
        "code": "ESF_PLUS",
        "name": {
            "en": "European Social Fund Plus (ESF+)",
            "lv": "Eiropas Sociālais fonds Plus (ESF+)",
            "uk": "Європейський соціальний фонд плюс (ЄСФ+)",
            "ru": "Европейский социальный фонд плюс (ЕСФ+)",
        },
    },
    {
        "code": "PMIF",
        "name": {
            "en": "Asylum, Migration and Integration Fund",
            "lv": "Patvēruma, migrācijas un integrācijas fonds",
            "uk": "Фонд притулку, міграції та інтеграції",
            "ru": "Фонд убежища, миграции и интеграции",
        },
    },
    {
        "code": "STATE",
        "name": {
            "en": "State budget",
            "lv": "Valsts budžets",
            "uk": "Державний бюджет",
            "ru": "Государственный бюджет",
        },
    },
]


# Each programme's funding shares, percent by funding source code (editable in the admin; a locked
# month keeps the split it was approved with). AS-OSA: the One-Stop Agency's social worker and mentor
# service is financed by ESF+ and the state budget (seed 003) — PMIF 75 % / state 25 % funds the
# agency's own project, not this service. The seed gives no percentages, so AS-OSA takes the ESF
# programmes' 85 % / 15 %.
FUNDING_SHARES = {
    "UA-MENTOR": {"ESF": "85", "STATE": "15"},
    "AS-ESF": {"ESF": "85", "STATE": "15"},
    "AS-OSA": {"ESF_PLUS": "85", "STATE": "15"},
}


# Activities a mentor logs (DOMAIN.md order).
ACTIVITIES = [
    {
        "code": "needs_assessment",
        "name": {
            "en": "Needs assessment",
            "lv": "Vajadzību izvērtēšana",
            "uk": "Оцінка потреб",
            "ru": "Оценка потребностей",
        },
    },
    {
        "code": "humanitarian_aid",
        "name": {
            "en": "Visit to a humanitarian aid centre",
            "lv": "Humānās palīdzības centra apmeklējums",
            "uk": "Відвідування центру гуманітарної допомоги",
            "ru": "Посещение центра гуманитарной помощи",
        },
    },
    {
        "code": "medical_accompaniment",
        "name": {
            "en": "Accompanying to a medical institution",
            "lv": "Pavadīšana uz ārstniecības iestādi",
            "uk": "Супровід до медичного закладу",
            "ru": "Сопровождение в медицинское учреждение",
        },
    },
    {
        "code": "gp_registration",
        "name": {
            "en": "Registering with a family doctor",
            "lv": "Reģistrēšanās pie ģimenes ārsta",
            "uk": "Реєстрація у сімейного лікаря",
            "ru": "Регистрация у семейного врача",
        },
    },
    {
        "code": "employment_agency",
        "name": {
            "en": "Registering with the State Employment Agency (NVA)",
            "lv": "Reģistrēšanās Nodarbinātības valsts aģentūrā (NVA)",
            "uk": "Реєстрація в Державному агентстві зайнятості (NVA)",
            "ru": "Регистрация в Государственном агентстве занятости (NVA)",
        },
    },
    {
        "code": "job_search",
        "name": {
            "en": "Visiting employers / job search",
            "lv": "Darba devēju apmeklēšana / darba meklēšana",
            "uk": "Відвідування роботодавців / пошук роботи",
            "ru": "Посещение работодателей / поиск работы",
        },
    },
    {
        "code": "language_learning",
        "name": {
            "en": "Following Latvian language learning",
            "lv": "Latviešu valodas apguves uzraudzība",
            "uk": "Супровід вивчення латиської мови",
            "ru": "Сопровождение изучения латышского языка",
        },
    },
    {
        "code": "integration_programme",
        "name": {
            "en": "Following the integration programme",
            "lv": "Integrācijas programmas apguves uzraudzība",
            "uk": "Супровід проходження інтеграційної програми",
            "ru": "Сопровождение прохождения программы интеграции",
        },
    },
    {
        "code": "housing",
        "name": {
            "en": "Housing search",
            "lv": "Mājokļa meklēšana",
            "uk": "Пошук житла",
            "ru": "Поиск жилья",
        },
    },
    {
        "code": "residence_declaration",
        "name": {
            "en": "Declaring the place of residence",
            "lv": "Dzīvesvietas deklarēšana",
            "uk": "Декларування місця проживання",
            "ru": "Декларирование места жительства",
        },
    },
    {
        "code": "social_service",
        "name": {
            "en": "Registering with the municipal social service",
            "lv": "Reģistrēšanās pašvaldības sociālajā dienestā",
            "uk": "Реєстрація в муніципальній соціальній службі",
            "ru": "Регистрация в социальной службе самоуправления",
        },
    },
    {
        "code": "bank_account",
        "name": {
            "en": "Opening a bank account",
            "lv": "Bankas konta atvēršana",
            "uk": "Відкриття банківського рахунку",
            "ru": "Открытие банковского счета",
        },
    },
    {
        "code": "school_enrolment",
        "name": {
            "en": "Enrolling children in preschool or school",
            "lv": "Bērnu pieteikšana pirmsskolas izglītības iestādē vai skolā",
            "uk": "Зарахування дітей до закладу дошкільної освіти або школи",
            "ru": "Зачисление детей в дошкольное учреждение или школу",
        },
    },
    {
        "code": "documents",
        "name": {
            "en": "Arranging documents",
            "lv": "Dokumentu kārtošana",
            "uk": "Оформлення документів",
            "ru": "Оформление документов",
        },
    },
    {
        "code": "basic_goods",
        "name": {
            "en": "Clothing and basic goods",
            "lv": "Apģērbs un pirmās nepieciešamības preces",
            "uk": "Одяг і товари першої необхідності",
            "ru": "Одежда и товары первой необходимости",
        },
    },
    {
        "code": "transport",
        "name": {
            "en": "Getting to the place where help is given",
            "lv": "Nokļūšana līdz palīdzības saņemšanas vietai",
            "uk": "Доїзд до місця отримання допомоги",
            "ru": "Проезд до места получения помощи",
        },
    },
    {
        "code": "everyday_skills",
        "name": {
            "en": "Everyday skills and understanding life in Latvia",
            "lv": "Ikdienas prasmes un izpratne par dzīvi Latvijā",
            "uk": "Повсякденні навички та розуміння життя в Латвії",
            "ru": "Бытовые навыки и понимание жизни в Латвии",
        },
    },
    {
        "code": "crisis_support",
        "name": {
            "en": "Crisis support",
            "lv": "Atbalsts krīzes situācijā",
            "uk": "Підтримка в кризовій ситуації",
            "ru": "Поддержка в кризисной ситуации",
        },
    },
    {
        "code": "other",
        "name": {
            "en": "Other",
            "lv": "Cits",
            "uk": "Інше",
            "ru": "Другое",
        },
    },
]


# Goal areas of the individual socio-economic inclusion plan (DOMAIN.md order).
GOAL_AREAS = [
    {
        "code": "housing",
        "name": {
            "en": "Housing",
            "lv": "Mājoklis",
            "uk": "Житло",
            "ru": "Жилье",
        },
    },
    {
        "code": "employment",
        "name": {
            "en": "Employment",
            "lv": "Nodarbinātība",
            "uk": "Працевлаштування",
            "ru": "Трудоустройство",
        },
    },
    {
        "code": "language",
        "name": {
            "en": "Latvian language",
            "lv": "Latviešu valoda",
            "uk": "Латиська мова",
            "ru": "Латышский язык",
        },
    },
    {
        "code": "health",
        "name": {
            "en": "Health",
            "lv": "Veselība",
            "uk": "Здоров’я",
            "ru": "Здоровье",
        },
    },
    {
        "code": "education",
        "name": {
            "en": "Education and childcare",
            "lv": "Izglītība un bērnu aprūpe",
            "uk": "Освіта та догляд за дітьми",
            "ru": "Образование и уход за детьми",
        },
    },
    {
        "code": "documents",
        "name": {
            "en": "Documents and legal status",
            "lv": "Dokumenti un tiesiskais statuss",
            "uk": "Документи та правовий статус",
            "ru": "Документы и правовой статус",
        },
    },
    {
        "code": "money",
        "name": {
            "en": "Money and banking",
            "lv": "Nauda un bankas pakalpojumi",
            "uk": "Гроші та банківські послуги",
            "ru": "Деньги и банковские услуги",
        },
    },
    {
        "code": "social_services",
        "name": {
            "en": "Social services and benefits",
            "lv": "Sociālie pakalpojumi un pabalsti",
            "uk": "Соціальні послуги та виплати",
            "ru": "Социальные услуги и пособия",
        },
    },
    {
        "code": "everyday_life",
        "name": {
            "en": "Everyday life",
            "lv": "Ikdienas dzīve",
            "uk": "Повсякденне життя",
            "ru": "Повседневная жизнь",
        },
    },
    {
        "code": "other",
        "name": {
            "en": "Other",
            "lv": "Cits",
            "uk": "Інше",
            "ru": "Другое",
        },
    },
]


# Reasons an episode ends (DOMAIN.md order).
END_REASONS = [
    {
        "code": "plan_achieved",
        "name": {
            "en": "Plan goals achieved",
            "lv": "Plāna mērķi sasniegti",
            "uk": "Цілей плану досягнуто",
            "ru": "Цели плана достигнуты",
        },
    },
    {
        "code": "limit_reached",
        "name": {
            "en": "Time limit reached",
            "lv": "Beidzies pakalpojuma termiņš",
            "uk": "Досягнуто граничного строку",
            "ru": "Достигнут предельный срок",
        },
    },
    {
        "code": "left_country",
        "name": {
            "en": "Left Latvia",
            "lv": "Izbraukšana no Latvijas",
            "uk": "Виїзд з Латвії",
            "ru": "Выезд из Латвии",
        },
    },
    {
        "code": "declined",
        "name": {
            "en": "Client declined",
            "lv": "Klients atteicās no pakalpojuma",
            "uk": "Клієнт відмовився від послуги",
            "ru": "Клиент отказался от услуги",
        },
    },
    {
        "code": "transferred",
        "name": {
            "en": "Transferred to another provider",
            "lv": "Nodots citam pakalpojuma sniedzējam",
            "uk": "Передано іншому надавачу послуг",
            "ru": "Передано другому поставщику услуг",
        },
    },
    {
        "code": "unreachable",
        "name": {
            "en": "Client unreachable",
            "lv": "Ar klientu nav iespējams sazināties",
            "uk": "Не вдається зв’язатися з клієнтом",
            "ru": "С клиентом невозможно связаться",
        },
    },
    {
        "code": "ineligible",
        "name": {
            "en": "Lost eligibility",
            "lv": "Zaudētas tiesības uz pakalpojumu",
            "uk": "Втрачено право на послугу",
            "ru": "Утрачено право на услугу",
        },
    },
    {
        "code": "other",
        "name": {
            "en": "Other",
            "lv": "Cits",
            "uk": "Інше",
            "ru": "Другое",
        },
    },
]


# Client legal statuses (glossary terms).
LEGAL_STATUSES = [
    {
        "code": "ua_civilian",
        "name": {
            "en": "Ukrainian civilian (temporary protection)",
            "lv": "Ukrainas civiliedzīvotājs (pagaidu aizsardzība)",
            "uk": "Цивільна особа з України (тимчасовий захист)",
            "ru": "Гражданское лицо из Украины (временная защита)",
        },
    },
    {
        "code": "asylum_seeker",
        "name": {
            "en": "Asylum seeker",
            "lv": "Patvēruma meklētājs",
            "uk": "Шукач притулку",
            "ru": "Соискатель убежища",
        },
    },
    {
        "code": "refugee",
        "name": {
            "en": "Refugee status",
            "lv": "Bēgļa statuss",
            "uk": "Статус біженця",
            "ru": "Статус беженца",
        },
    },
    {
        "code": "alternative_status",
        "name": {
            "en": "Alternative status",
            "lv": "Alternatīvais statuss",
            "uk": "Альтернативний статус",
            "ru": "Альтернативный статус",
        },
    },
]


# Languages a client speaks (ISO 639-1 codes); names as adjectives/language names.
SPOKEN_LANGUAGES = [
    {
        "code": "uk",
        "name": {
            "en": "Ukrainian",
            "lv": "ukraiņu",
            "uk": "українська",
            "ru": "украинский",
        },
    },
    {
        "code": "ru",
        "name": {
            "en": "Russian",
            "lv": "krievu",
            "uk": "російська",
            "ru": "русский",
        },
    },
    {
        "code": "lv",
        "name": {
            "en": "Latvian",
            "lv": "latviešu",
            "uk": "латиська",
            "ru": "латышский",
        },
    },
    {
        "code": "en",
        "name": {
            "en": "English",
            "lv": "angļu",
            "uk": "англійська",
            "ru": "английский",
        },
    },
    {
        "code": "ar",
        "name": {
            "en": "Arabic",
            "lv": "arābu",
            "uk": "арабська",
            "ru": "арабский",
        },
    },
    {
        "code": "fa",
        "name": {
            "en": "Persian (Farsi)",
            "lv": "persiešu (farsī)",
            "uk": "перська (фарсі)",
            "ru": "персидский (фарси)",
        },
    },
    {
        "code": "ps",
        "name": {
            "en": "Pashto",
            "lv": "puštu",
            "uk": "пушту",
            "ru": "пушту",
        },
    },
    {
        "code": "ku",
        "name": {
            "en": "Kurdish",
            "lv": "kurdu",
            "uk": "курдська",
            "ru": "курдский",
        },
    },
    {
        "code": "be",
        "name": {
            "en": "Belarusian",
            "lv": "baltkrievu",
            "uk": "білоруська",
            "ru": "белорусский",
        },
    },
    {
        "code": "az",
        "name": {
            "en": "Azerbaijani",
            "lv": "azerbaidžāņu",
            "uk": "азербайджанська",
            "ru": "азербайджанский",
        },
    },
    {
        "code": "tr",
        "name": {
            "en": "Turkish",
            "lv": "turku",
            "uk": "турецька",
            "ru": "турецкий",
        },
    },
    {
        "code": "ka",
        "name": {
            "en": "Georgian",
            "lv": "gruzīnu",
            "uk": "грузинська",
            "ru": "грузинский",
        },
    },
    {
        "code": "hy",
        "name": {
            "en": "Armenian",
            "lv": "armēņu",
            "uk": "вірменська",
            "ru": "армянский",
        },
    },
    {
        "code": "ti",
        "name": {
            "en": "Tigrinya",
            "lv": "tigrinja",
            "uk": "тигринья",
            "ru": "тигринья",
        },
    },
    {
        "code": "so",
        "name": {
            "en": "Somali",
            "lv": "somāļu",
            "uk": "сомалійська",
            "ru": "сомалийский",
        },
    },
    {
        "code": "fr",
        "name": {
            "en": "French",
            "lv": "franču",
            "uk": "французька",
            "ru": "французский",
        },
    },
    {
        "code": "de",
        "name": {
            "en": "German",
            "lv": "vācu",
            "uk": "німецька",
            "ru": "немецкий",
        },
    },
    {
        "code": "es",
        "name": {
            "en": "Spanish",
            "lv": "spāņu",
            "uk": "іспанська",
            "ru": "испанский",
        },
    },
    {
        "code": "uz",
        "name": {
            "en": "Uzbek",
            "lv": "uzbeku",
            "uk": "узбецька",
            "ru": "узбекский",
        },
    },
    {
        "code": "tg",
        "name": {
            "en": "Tajik",
            "lv": "tadžiku",
            "uk": "таджицька",
            "ru": "таджикский",
        },
    },
    {
        "code": "kk",
        "name": {
            "en": "Kazakh",
            "lv": "kazahu",
            "uk": "казахська",
            "ru": "казахский",
        },
    },
    {
        "code": "hi",
        "name": {
            "en": "Hindi",
            "lv": "hindi",
            "uk": "гінді",
            "ru": "хинди",
        },
    },
    {
        "code": "ur",
        "name": {
            "en": "Urdu",
            "lv": "urdu",
            "uk": "урду",
            "ru": "урду",
        },
    },
    {
        "code": "bn",
        "name": {
            "en": "Bengali",
            "lv": "bengāļu",
            "uk": "бенгальська",
            "ru": "бенгальский",
        },
    },
    {
        "code": "am",
        "name": {
            "en": "Amharic",
            "lv": "amharu",
            "uk": "амхарська",
            "ru": "амхарский",
        },
    },
    {
        "code": "vi",
        "name": {
            "en": "Vietnamese",
            "lv": "vjetnamiešu",
            "uk": "в’єтнамська",
            "ru": "вьетнамский",
        },
    },
    {
        "code": "zh",
        "name": {
            "en": "Chinese",
            "lv": "ķīniešu",
            "uk": "китайська",
            "ru": "китайский",
        },
    },
]
