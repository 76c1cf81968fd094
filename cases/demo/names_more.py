"""The name pools of the asylum seekers' other countries of origin."""

from .names import NamePool, _same

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
