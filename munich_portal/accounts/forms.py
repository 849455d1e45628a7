"""The account forms: sign-up with an optional name, and deleting the account."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.registry import DELETE, KEEP


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, asking also for the name (optional; issue 14).

    E-mails and letters greet with it; the account holds it in ``full_name``, which the adapter
    stores (:meth:`~munich_portal.accounts.adapter.PortalAccountAdapter.save_user`).
    """

    full_name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=get_user_model()._meta.get_field("full_name").max_length,
        help_text=_(
            "Given name and family name, for the greeting in our e-mails and letters. "
            "You can leave this empty."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["full_name", "email", "password1", "password2"]


class DeleteAccountForm(forms.Form):
    """Deleting an account needs the password and an explicit confirmation; a resident with
    public contributions (ideas, comments) also says what happens to them.

    The choice starts on "delete my contributions": erasure is what the resident asked for, and
    deleting is the choice that can leave no personal data behind; keeping the text is the
    exception they choose actively (docs/decisions.md).
    """

    contributions = forms.ChoiceField(
        label=_("Your public contributions (ideas and comments)"),
        choices=[
            (DELETE, _("Delete my contributions")),
            (KEEP, _("Keep the text, anonymised")),
        ],
        initial=DELETE,
        widget=forms.RadioSelect,
        help_text=_(
            "Deleted contributions disappear from the participation pages. Kept contributions "
            "stay visible without your name, so that the discussion remains understandable."
        ),
    )

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted."),
        required=True,
    )

    def __init__(self, *args, user, contributions: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not contributions:
            del self.fields["contributions"]

    def contributions_choice(self) -> str:
        """``DELETE`` or ``KEEP`` (``DELETE`` when the resident has no contributions)."""
        return self.cleaned_data.get("contributions") or DELETE

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password
