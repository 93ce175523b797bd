"""Text folding: Arabic and French compared whatever way they were typed. One set of rules,
at two strengths:

- **Word folding** (`fold_arabic`, `fold_french`), the full-text search's: tatweel, short
  vowels (harakat) and the dagger alef dropped, alef maqsura and Persian yeh written as ya, a
  word-final ha written as ta marbuta ("الميزانيه" is how many type "الميزانية"); the common
  French accents folded. The search's indexes fold the stored text in SQL
  (`arabic_fold_sql`, `french_fold_sql`, the same rules for translate() and regexp_replace(),
  written into tenants/search's migrations) and the reader's query is folded in Python: both
  must give the same text (tests/test_folding.py asks PostgreSQL). Hamza on alef is left to
  the `arabic` configuration's stemmer, which folds it.
- **Name folding** (`fold_name`), for matching names by prefix or within (the registry's
  collectivities): the same marks and ya, and also hamza in every seat (أ إ آ ٱ → ا, ؤ → و,
  ئ → ي, ء dropped), ta marbuta as ha everywhere (a prefix typed has no word end: "مدينه" must
  start "مدينة"), any accent, case and punctuation.

Changing a word-folding rule changes what the search's indexes hold: it needs a migration that
recreates them (tenants/search/migrations).
"""

import re
import unicodedata

# Tatweel, the harakat (fathatan … sukun, U+064B–U+0652) and the dagger alef (U+0670).
ARABIC_MARKS = "ـ" + "".join(chr(code) for code in range(0x064B, 0x0653)) + "\u0670"
# Alef maqsura and Persian yeh, written as ya.
ARABIC_YA_FORMS = "ىی"
ARABIC_YA = "ي"
# translate()'s arguments: the characters of the second without a counterpart in the third
# are deleted (the marks, after the ya forms).
ARABIC_FROM = ARABIC_YA_FORMS + ARABIC_MARKS
ARABIC_TO = ARABIC_YA * len(ARABIC_YA_FORMS)
# A ha that ends a word (not followed by an Arabic letter, U+0621–U+064A): a ta marbuta.
FINAL_HA_PATTERN = "ه([^ء-ي]|$)"
FINAL_HA_REPLACEMENT = "ة\\1"

_FRENCH_FOLDS = {
    **dict.fromkeys("àâäÀÂÄ", "a"),
    **dict.fromkeys("çÇ", "c"),
    **dict.fromkeys("éèêëÉÈÊË", "e"),
    **dict.fromkeys("îïÎÏ", "i"),
    **dict.fromkeys("ôöÔÖ", "o"),
    **dict.fromkeys("ùûüÙÛÜ", "u"),
    "ÿ": "y",
}
FRENCH_FROM = "".join(_FRENCH_FOLDS)
FRENCH_TO = "".join(_FRENCH_FOLDS.values())

_ARABIC_TABLE = str.maketrans(ARABIC_YA_FORMS, ARABIC_TO, ARABIC_MARKS)
_FINAL_HA = re.compile(FINAL_HA_PATTERN)
_FRENCH_TABLE = str.maketrans(FRENCH_FROM, FRENCH_TO)
# What name folding adds, after NFKD has split the hamza and madda off alef, waw and ya.
_NAME_TABLE = str.maketrans(
    {
        **dict.fromkeys(ARABIC_MARKS, ""),
        **dict.fromkeys(ARABIC_YA_FORMS, ARABIC_YA),
        "ٱ": "ا",
        "ة": "ه",
        "ء": "",
        **dict.fromkeys("’'-_«»()", " "),
    }
)
_SPACES = re.compile(r"\s+")


def fold_arabic(text: str) -> str:
    """`text` as the Arabic side of the search's index holds it before stemming."""
    return _FINAL_HA.sub(FINAL_HA_REPLACEMENT, text.translate(_ARABIC_TABLE))


def fold_french(text: str) -> str:
    """`text` as the French side of the search's index holds it before stemming."""
    return text.translate(_FRENCH_TABLE)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def arabic_fold_sql(column: str) -> str:
    """`fold_arabic` as an SQL expression over `column`."""
    folded = f"translate({column}, {_literal(ARABIC_FROM)}, {_literal(ARABIC_TO)})"
    return (
        f"regexp_replace({folded}, {_literal(FINAL_HA_PATTERN)}, "
        f"{_literal(FINAL_HA_REPLACEMENT)}, 'g')"
    )


def french_fold_sql(column: str) -> str:
    """`fold_french` as an SQL expression over `column`."""
    return f"translate({column}, {_literal(FRENCH_FROM)}, {_literal(FRENCH_TO)})"


def fold_name(text: str) -> str:
    """Lower case, no accents, no Arabic marks or hamza seats, ta marbuta as ha, single
    spaces: a name as compared by prefix or within."""
    # NFKD splits أ into ا + hamza above, é into e + acute: combining marks are then dropped.
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.translate(_NAME_TABLE).casefold()).strip()
