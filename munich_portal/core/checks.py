"""System checks that keep least privilege structural (issue 11).

- ``core.E101``: a model the staff area serves declares no row scope
  (:mod:`munich_portal.core.scopes`).
- ``core.E102``: a model declared as personal data declares no row scope.
- ``core.E103``: an admin action says nothing about who may run it (``allowed_permissions``): an
  action runs for everyone who may open the list, so a "print" that writes would run for a role
  that may only view.
"""

from django.contrib.admin.options import ActionLocation
from django.core import checks


def _admin_site():
    from django.contrib import admin

    return admin.site


@checks.register(checks.Tags.security)
def check_row_scopes(app_configs=None, **kwargs):
    from munich_portal.audit.registry import declarations
    from munich_portal.core.scopes import scope_for

    errors = []
    for model in _admin_site()._registry:
        if scope_for(model) is None:
            errors.append(
                checks.Error(
                    f"The staff area serves {model._meta.label}, which declares no row scope.",
                    hint="Declare who may see which rows with munich_portal.core.scopes.row_scope.",
                    obj=model,
                    id="core.E101",
                )
            )
    for declaration in declarations():
        if scope_for(declaration.model) is None:
            errors.append(
                checks.Error(
                    f"{declaration.model._meta.label} holds personal data but declares no row "
                    "scope.",
                    hint="Declare it next to the personal-data declaration (row_scope).",
                    obj=declaration.model,
                    id="core.E102",
                )
            )
    return errors


def admin_actions_without_permissions(model_admin) -> list[str]:
    """The names of ``model_admin``'s actions (list and change form) without
    ``allowed_permissions``; Django's own ``delete_selected`` has them."""
    names = []
    for location in (ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM):
        for action in model_admin._get_base_actions(action_location=location):
            function = action.func if hasattr(action, "func") else action[0]
            name = action.name if hasattr(action, "name") else action[1]
            if not getattr(function, "allowed_permissions", None) and name not in names:
                names.append(name)
    return names


@checks.register(checks.Tags.security)
def check_admin_actions(app_configs=None, **kwargs):
    errors = []
    for model, model_admin in _admin_site()._registry.items():
        for name in admin_actions_without_permissions(model_admin):
            errors.append(
                checks.Error(
                    f"The admin action {name!r} of {model._meta.label} has no allowed_permissions.",
                    hint="@admin.action(permissions=[...]) with the permission the action needs.",
                    obj=type(model_admin),
                    id="core.E103",
                )
            )
    return errors
