#!/bin/sh
# Web: gunicorn only. Migrations belong to the release step (deploy/release.sh), run once.
set -e
exec gunicorn --pythonpath /app,/app/platform config.wsgi:application \
  --bind 0.0.0.0:8000 --workers "${WEB_WORKERS:-3}" --max-requests 50000 --max-requests-jitter 5000 \
  --access-logfile -
