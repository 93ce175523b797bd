"""The titles' own GIN indexes, the first tier of the search's ranking (tenants/search/
vectors.py: Source.rank_sql writes the same expressions)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0001_full_text_indexes")]

    operations = [
        migrations.RunSQL(  # document
            "CREATE INDEX IF NOT EXISTS \"search_document_title_fts\" ON \"documents_document\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_document_title_fts"',
        ),
        migrations.RunSQL(  # commitment
            "CREATE INDEX IF NOT EXISTS \"search_commitment_title_fts\" ON \"programme_commitment\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_commitment_title_fts"',
        ),
        migrations.RunSQL(  # meeting
            "CREATE INDEX IF NOT EXISTS \"search_meeting_title_fts\" ON \"meetings_meeting\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_meeting_title_fts"',
        ),
        migrations.RunSQL(  # consultation
            "CREATE INDEX IF NOT EXISTS \"search_consultation_title_fts\" ON \"consultations_consultation\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_consultation_title_fts"',
        ),
        migrations.RunSQL(  # petition
            "CREATE INDEX IF NOT EXISTS \"search_petition_title_fts\" ON \"petitions_petition\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"subject\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"subject\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_petition_title_fts"',
        ),
        migrations.RunSQL(  # information_request
            "CREATE INDEX IF NOT EXISTS \"search_information_request_title_fts\" ON \"information_requests_informationrequest\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"public_summary\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"public_summary\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_information_request_title_fts"',
        ),
    ]
