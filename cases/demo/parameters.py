"""How the demo case data is shaped: programme shares, weights, durations and what people wrote.

One "unit" is the person a referral or an intake is about (the episode's client) and the household
members who come to the family visits. Each unit is planned in Python (dates, outcome, mentor),
then a chunk of units is written with bulk_create, so that memory stays flat and 100,000 clients
(about a million visits) take minutes. Every choice comes from the one seeded `rng`, in a fixed
order, so a seed and a --today give the same data set."""

import datetime

D = datetime.date
CHUNK_CLIENTS = 2000
BATCH_SIZE = 5000

UA, ESF, OSA = "UA-MENTOR", "AS-ESF", "AS-OSA"
PROGRAMME_WEIGHTS = {UA: 0.45, ESF: 0.22, OSA: 0.33}
# Visits: UA-MENTOR 4–8 over a full 60-day episode; AS programmes 2–5 a month (the volume knob:
# with these, 100,000 clients make about 0.7 million visits).
UA_VISITS_PER_60_DAYS = (4, 8)
AS_VISITS_PER_MONTH = (2, 5)
# Each mentor of a contract in force carries an open caseload of this many episodes (their
# max_caseload permitting); while it is not filled, this share of the units are people served now
# (a small data set, as the tests build, keeps mostly history: it cannot fill the caseloads anyway).
OPEN_CASELOAD = (10, 14)
CURRENT_SHARE = 0.6
CURRENT_SHARE_SMALL = 0.2
SMALL_DATA_SET = 1500
RECENT_DAYS = 548  # "most episodes in the last 18 months"
RECENT_SHARE = 0.7
TEMPORARY_PROTECTION_FROM = D(2022, 3, 4)
LIEPNA_OPENED = D(2023, 9, 1)

UA_MUNICIPALITY_WEIGHTS = {
    "Rīga": 40, "Jūrmala": 4, "Daugavpils": 5, "Liepāja": 5, "Jelgava": 4, "Ventspils": 3,
    "Rēzekne": 2, "Valmieras novads": 3, "Ogres novads": 3, "Jēkabpils novads": 2, "Mārupes novads": 3,
    "Ķekavas novads": 2, "Salaspils novads": 2, "Siguldas novads": 2, "Tukuma novads": 2,
    "Cēsu novads": 2, "Ropažu novads": 2, "Ādažu novads": 1.5, "Olaines novads": 1.5,
    "Bauskas novads": 1, "Dobeles novads": 1, "Kuldīgas novads": 1, "Talsu novads": 1,
    "Saldus novads": 1, "Limbažu novads": 1, "Madonas novads": 1, "Aizkraukles novads": 1,
    "Dienvidkurzemes novads": 1, "Jelgavas novads": 1, "Augšdaugavas novads": 0.8,
    "Rēzeknes novads": 0.7, "Gulbenes novads": 0.6, "Alūksnes novads": 0.6, "Smiltenes novads": 0.6,
    "Krāslavas novads": 0.6, "Ludzas novads": 0.6, "Ventspils novads": 0.6, "Valkas novads": 0.5,
    "Balvu novads": 0.5, "Preiļu novads": 0.5, "Līvānu novads": 0.5, "Saulkrastu novads": 0.5,
    "Varakļānu novads": 0.3,
}  # fmt: skip
# Beneficiaries of international protection mostly settle in Rīga.
AS_MUNICIPALITY_WEIGHTS = {
    "Rīga": 70, "Jelgava": 4, "Daugavpils": 4, "Liepāja": 4, "Jūrmala": 3, "Ropažu novads": 3,
    "Valmieras novads": 3, "Ogres novads": 3, "Ventspils": 2, "Rēzekne": 2, "Salaspils novads": 2,
}  # fmt: skip

# How a UA-MENTOR referral stands today; "overdue" is a submission waiting more than 3 working days.
REFERRAL_OUTCOMES = {"accepted": 91.5, "submitted": 1.5, "overdue": 1.5, "returned": 2.5, "withdrawn": 3}
# The first UA-MENTOR units take these, so that a small data set shows every referral status.
GUARANTEED_OUTCOMES = ("submitted", "overdue", "returned", "withdrawn", "overdue", "returned")

