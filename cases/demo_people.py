"""Who the demo clients are: countries, names in Latin and original script, languages.

Data for `cases.demo` only (never loaded by migrations). Names are written the way they appear in a
passport's Latin line: Ukrainian by the 2010 national transliteration, Russian by ICAO 9303 (Russian
passports since 2013), Belarusian by the Belarusian passport rules; the Cyrillic original is kept.
"""

import random
from dataclasses import dataclass, field

# --- Transliteration -----------------------------------------------------------------------------

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


# --- Name pools ----------------------------------------------------------------------------------


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
    return tuple((stem, stem + "a") for stem in stems)


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

ARABIC = NamePool(
    female=(
        "Fatima",
        "Aisha",
        "Maryam",
        "Noor",
        "Rania",
        "Layla",
        "Huda",
        "Amal",
        "Zainab",
        "Rasha",
        "Hiba",
        "Dana",
        "Salma",
        "Reem",
        "Lana",
        "Sara",
        "Jana",
        "Sham",
        "Lujain",
        "Yasmin",
        "Ghada",
        "Samira",
    ),
    male=(
        "Mohammad",
        "Ahmad",
        "Ali",
        "Omar",
        "Khaled",
        "Yousef",
        "Hassan",
        "Hussein",
        "Mahmoud",
        "Ibrahim",
        "Mustafa",
        "Abdullah",
        "Rami",
        "Samer",
        "Bilal",
        "Tariq",
        "Fadi",
        "Kareem",
        "Hamza",
        "Zaid",
        "Yazan",
        "Majd",
        "Ammar",
        "Adam",
    ),
    families=_same(
        "Al-Ahmad",
        "Al-Hassan",
        "Haddad",
        "Khalil",
        "Mansour",
        "Nasser",
        "Saleh",
        "Al-Khatib",
        "Hamdan",
        "Darwish",
        "Al-Masri",
        "Aziz",
        "Yassin",
        "Abbas",
        "Jaber",
        "Hammoud",
        "Kassem",
        "Al-Halabi",
        "Sulaiman",
        "Othman",
        "Qasim",
        "Al-Jubouri",
        "Al-Obaidi",
        "Al-Dulaimi",
        "Abdulrahman",
    ),
)

KURDISH = NamePool(
    female=("Shirin", "Rojin", "Nasrin", "Avin", "Berivan", "Dilan", "Zozan", "Hana", "Lana"),
    male=("Karwan", "Dilshad", "Hemin", "Rebaz", "Shvan", "Azad", "Sherko", "Baran", "Aram", "Hawre"),
    families=_same("Ahmed", "Mahmoud", "Rashid", "Hamad", "Kareem", "Omer", "Salih", "Aziz", "Mustafa"),
)

DARI = NamePool(
    female=(
        "Fatima",
        "Maryam",
        "Zahra",
        "Marzia",
        "Nilofar",
        "Parisa",
        "Shabnam",
        "Soraya",
        "Tahmina",
        "Zarghona",
        "Mursal",
        "Hadia",
        "Sakina",
        "Frishta",
        "Madina",
        "Sima",
        "Roya",
        "Laila",
    ),
    male=(
        "Ahmad",
        "Mohammad",
        "Farid",
        "Hamid",
        "Jawad",
        "Karim",
        "Mustafa",
        "Nasir",
        "Rahim",
        "Sayed",
        "Wahid",
        "Zabihullah",
        "Habibullah",
        "Naveed",
        "Ali",
        "Omid",
        "Samiullah",
        "Fawad",
        "Elias",
    ),
    families=_same(
        "Ahmadi",
        "Hakimi",
        "Karimi",
        "Mohammadi",
        "Noori",
        "Popal",
        "Rahimi",
        "Rezaei",
        "Sadat",
        "Stanikzai",
        "Wardak",
        "Yousufzai",
        "Haidari",
        "Amiri",
        "Hashimi",
        "Sultani",
        "Azizi",
        "Safi",
        "Jalali",
        "Nazari",
        "Hussaini",
        "Barakzai",
    ),
)

