"""Every model with personal data is declared; declarations are checked when they are made."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.apps.registry import Apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from munich_portal.audit import registry
from munich_portal.audit.history import AuditedHistoricalModel
from munich_portal.audit.selectors import declarations_table
from munich_portal.core.docs_tables import embedded_table

# Framework models that match the heuristics below but hold no personal data. Each needs a reason.
FRAMEWORK_ALLOW_LIST = {
    # Permission names and codenames ("Can change user") describe the software.
    "auth.permission",
    # Group names are the staff roles ("Sachbearbeitung").
    "auth.group",
    # allauth's confirmation keys: a random key and timestamps, linked to an e-mail address (which
    # is declared); erasing the address deletes its confirmations with it (cascade).
    "account.emailconfirmation",
}

# A field named like one of these probably holds personal data.
PERSONAL_NAME = re.compile(r"e_?mail|name|address|street|phone|mobile|iban|birth", re.IGNORECASE)


def _points_to_user(model_field) -> bool:
    return bool(
        model_field.is_relation
        and model_field.related_model is not None
        and model_field.related_model._meta.label_lower == settings.AUTH_USER_MODEL.lower()
    )


def _looks_personal(model) -> list[str]:
    reasons = []
    for model_field in model._meta.get_fields(include_hidden=False):
        if model_field.auto_created and not model_field.concrete:
            continue  # reverse relations belong to the other model
        if _points_to_user(model_field):
            reasons.append(f"{model_field.name} refers to the user")
        elif getattr(model_field, "concrete", False) and PERSONAL_NAME.search(model_field.name):
            reasons.append(f"field {model_field.name}")
    return reasons


def _undeclared_personal_models() -> dict[str, list[str]]:
    undeclared = {}
    for model in apps.get_models():
        if issubclass(model, AuditedHistoricalModel) or hasattr(model, "instance_type"):
            continue  # historical models: covered by their model's declaration
        label = model._meta.label_lower
        if label in FRAMEWORK_ALLOW_LIST:
            continue
        if registry.is_declared(model) or registry.not_personal_reason(model):
            continue
        reasons = _looks_personal(model)
        if reasons:
            undeclared[label] = reasons
    return undeclared


def test_every_model_that_looks_personal_is_declared():
    """A model with a link to the user or a field named like personal data must be declared with
    @personal_data (or marked with not_personal_data and a reason)."""
    undeclared = _undeclared_personal_models()
    assert not undeclared, (
        "Declare these models as personal data (munich_portal.audit.registry): "
        + "; ".join(f"{label} ({', '.join(why)})" for label, why in sorted(undeclared.items()))
    )


def test_the_heuristic_catches_an_undeclared_model(monkeypatch):
    """The scan above is not vacuous: un-declaring a model makes it fail."""
    declaration = registry.declaration_for("account.emailaddress")
    monkeypatch.delitem(registry._declarations, declaration.model)
    assert "account.emailaddress" in _undeclared_personal_models()


def test_allow_listed_framework_models_exist():
    """The allow list names real models (a typo would silently allow nothing)."""
    for label in FRAMEWORK_ALLOW_LIST:
        assert apps.get_model(label)


def test_the_platform_models_are_declared():
    """The user, allauth's e-mail addresses and authenticators and the admin log are declared."""
    labels = {declaration.label for declaration in registry.declarations()}
    assert {
        "accounts.user",
        "account.emailaddress",
        "mfa.authenticator",
        "admin.logentry",
    } <= labels
    # The user comes last: erasure anonymises it after the records that point to it.
    assert registry.declarations()[-1].label == "accounts.user"


def test_declared_models_have_history_with_audit_fields():
    user_declaration = registry.declaration_for("accounts.user")
    history_model = user_declaration.history_model
    assert history_model._meta.app_label == "audit"
    field_names = {f.name for f in history_model._meta.fields}
    assert {"purpose", "request_id", "history_user_id", "history_change_reason"} <= field_names
    # The acting user is a plain integer, no foreign key that deleting a user would cascade.
    assert not history_model._meta.get_field("history_user_id").is_relation
    # Secrets never reach history.
    assert "password" not in field_names
    authenticator_history = registry.declaration_for("mfa.authenticator").history_model
    assert "data" not in {f.name for f in authenticator_history._meta.fields}


def test_default_anonymisers_follow_the_field_type():
    user_declaration = registry.declaration_for("accounts.user")
    assert user_declaration.anonymised_values(7)["email"] == "erased-7@invalid"
    assert user_declaration.anonymised_values(7)["full_name"] == ""
    email_declaration = registry.declaration_for("account.emailaddress")
    assert email_declaration.anonymised_values(3)["email"] == ""


class _Probe(models.Model):  # noqa: DJ008
    """A model only for checking declarations, in a registry of its own (so the scan above never
    sees it); declared only inside ``_declare_probe``."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=50)
    nickname = models.CharField(max_length=50, null=True)  # noqa: DJ001 - tests the NULL default
    born = models.DateField()
    code = models.CharField(max_length=20, unique=True)
    decided_at = models.DateTimeField(null=True)

    class Meta:
        app_label = "audit"
        apps = Apps()


def _declare_probe(**overrides):
    options = {
        "subject": "owner",
        "fields": ["name"],
        "purposes": ["user_account"],
        "history": False,
        "guard": False,
    }
    options.update(overrides)
    try:
        return registry.declare(_Probe, **options)
    finally:
        registry._declarations.pop(_Probe, None)


def test_declaration_picks_anonymisers_by_type():
    declaration = _declare_probe(fields=["name", "nickname", "code"])
    assert declaration.anonymised_values(5) == {"name": "", "nickname": None, "code": "erased-5"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"purposes": ["no_such_purpose"]}, "No processing purpose"),
        ({"purposes": []}, "at least one purpose"),
        ({"subject": "nobody"}, "no field 'nobody'"),
        ({"fields": ["missing"]}, "no concrete field 'missing'"),
        ({"fields": ["born"]}, "cannot be anonymised by its type"),
        ({"retention": timedelta(days=30)}, "needs a retention_anchor"),
        ({"retention": timedelta(days=-1), "retention_anchor": "decided_at"}, "positive"),
        ({"on_erasure": "shred"}, "on_erasure"),
    ],
)
def test_declaration_mistakes_fail_at_once(overrides, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _declare_probe(**overrides)


def test_a_field_that_cannot_be_anonymised_by_type_takes_an_explicit_anonymiser():
    declaration = _declare_probe(fields={"born": registry.constant("1900-01-01")})
    assert declaration.anonymised_values(1)["born"] == "1900-01-01"


def test_declaring_twice_is_an_error():
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        registry.declare(
            registry.declaration_for("accounts.user").model, subject=".", purposes=["user_account"]
        )


def test_subject_of_a_row_follows_the_path(db):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory()
    address = EmailAddress.objects.get(user=user)
    assert registry.declaration_for(address).subject_id_of(address) == user.pk
    assert registry.declaration_for(user).subject_id_of(user) == user.pk


def test_docs_declarations_table_matches_the_code():
    """docs/data-protection.md lists every declaration as the code has it."""
    assert embedded_table("data-protection.md", "declarations-table") == declarations_table(), (
        "run `manage.py declarations_table --write`"
    )
