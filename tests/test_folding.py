"""One text folding (kernel.folding): the search's word folding gives the same text in Python
(the reader's query) and in PostgreSQL (the indexed columns); names fold for the registry."""

import pytest
from django.db import connection

from kernel.folding import arabic_fold_sql, fold_arabic, fold_french, fold_name, french_fold_sql

ARABIC_SAMPLES = [
    "الميزانيه",  # a word-final ha typed for a ta marbuta
    "الميزانية السنوية",
    "مستوى",  # alef maqsura
    "فارسی",  # Persian yeh
    "المَحْضَرُ",  # harakat
    "تـــطوان",  # tatweel
    "الرَّحْمٰن",  # shadda and the dagger alef
    "وجه المدينه، وجهه. هه",  # ha before punctuation, inside a word, doubled
    "ه",
    "أنجرة إقليم آيت مؤسسة",  # hamza seats: left to the stemmer, untouched here
    "مدينة 2024 (تطوان)",
    "",
]
FRENCH_SAMPLES = [
    "Réunion du comité de suivi",
    "ÉTÉ À CÔTÉ",
    "Noël, Laâyoune, Fès-Meknès",
    "ça où naïve dîner",
    "œuvre ñ",  # left to the unaccent dictionary, where the server has it
    "",
]


@pytest.mark.parametrize(
    "fold, fold_sql, samples",
    [
        (fold_arabic, arabic_fold_sql, ARABIC_SAMPLES),
        (fold_french, french_fold_sql, FRENCH_SAMPLES),
    ],
    ids=["arabic", "french"],
)
def test_python_and_sql_fold_alike(db, fold, fold_sql, samples):
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(fold_sql("%s::text") for _ in samples), samples)
        in_sql = list(cursor.fetchone())
    assert in_sql == [fold(sample) for sample in samples]


def test_word_folding_rules():
    assert fold_arabic("الميزانيه مستوى فارسی") == "الميزانية مستوي فارسي"
    assert fold_arabic("المَحْضَرُ تـــطوان وجهه") == "المحضر تطوان وجهة"
    assert fold_french("Réunion à Fès") == "Reunion a Fes"


@pytest.mark.parametrize(
    "text, folded",
    [
        ("أنجرة", "انجره"),
        ("ٱلمدينة", "المدينه"),
        ("فارسی مكناسى", "فارسي مكناسي"),
        ("Fès-Meknès  (Région)", "fes meknes region"),
        ("تـِطْوَان", "تطوان"),
    ],
)
def test_name_folding_goes_further(text, folded):
    assert fold_name(text) == folded
