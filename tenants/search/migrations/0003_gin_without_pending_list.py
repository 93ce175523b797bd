"""The search's GIN indexes are kept up to date at each write (fastupdate off).

With fastupdate on (PostgreSQL's default), new rows wait in the index's pending list until a
vacuum, or until the list reaches gin_pending_list_limit (4 MB): every search reads that list
through, row by row. A member publishes a few documents a day, and its visitors search far
more often than it writes: the writes pay the (small) cost instead. The pending lists already
there are merged into the indexes now (gin_clean_pending_list).
"""

from django.db import migrations

INDEXES = (
    "search_document_fts",
    "search_document_title_fts",
    "search_commitment_fts",
    "search_commitment_title_fts",
    "search_milestone_fts",
    "search_meeting_fts",
    "search_meeting_title_fts",
    "search_consultation_fts",
    "search_consultation_title_fts",
    "search_petition_fts",
    "search_petition_title_fts",
    "search_information_request_fts",
    "search_information_request_title_fts",
)


def _without_pending_list(name: str) -> str:
    return (
        f'ALTER INDEX "{name}" SET (fastupdate = off); '
        f"SELECT gin_clean_pending_list('\"{name}\"'::regclass)"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_title_indexes")]

    operations = [
        migrations.RunSQL(_without_pending_list(name), f'ALTER INDEX "{name}" RESET (fastupdate)')
        for name in INDEXES
    ]