PERSIAN = NamePool(
    female=(
        "Azadeh",
        "Elham",
        "Fereshteh",
        "Leila",
        "Mahsa",
        "Maryam",
        "Nasrin",
        "Parisa",
        "Roya",
        "Sara",
        "Shirin",
        "Yasaman",
        "Niloufar",
        "Zahra",
        "Mina",
        "Tara",
        "Ava",
    ),
    male=(
        "Ali",
        "Amir",
        "Arash",
        "Babak",
        "Behzad",
        "Dariush",
        "Farhad",
        "Hamed",
        "Hossein",
        "Kian",
        "Mehdi",
        "Omid",
        "Reza",
        "Saeed",
        "Navid",
        "Pouya",
        "Arman",
    ),
    families=_same(
        "Ahmadi",
        "Hosseini",
        "Jafari",
        "Karimi",
        "Mohammadi",
        "Moradi",
        "Rahimi",
        "Rezaei",
        "Sadeghi",
        "Tehrani",
        "Hashemi",
        "Ghorbani",
        "Akbari",
        "Nazari",
        "Kazemi",
        "Mousavi",
        "Rostami",
        "Heidari",
    ),
)

AZERBAIJANI = NamePool(
    female=(
        "Aysel",
        "Leyla",
        "Gunel",
        "Nigar",
        "Sevinj",
        "Aynur",
        "Narmin",
        "Konul",
        "Fidan",
        "Lala",
        "Aygun",
        "Aylin",
    ),
    male=(
        "Elvin",
        "Rashad",
        "Tural",
        "Ilkin",
        "Farid",
        "Kamran",
        "Orkhan",
        "Nijat",
        "Vugar",
        "Elchin",
        "Ramil",
        "Anar",
        "Emin",
        "Murad",
        "Yusif",
        "Ayaz",
    ),
    families=tuple(
        (stem, stem + "a")
        for stem in (
            "Mammadov",
            "Aliyev",
            "Huseynov",
            "Hasanov",
            "Guliyev",
            "Ismayilov",
            "Abdullayev",
            "Rzayev",
            "Hajiyev",
            "Mustafayev",
            "Babayev",
            "Jafarov",
        )
    ),
)

TURKISH = NamePool(
    female=("Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Merve", "Büşra", "Esra", "Derya"),
    male=("Mehmet", "Ahmet", "Mustafa", "Emre", "Burak", "Murat", "Yusuf", "Serkan", "Hasan", "Kemal"),
    families=_same("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan"),
)

GEORGIAN = NamePool(
    female=("Nino", "Tamar", "Mariam", "Ana", "Ketevan", "Natia", "Salome", "Eka"),
    male=("Giorgi", "Davit", "Levan", "Irakli", "Nikoloz", "Zurab", "Luka", "Giga"),
    families=_same(
        "Beridze",
        "Kapanadze",
        "Gelashvili",
        "Lomidze",
        "Maisuradze",
        "Tsiklauri",
        "Abashidze",
        "Chkheidze",
        "Japaridze",
    ),
)

ARMENIAN = NamePool(
    female=("Anahit", "Lilit", "Ani", "Mariam", "Gayane", "Nare", "Lusine", "Armine"),
    male=("Armen", "Aram", "Hayk", "Davit", "Tigran", "Gevorg", "Narek", "Arman"),
    families=_same(
        "Hakobyan",
        "Petrosyan",
        "Grigoryan",
        "Sargsyan",
        "Harutyunyan",
        "Khachatryan",
        "Vardanyan",
        "Karapetyan",
    ),
)

HORN_OF_AFRICA = NamePool(
    female=("Semhar", "Selam", "Mehret", "Helen", "Saba", "Rahel", "Tsega", "Lidya", "Hiwot", "Meron"),
    male=("Yonas", "Tesfaye", "Abraham", "Daniel", "Samuel", "Mulugeta", "Biniam", "Filmon", "Dawit"),
    families=_same(
        "Tesfay", "Gebremedhin", "Haile", "Kidane", "Berhane", "Tekle", "Woldemariam", "Tadesse", "Bekele"
    ),
)

