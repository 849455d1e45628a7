"""WSGI entry point for production servers (gunicorn)."""

import os

from munich_portal.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "munich_portal.settings.production")

application = get_wsgi_application()
