"""The member's public content the site-wide search reads: one `Source` per kind (its
table and columns; platform/kernel/full_text.py says how a source is searched). Its vector is
an SQL expression over the columns of the other app's table; tenants/search's migrations
create a GIN index on that same expression (so no other app's model or migration changes),
and the search writes the same expression in its WHERE clause, which is how PostgreSQL knows
to use the index (tests/test_index_use.py asks EXPLAIN). The library's source is its own
(tenants/documents/selectors.py: its page searches it too)."""

from kernel.full_text import Source
from tenants.documents.selectors import LIBRARY_SOURCE

SOURCES = {
    source.kind: source
    for source in (
        LIBRARY_SOURCE,
        Source(
            "commitment",
            "programme_commitment",
            arabic=(
                ("title_ar", "A"),
                ("problem_ar", "B"),
                ("action_ar", "B"),
                ("solution_ar", "B"),
            ),
            french=(
                ("title_fr", "A"),
                ("problem_fr", "B"),
                ("action_fr", "B"),
                ("solution_fr", "B"),
            ),
        ),
        Source(
            "milestone",
            "programme_milestone",
            arabic=(("title_ar", "A"),),
            french=(("title_fr", "A"),),
        ),
        Source(
            "meeting",
            "meetings_meeting",
            arabic=(("title_ar", "A"), ("agenda_ar", "B")),
            french=(("title_fr", "A"), ("agenda_fr", "B")),
            either=(("place", "C"),),
        ),
        Source(
            "consultation",
            "consultations_consultation",
            arabic=(("title_ar", "A"), ("description_ar", "B")),
            french=(("title_fr", "A"), ("description_fr", "B")),
        ),
        # The petition as published: never its agent's name, ID number or contacts.
        Source(
            "petition",
            "petitions_petition",
            either=(("subject", "A"), ("text", "B"), ("answer", "B")),
        ),
        # What the public register shows that staff wrote: the summary and the answer. Never the
        # requester's identity nor the request's own text (`information_wanted`).
        Source(
            "information_request",
            "information_requests_informationrequest",
            either=(("public_summary", "A"), ("answer_text", "B")),
        ),
    )
}