SOMALI = NamePool(
    female=("Hodan", "Fadumo", "Ayaan", "Hawa", "Khadija", "Sahra", "Ifrah", "Asha", "Nasra"),
    male=("Abdi", "Mohamed", "Ahmed", "Abdirahman", "Hassan", "Yusuf", "Omar", "Abdullahi"),
    families=_same("Warsame", "Farah", "Jama", "Osman", "Abdi", "Mohamud", "Nur", "Egal", "Ali"),
)

PAKISTANI = NamePool(
    female=("Ayesha", "Sana", "Fatima", "Hira", "Amina", "Zainab", "Mahnoor"),
    male=("Imran", "Bilal", "Usman", "Hamza", "Faisal", "Zeeshan", "Ali", "Asad"),
    families=_same("Khan", "Ahmed", "Chaudhry", "Malik", "Hussain", "Butt", "Qureshi", "Sheikh"),
)

INDIAN = NamePool(
    female=("Priya", "Anjali", "Neha", "Pooja", "Kavya", "Simran"),
    male=("Rahul", "Amit", "Arjun", "Vikram", "Rohan", "Sandeep", "Harpreet"),
    families=_same("Sharma", "Singh", "Patel", "Kumar", "Gupta", "Reddy", "Nair"),
)

BANGLADESHI = NamePool(
    female=("Nusrat", "Farhana", "Tahmina", "Sadia", "Sumaiya"),
    male=("Rahim", "Kamal", "Arif", "Tanvir", "Shakib", "Nayeem"),
    families=_same("Rahman", "Hossain", "Islam", "Uddin", "Chowdhury", "Akter"),
)

VIETNAMESE = NamePool(
    female=("Huong", "Lan", "Linh", "Mai", "Thu", "Ngoc", "Trang"),
    male=("Minh", "Tuan", "Hung", "Duc", "Quang", "Hai", "Thanh"),
    families=_same("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"),
)

NIGERIAN = NamePool(
    female=("Ngozi", "Amaka", "Chioma", "Funmilayo", "Aisha", "Blessing"),
    male=("Chinedu", "Emeka", "Oluwaseun", "Ibrahim", "Tunde", "Uche"),
    families=_same("Okafor", "Adeyemi", "Eze", "Okonkwo", "Abubakar", "Balogun", "Nwosu", "Olawale"),
)

CENTRAL_AFRICAN = NamePool(
    female=("Grace", "Marie", "Chantal", "Esther", "Sandrine", "Nadège"),
    male=("Jean", "Patrick", "Serge", "Blaise", "Christian", "Pierre"),
    families=_same("Mbarga", "Fotso", "Kamga", "Mukendi", "Tshibanda", "Kabongo", "Ilunga", "Mbuyi"),
)

CENTRAL_ASIAN = NamePool(
    female=("Madina", "Dilnoza", "Gulnara", "Aigerim", "Nilufar", "Malika", "Zarina", "Kamila", "Aliya"),
    male=("Rustam", "Farrukh", "Dilshod", "Aziz", "Sherzod", "Bakhtiyor", "Nurlan", "Daniyar", "Timur"),
    families=tuple(
        (stem, stem + "a")
        for stem in (
            "Rakhimov",
            "Karimov",
            "Nazarov",
            "Saidov",
            "Tursunov",
            "Yusupov",
            "Abdullaev",
            "Akhmetov",
        )
    ),
)

MOLDOVAN = NamePool(
    female=("Elena", "Natalia", "Ana", "Maria", "Cristina", "Olesea", "Tatiana"),
    male=("Ion", "Vasile", "Andrei", "Mihai", "Sergiu", "Dumitru", "Alexandru"),
    families=_same("Rusu", "Ceban", "Popescu", "Munteanu", "Ciobanu", "Lungu", "Cojocaru", "Rotaru"),
)

CUBAN = NamePool(
    female=("María", "Yanelis", "Ana", "Daniela", "Yusleidy", "Gabriela"),
    male=("José", "Carlos", "Luis", "Jorge", "Alejandro", "Yoandri"),
    families=_same("González", "Rodríguez", "Pérez", "Hernández", "Martínez", "García", "Díaz"),
)


# --- Countries -----------------------------------------------------------------------------------


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
