"""The month names Moroccan administration uses in Arabic.

Django's Arabic catalogue gives the Middle-Eastern names (ديسمبر، نوفمبر، يوليو، مايو، أغسطس،
سبتمبر); Morocco writes يناير، فبراير، مارس، أبريل، ماي، يونيو، يوليوز، غشت، شتنبر، أكتوبر،
نونبر، دجنبر. The platform's catalogue (platform/locale, read before Django's own) translates
the same words, so every date Django formats (`|date`, the admin, e-mails) reads the Moroccan
way. These calls only put the words into that catalogue (makemessages); nothing imports them.
"""

from django.utils.translation import gettext_noop

# As django.utils.dates spells them (MONTHS: the "F" format of `|date`).
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
