"""The programme's stages as the network shows them. The member's programme app owns the
stages (tenants/programme/models.py: ProgrammeStatus); the network may not import a member's
models, so their codes and labels are repeated here (same msgids), and a test checks they
agree."""

from django.utils.translation import gettext_lazy as _

NO_PROGRAMME = ""
STAGES = {
    "draft": _("Draft"),
    "consultation": _("Public consultation"),
    "adopted": _("Adopted by the council"),
    "implementation": _("Implementation"),
    "evaluated": _("Evaluated"),
    NO_PROGRAMME: _("No programme yet"),
}


def stage_label(code: str | None) -> str:
    return str(STAGES.get(code or NO_PROGRAMME, code))
