#!/bin/sh
# Web: migrate (public schema, then every member in seconds), registry, optional demo, gunicorn.
set -e
python manage.py migrate_members
python manage.py load_registry
if [ "${INFITAH_SEED_DEMO:-0}" = "1" ]; then python manage.py seed_demo; fi
exec gunicorn --pythonpath /app,/app/platform config.wsgi:application \
  --bind 0.0.0.0:8000 --workers "${WEB_WORKERS:-3}" --max-requests 50000 --max-requests-jitter 5000 \
  --access-logfile -
