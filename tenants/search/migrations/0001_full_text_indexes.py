"""GIN indexes on the full-text vectors of the other apps' public content (tenants/search/vectors.py
writes the same expressions; the literal SQL is kept here, as migrations are history).

The text search configuration and the extension are database-wide objects that live in the
public schema, so that member schemas (built by replaying the template's DDL, which holds
tables and indexes only: network/members/schema_template.py) find them on their search path.
`unaccent` is created where the server ships it (Debian's and the official images'
PostgreSQL do; the embedded pgserver build used by `make run` without DATABASE_URL does not):
the French vectors fold the common accents with translate() either way, so results never
depend on it; the extension adds the rarer letters (œ, æ, ñ...).
"""

from django.db import migrations

CONFIGURATION_SQL = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
        CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                   WHERE cfgname = 'infitah_french' AND cfgnamespace = 'public'::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION public.infitah_french (COPY = pg_catalog.french);
        IF EXISTS (SELECT 1 FROM pg_ts_dict
                   WHERE dictname = 'unaccent' AND dictnamespace = 'public'::regnamespace) THEN
            ALTER TEXT SEARCH CONFIGURATION public.infitah_french
                ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
        END IF;
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("programme", "0004_irm_current_scales"),
        ("meetings", "0002_registrations"),
        ("consultations", "0001_initial"),
        ("petitions", "0002_association_admissibility_spread"),
        ("information_requests", "0002_informationrequest_channel_and_more"),
    ]

    operations = [
        # Shared by every member: never dropped when one schema migrates backwards.
        migrations.RunSQL(CONFIGURATION_SQL, migrations.RunSQL.noop),
        migrations.RunSQL(  # document
            "CREATE INDEX IF NOT EXISTS \"search_document_fts\" ON \"documents_document\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"description_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"description_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B')))",
            'DROP INDEX IF EXISTS "search_document_fts"',
        ),
        migrations.RunSQL(  # commitment
            "CREATE INDEX IF NOT EXISTS \"search_commitment_fts\" ON \"programme_commitment\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"problem_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"action_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"solution_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"problem_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"action_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"solution_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B')))",
            'DROP INDEX IF EXISTS "search_commitment_fts"',
        ),
        migrations.RunSQL(  # milestone
            "CREATE INDEX IF NOT EXISTS \"search_milestone_fts\" ON \"programme_milestone\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A')))",
            'DROP INDEX IF EXISTS "search_milestone_fts"',
        ),
        migrations.RunSQL(  # meeting
            "CREATE INDEX IF NOT EXISTS \"search_meeting_fts\" ON \"meetings_meeting\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"agenda_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"place\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'C') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"agenda_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"place\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'C')))",
            'DROP INDEX IF EXISTS "search_meeting_fts"',
        ),
        migrations.RunSQL(  # consultation
            "CREATE INDEX IF NOT EXISTS \"search_consultation_fts\" ON \"consultations_consultation\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"title_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"description_ar\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"title_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"description_fr\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B')))",
            'DROP INDEX IF EXISTS "search_consultation_fts"',
        ),
        migrations.RunSQL(  # petition
            "CREATE INDEX IF NOT EXISTS \"search_petition_fts\" ON \"petitions_petition\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"subject\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"text\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"answer\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"subject\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"text\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"answer\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B')))",
            'DROP INDEX IF EXISTS "search_petition_fts"',
        ),
        migrations.RunSQL(  # information_request
            "CREATE INDEX IF NOT EXISTS \"search_information_request_fts\" ON \"information_requests_informationrequest\" USING gin ((setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"public_summary\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'A') || setweight(to_tsvector('arabic'::regconfig, regexp_replace(translate(\"answer_text\", 'ىیـًٌٍَُِّْٰ', 'يي'), 'ه([^ء-ي]|$)', 'ة\\1', 'g')), 'B') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"public_summary\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'A') || setweight(to_tsvector('public.infitah_french'::regconfig, translate(\"answer_text\", 'àâäÀÂÄçÇéèêëÉÈÊËîïÎÏôöÔÖùûüÙÛÜÿ', 'aaaaaacceeeeeeeeiiiioooouuuuuuy')), 'B')))",
            'DROP INDEX IF EXISTS "search_information_request_fts"',
        ),
    ]
