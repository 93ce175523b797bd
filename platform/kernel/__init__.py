"""What the code of every schema uses and that knows no app: texts in several languages
(`bilingual`), the mail entry point (`mail`), the member's page cache (`page_cache`), what every
API and back office shares (`api`, `admin`, and `permissions`: the one staff permission class),
and the rules every app applies alike: signed links (`signed_links`), text folding (`folding`),
the partial update of a row (`partial_update`), the author an audit row keeps (`actors`).

The kernel imports Django, the platform's own lowest packages (`events`, `ui`, `citizens`) and
nothing of `tenants/` or `network/` (import-linter): an app that needs the kernel never drags
another app along.
"""
