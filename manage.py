#!/usr/bin/env python
"""Django's command-line utility for Infitah."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# platform/ is a plain folder on the import path, never a package: a package named `platform`
# would hide the standard library module that Django, Celery and pytest import.
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
