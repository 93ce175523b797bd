"""The "bare Django" baseline of bench/web.py: no tenancy, no middleware, no database."""
