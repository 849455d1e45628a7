"""Production settings: the base settings as they are, every value from the environment."""

from munich_portal.settings.base import *
