"""The decisions announced before the platform recorded them (2023–2025), shipped as data
(migration 0002) with their source. The feasts' dates are the Ministry of Habous and Islamic
Affairs' announcements after the sighting of the moon, the exceptional days the Head of
Government's (decree 2.05.916, articles 2 and 3), as the press reported them: the platform
could read the press items, not the communiqués themselves (docs/law.md section 1)."""

from datetime import date

ANNOUNCED_DECISIONS = [
    {
        "first_day": date(2023, 4, 22),
        "days": 2,
        "name_ar": "عيد الفطر",
        "name_fr": "Aïd al-Fitr",
        "replaces": [date(2023, 4, 21), date(2023, 4, 22)],
        "source": "Ministère des Habous et des Affaires islamiques, communiqué du 20 avril 2023 "
        "(1er Chaoual 1444 = samedi 22 avril 2023), repris par la MAP : "
        "https://rue20.com/706857.html",
    },
    {
        "first_day": date(2023, 4, 24),
        "days": 1,
        "name_ar": "عطلة استثنائية بمناسبة عيد الفطر",
        "name_fr": "Congé exceptionnel de l'Aïd al-Fitr",
        "replaces": [],
        "source": "Département du Chef du gouvernement, communiqué du 15 avril 2023 (décret "
        "2.05.916, art. 2) : https://lnt.ma/aid-al-fitr-le-gouvernement-annonce-que-"
        "le-lundi-24-avril-sera-ferie/",
    },
    {
        "first_day": date(2023, 6, 29),
        "days": 2,
        "name_ar": "عيد الأضحى",
        "name_fr": "Aïd al-Adha",
        "replaces": [date(2023, 6, 28), date(2023, 6, 29)],
        "source": "Ministère des Habous et des Affaires islamiques (1er Dou al-Hijja 1444 = mardi "
        "20 juin 2023 ; Aïd jeudi 29 juin 2023), rapporté par la presse : "
        "https://albawabhnews.com/keyword/325914",
    },
    {
        "first_day": date(2024, 6, 17),
        "days": 2,
        "name_ar": "عيد الأضحى",
        "name_fr": "Aïd al-Adha",
        "replaces": [date(2024, 6, 16), date(2024, 6, 17)],
        "source": "Ministère des Habous et des Affaires islamiques, communiqué du 7 juin 2024 "
        "(Aïd lundi 17 juin 2024), texte repris par la presse : "
        "https://kawalisserif.com/2024/06/07/",
    },
    {
        "first_day": date(2025, 6, 7),
        "days": 2,
        "name_ar": "عيد الأضحى",
        "name_fr": "Aïd al-Adha",
        "replaces": [date(2025, 6, 6), date(2025, 6, 7)],
        "source": "Ministère des Habous et des Affaires islamiques, 27 mai 2025 (1er Dou al-Hijja "
        "1446 = jeudi 29 mai ; Aïd samedi 7 juin 2025), rapporté par la presse : "
        "https://www.maghrebemergent.com/revelation-la-date-de-celebration-de-laid-al-"
        "adha-2025-au-maroc-enfin-devoilee/",
    },
    {
        "first_day": date(2025, 6, 9),
        "days": 1,
        "name_ar": "عطلة استثنائية بمناسبة عيد الأضحى",
        "name_fr": "Congé exceptionnel de l'Aïd al-Adha",
        "replaces": [],
        "source": "Département du Chef du gouvernement (décret 2.05.916, art. 3), lundi 9 juin "
        "2025 : https://www.lebrief.ma/aid-al-adha-lundi-9-juin-declare-jour-ferie-"
        "exceptionnel-100101398",
    },
]
