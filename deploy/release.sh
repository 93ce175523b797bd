#!/bin/sh
# The release step: runs once per deployment, before web and workers start (docker-compose.yml's
# `release`), so that two web replicas never migrate at the same time. Idempotent.
set -e
python manage.py migrate_members
python manage.py load_registry
# Demo accounts only when asked: their passwords are printed and public.
if [ "${INFITAH_SEED_DEMO:-0}" = "1" ]; then python manage.py seed_demo; fi