END_WEIGHTS = {
    UA: {
        "plan_achieved": 35, "limit_reached": 28, "left_country": 9, "declined": 7, "unreachable": 9,
        "transferred": 5, "ineligible": 2, "other": 5,
    },
    "status": {
        "plan_achieved": 30, "limit_reached": 18, "left_country": 22, "declined": 6, "unreachable": 10,
        "transferred": 6, "other": 8,
    },
    # Asylum seekers in the procedure: many leave Latvia (DOMAIN.md: 290 persons in 2022-23).
    "seeker": {
        "left_country": 45, "ineligible": 18, "declined": 10, "unreachable": 12, "transferred": 7,
        "other": 8,
    },
}  # fmt: skip
END_DAYS = {
    UA: {
        "plan_achieved": (30, 59), "left_country": (5, 50), "declined": (1, 20), "unreachable": (10, 50),
        "transferred": (7, 50), "ineligible": (3, 30), "other": (5, 59),
    },
    "AS": {
        "plan_achieved": (120, 365), "left_country": (45, 360), "declined": (30, 180),
        "unreachable": (60, 300), "transferred": (60, 365), "ineligible": (90, 365), "other": (45, 365),
    },
}  # fmt: skip
FORCED_END_REASONS = ("declined", "unreachable", "transferred", "other")

ACTIVITY_WEIGHTS = {
    UA: {
        "humanitarian_aid": 8, "medical_accompaniment": 6, "gp_registration": 6, "employment_agency": 7,
        "job_search": 8, "language_learning": 6, "integration_programme": 1, "housing": 8,
        "residence_declaration": 5, "social_service": 8, "bank_account": 4, "school_enrolment": 4,
        "documents": 6, "basic_goods": 5, "transport": 3, "everyday_skills": 5, "crisis_support": 3,
        "other": 2,
    },
    "AS": {
        "humanitarian_aid": 3, "medical_accompaniment": 8, "gp_registration": 4, "employment_agency": 5,
        "job_search": 6, "language_learning": 8, "integration_programme": 6, "housing": 6,
        "residence_declaration": 3, "social_service": 6, "bank_account": 3, "school_enrolment": 3,
        "documents": 9, "basic_goods": 4, "transport": 6, "everyday_skills": 8, "crisis_support": 4,
        "other": 2,
    },
}  # fmt: skip
GOAL_AREA_WEIGHTS = {
    UA: {
        "housing": 9, "employment": 9, "language": 6, "health": 5, "education": 4, "documents": 5,
        "money": 4, "social_services": 6, "everyday_life": 4, "other": 1,
    },
    "AS": {
        "housing": 8, "employment": 8, "language": 9, "health": 6, "education": 5, "documents": 9,
        "money": 5, "social_services": 5, "everyday_life": 7, "other": 2,
    },
}  # fmt: skip
PLACE_WEIGHTS = {
    "home": {"home": 30, "institution": 30, "office": 20, "phone": 15, "online": 5},
    "centre": {"accommodation_centre": 45, "institution": 25, "office": 10, "phone": 15, "online": 5},
}
MINUTES = {
    "phone": (30, 30, 45, 60),
    "online": (30, 45, 60),
    "institution": (60, 75, 90, 105, 120, 150, 180),
    "default": (45, 60, 60, 75, 90, 120, 150),
}

