"""Widgets of the staff area (Django admin) that every assistive technology can name.

Django's admin renders a file field (``AdminFileWidget``) inside a ``<fieldset>`` whose
``<legend>`` carries the field's label; the file input itself then has no label, which screen
readers announce as a bare "file upload button" (WCAG 1.3.1, 4.1.2; axe rule ``label``). The
portal's widget renders the label as a ``<label for>`` of the file input again; the "Currently"
link and the "Clear" checkbox (with its own label) stay next to it.

The widgets that need JavaScript to be named (select2 autocomplete, the filter-horizontal
boxes) are named by static/js/admin-a11y.js, which the staff area's layout loads.
"""

from django.contrib.admin import options, widgets
from django.db import models


class AccessibleAdminFileWidget(widgets.AdminFileWidget):
    """The admin's file input, labelled by the field's ``<label for>`` instead of a legend."""

    use_fieldset = False


def use_accessible_admin_widgets() -> None:
    """Make the staff area's model admins (and their inlines) use the widgets of this module.

    Every ``ModelAdmin`` and ``InlineModelAdmin`` copies ``FORMFIELD_FOR_DBFIELD_DEFAULTS`` when it
    is created, so changing the defaults once, before the admins are registered, reaches all of
    them, those of apps added later included; an admin's own ``formfield_overrides`` still win.
    """
    for field_class in (models.FileField, models.ImageField):
        defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS.setdefault(field_class, {})
        if defaults.get("widget") in (None, widgets.AdminFileWidget):
            defaults["widget"] = AccessibleAdminFileWidget