# What people wrote (demo content in Latvian, the language the staff work in; not interface text).
GOAL_TEXTS = {
    "housing": ("Atrast pastāvīgu dzīvesvietu", "Noslēgt īres līgumu", "Pieteikties dzīvokļa pabalstam"),
    "employment": ("Reģistrēties NVA", "Atrast darbu atbilstoši kvalifikācijai", "Sagatavot CV latviski"),
    "language": (
        "Uzsākt latviešu valodas kursus",
        "Sasniegt A1 valodas līmeni",
        "Apmeklēt valodas kafejnīcu",
    ),
    "health": ("Reģistrēties pie ģimenes ārsta", "Saņemt nepieciešamo ārstēšanu", "Veikt bērnu vakcināciju"),
    "education": ("Pieteikt bērnu skolā", "Nodrošināt vietu bērnudārzā", "Atrast bērnam interešu pulciņu"),
    "documents": ("Saņemt uzturēšanās atļauju", "Deklarēt dzīvesvietu", "Saņemt personas kodu"),
    "money": ("Atvērt bankas kontu", "Sastādīt ģimenes budžetu", "Pieteikties valsts pabalstiem"),
    "social_services": ("Reģistrēties sociālajā dienestā", "Saņemt trūcīgas personas statusu"),
    "everyday_life": ("Apgūt sabiedriskā transporta lietošanu", "Patstāvīgi kārtot ikdienas jautājumus"),
    "other": ("Iesaistīties kopienas aktivitātēs", "Saņemt psihologa konsultāciju"),
}
SITUATION_TEXTS = {
    "housing": "Dzīvo pie paziņām pagaidu mājoklī; īres līguma nav.",
    "employment": "Bez darba; Ukrainā strādāja tirdzniecībā, NVA nav reģistrēts.",
    "language": "Latviešu valodu nepārvalda; saprot krievu un angļu valodu.",
    "health": "Nav reģistrēts pie ģimenes ārsta; hroniska slimība, vajadzīgi medikamenti.",
    "education": "Bērns nav pieteikts skolā; vajadzīga vieta bērnudārzā.",
    "documents": "Uzturēšanās atļauja derīga; dzīvesvieta nav deklarēta, nav personas koda.",
    "money": "Nav bankas konta; ienākumu nav, saņem humāno palīdzību.",
    "social_services": "Sociālajā dienestā nav vērsies; nezina par pabalstiem.",
    "everyday_life": "Patstāvīgi pārvietojas ar sabiedrisko transportu; vajadzīga palīdzība iestādēs.",
    "other": "Jūtas vientuļi; interesējas par kopienas pasākumiem.",
}
# Steps towards a goal in each area: (what, who does it).
STEP_TEXTS = {
    "housing": (("Apskatīt trīs dzīvokļu piedāvājumus", "client"), ("Pavadīt uz īres līguma noslēgšanu", "mentor"), ("Pieteikt dzīvokļa pabalstu", "social_worker")),
    "employment": (("Reģistrēties NVA", "client"), ("Sagatavot CV latviski", "mentor"), ("Sazināties ar darba devējiem", "client")),
    "language": (("Pieteikties valodas kursiem", "client"), ("Atrast kursus tuvu dzīvesvietai", "mentor"), ("Apmeklēt kursus divreiz nedēļā", "client")),
    "health": (("Izvēlēties ģimenes ārstu", "client"), ("Pavadīt uz pirmo vizīti", "mentor"), ("Saņemt recepti medikamentiem", "other")),
    "education": (("Iesniegt pieteikumu skolā", "client"), ("Sazināties ar izglītības pārvaldi", "social_worker"), ("Pavadīt uz iepazīšanos skolā", "mentor")),
    "documents": (("Deklarēt dzīvesvietu", "client"), ("Pavadīt uz PMLP", "mentor"), ("Pārbaudīt dokumentu derīgumu", "social_worker")),
    "money": (("Atvērt bankas kontu", "client"), ("Pavadīt uz banku", "mentor"), ("Sastādīt ģimenes budžetu", "client")),
    "social_services": (("Pieteikties sociālajā dienestā", "client"), ("Sagatavot pabalsta iesniegumu", "social_worker"), ("Pavadīt uz sociālo dienestu", "mentor")),
    "everyday_life": (("Iegādāties e-talonu", "client"), ("Iepazīstināt ar pilsētas iestādēm", "mentor")),
    "other": (("Apmeklēt kopienas pasākumu", "client"), ("Pieteikt psihologa konsultāciju", "social_worker")),
}  # fmt: skip
STEP_OTHERS = ("ģimenes ārsts", "NVA konsultants", "sociālā dienesta darbinieks")
REVISION_REASONS = (
    "Klients saņēma bēgļa statusu; mērķi papildināti ar darba meklēšanu.",
    "Mājokļa jautājums atrisināts; plāns pārskatīts pēc trim mēnešiem.",
    "Ģimenē piedzima bērns; mainītas prioritātes.",
    "Klients sāka strādāt; valodas kursi pārcelti uz vakariem.",
)
NEEDS_TEXTS = (
    "Ģimenei nepieciešama palīdzība dzīvesvietas meklēšanā un bērnu pieteikšanā skolā.",
    "Klientei jāreģistrējas pie ģimenes ārsta un NVA; latviešu valodu nepārvalda.",
    "Nepieciešams atbalsts dokumentu kārtošanā un bankas konta atvēršanā.",
    "Vientuļš pensionārs; nepieciešama palīdzība veselības aprūpes un pabalstu jautājumos.",
    "Klients meklē darbu; nepieciešama palīdzība CV sagatavošanā un saziņā ar darba devējiem.",
    "Daudzbērnu ģimene; nepieciešama humānā palīdzība un atbalsts sociālā dienesta pakalpojumu saņemšanā.",
)
PROVIDER_NOTES = (
    "Klientei ir mazs bērns, ērtāk tikties pēcpusdienā.",
    "Sazināties krieviski vai ukrainiski; tālrunis pieejams pēc plkst. 17.",
    "Klientam ir invaliditāte; nepieciešama pavadīšana.",
)
RETURN_REASONS = (
    "Norādītais tālruņa numurs nav pareizs; lūdzu precizēt kontaktinformāciju.",
    "Nosūtījumā nav aprakstītas vajadzības; lūdzu papildināt novērtējumu.",
    "Klients jau saņem līdzīgu atbalstu citā projektā.",
    "Klients dzīvo citā pašvaldībā; lūdzu pārbaudīt dzīvesvietu.",
)
WITHDRAW_NOTES = (
    "Klients izbraucis no Latvijas.",
    "Klients atrada darbu, atbalsts vairs nav vajadzīgs.",
    "Klients atsauca piekrišanu.",
    "Nosūtījums izveidots kļūdaini.",
)
CLOSING_SUMMARIES = {
    "plan_achieved": "Plāna mērķi sasniegti; klients patstāvīgi kārto ikdienas jautājumus.",
    "limit_reached": "Sasniegts pakalpojuma termiņš; klients informēts par citiem atbalsta veidiem.",
    "left_country": "Klients izbraucis no Latvijas.",
    "declined": "Klients atteicās no pakalpojuma turpināšanas.",
    "transferred": "Klients nodots cita pakalpojuma sniedzēja aprūpē.",
    "unreachable": "Ar klientu neizdevās sazināties ilgāk par mēnesi.",
    "ineligible": "Klients vairs neatbilst pakalpojuma mērķgrupai.",
    "other": "Pakalpojums pārtraukts citu iemeslu dēļ.",
}
ESF_ENDED_SUMMARY = "AS-ESF pakalpojums beidzās 30.11.2023; atbalstu turpina Vienas pieturas aģentūra."
OSA_CONTINUES_NOTE = "Turpina AS-ESF pakalpojumu, kas beidzās 30.11.2023."
EXTENSION_REASONS = (
    "Plāna mērķi daļēji sasniegti; nepieciešams atbalsts mājokļa un darba jautājumos.",
    "Turpinās dokumentu kārtošana un bērnu iekļaušana izglītībā.",
    "Klientam nepieciešams atbalsts līdz valodas kursu beigām.",
)
HANDOVER_NOTE = "LSK līgums izbeigts pirms termiņa; atvērtās lietas bez pārtraukuma pārņem Caritas Latvija."
LOCK_NOTE = "Maksājuma pārskats apstiprināts."
VISIT_NOTES = (
    "Pavadīju klientu uz NVA; reģistrācija veiksmīga.",
    "Kopā aizpildījām pabalsta pieteikumu sociālajā dienestā.",
    "Palīdzēju pierakstīties pie ģimenes ārsta.",
    "Apspriedām dzīvokļa īres iespējas; nosūtīju trīs sludinājumus.",
    "Klients apmeklē latviešu valodas kursus; motivācija laba.",
    "Pārrunājām bērnu pieteikšanu skolā.",
    "Atvērām bankas kontu.",
    "Trūkst dokumentu; nākamreiz pavadīšu uz PMLP.",
    "Sniedzu emocionālu atbalstu; ieteicu psihologa konsultāciju.",
    "Iepazīstināju ar sabiedrisko transportu un e-talona iegādi.",
    "Telefonsaruna: vienojāmies par nākamo tikšanos un vajadzīgajiem dokumentiem.",
    "Saņemta humānā palīdzība (apģērbs, pārtika).",
)
