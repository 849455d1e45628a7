"""Forms of the appointment pages: booking, rebooking, the waiting list, and the clerks' booking."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.core.channels import Channel
from munich_portal.core.timezone import MUNICH


def slot_label(slot) -> str:
    start = timezone.localtime(slot.starts_at, MUNICH)
    end = timezone.localtime(slot.ends_at, MUNICH)
    return f"{start:%H:%M}–{end:%H:%M}"  # noqa: RUF001


class _PersonFields(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "We send a link to confirm the appointment here, then the confirmation with a "
            "calendar file and links to cancel or rebook."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, email_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if email_fixed:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "The address of your account. You can change it in Mein Konto."
            )


class PeopleForm(forms.Form):
    """How many people come (a GET form above the calendar and the times): it decides which
    days and times are offered, so it is asked before them, in a form of its own."""

    error_summary_id = "people"

    personen = forms.TypedChoiceField(
        label=_("How many people are coming?"),
        coerce=int,
        help_text=_(
            "Everyone who needs a service at this appointment, you included. Each person takes "
            "one place at the time."
        ),
    )

    def __init__(self, *args, max_people: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["personen"]
        field.choices = [(number, str(number)) for number in range(1, max_people + 1)]
        field.error_messages["invalid_choice"] = _(
            "At most %(count)d people can come to one appointment. For more, please book "
            "another appointment."
        ) % {"count": max_people}
        field.initial = 1

    @property
    def people(self) -> int:
        """The chosen number, or 1 while the form is empty or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["personen"]
        return 1


class BookingForm(_PersonFields):
    """Choose a time, say who comes and which services each person needs. The booker is the
    first person (``service``: their services; ``person_<n>_name`` / ``person_<n>_services`` for
    the others). Carries the proof-of-work fields."""

    slot = forms.TypedChoiceField(
        label=_("Time"), coerce=int, widget=forms.RadioSelect, empty_value=None
    )
    service = forms.TypedMultipleChoiceField(
        label=_("Services for you"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        help_text=_("Only if the office should be able to call you about the appointment."),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    pow_challenge = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    pow_solution = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    field_order = ["slot", "service", "name", "email", "phone"]

    def __init__(self, *args, slots=(), services=(), people: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["slot"].choices = [(slot.pk, slot_label(slot)) for slot in slots]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "This time is no longer free. Please choose another one."
        )
        self.fields["slot"].error_messages["required"] = _("Choose a time.")
        choices = [(service.pk, service.name) for service in services]
        if services:
            self.fields["service"].choices = choices
            self.fields["service"].error_messages["required"] = _("Choose the service you need.")
            if len(services) == 1:
                self.fields["service"].initial = [services[0].pk]
        else:
            del self.fields["service"]
        for number in range(2, people + 1):
            self.fields[f"person_{number}_name"] = forms.CharField(
                label=_("Name of person %(number)d") % {"number": number},
                max_length=150,
                error_messages={
                    "required": _("Enter the name of person %(number)d.") % {"number": number}
                },
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            if services:
                self.fields[f"person_{number}_services"] = forms.TypedMultipleChoiceField(
                    label=_("Services for person %(number)d") % {"number": number},
                    coerce=int,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[services[0].pk] if len(services) == 1 else [],
                    error_messages={
                        "required": _("Choose the services person %(number)d needs.")
                        % {"number": number},
                        "invalid_choice": _(
                            "Choose only services of this appointment. Please check the list."
                        ),
                    },
                )
        if services:
            self.fields["service"].error_messages["invalid_choice"] = _(
                "Choose only services of this appointment. Please check the list."
            )

    def person_groups(self):
        """The bound fields of the people after the booker, per person: (number, name,
        services or None), for a fieldset each."""
        return [
            (
                number,
                self[f"person_{number}_name"],
                self[f"person_{number}_services"]
                if f"person_{number}_services" in self.fields
                else None,
            )
            for number in range(2, self.people + 1)
        ]

    def party(self, services) -> list[tuple[str, list]]:
        """``(name, services)`` per person from the cleaned data, the booker first."""
        by_pk = {service.pk: service for service in services}

        def chosen(name):
            return [by_pk[pk] for pk in self.cleaned_data.get(name) or () if pk in by_pk]

        party = [(self.cleaned_data["name"], chosen("service"))]
        for number in range(2, self.people + 1):
            party.append(
                (
                    self.cleaned_data[f"person_{number}_name"],
                    chosen(f"person_{number}_services"),
                )
            )
        return party


class RebookForm(forms.Form):
    slot = forms.TypedChoiceField(
        label=_("New time"), coerce=int, widget=forms.RadioSelect, empty_value=None
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, slot_label(slot)) for slot in slots]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "This time is no longer free. Please choose another one."
        )
        self.fields["slot"].error_messages["required"] = _("Choose a time.")


class WaitingListForm(_PersonFields):
    pass


#: The query and form parameters of the "any office" waiting list (the service-first page passes
#: its filters on with the same names): field of ``WaitingListEntry`` -> parameter.
NEED_PARAMETERS = {
    "step_free_entrance": "stufenlos",
    "lift": "aufzug",
    "accessible_toilet": "wc",
    "induction_loop": "hoerschleife",
}
_FALSE_WORDS = {"", "0", "false", "off", "nein", "no"}


class ServiceWaitingListForm(_PersonFields):
    """Waiting for a service at any office: optionally one Stadtbezirk (its number, parameter
    ``bezirk``) and building features (checkboxes ``stufenlos``, ``aufzug``, ``wc``,
    ``hoerschleife``; only offices where the feature is known to exist match)."""

    bezirk = forms.TypedChoiceField(
        label=_("City district"),
        help_text=_("Leave “any district” to be offered a place at any office in Munich."),
        coerce=int,
        empty_value=None,
        required=False,
    )
    stufenlos = forms.BooleanField(
        label=_("Only offices with a step-free entrance"), required=False
    )
    aufzug = forms.BooleanField(label=_("Only offices with a lift"), required=False)
    wc = forms.BooleanField(label=_("Only offices with an accessible toilet"), required=False)
    hoerschleife = forms.BooleanField(
        label=_("Only offices with an induction loop"), required=False
    )

    field_order = ["bezirk", "stufenlos", "aufzug", "wc", "hoerschleife", "name", "email"]

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {district.number: district for district in districts}
        self.fields["bezirk"].choices = [("", _("any district"))] + [
            (district.number, str(district)) for district in districts
        ]
        self.fields["bezirk"].error_messages["invalid_choice"] = _(
            "Choose a city district from the list."
        )

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """The narrowing passed in the address (bad values are ignored, never an error)."""
        initial: dict = {}
        number = query.get("bezirk")
        if isinstance(number, str) and number.isdigit() and len(number) <= 2:
            initial["bezirk"] = int(number)
        for parameter in NEED_PARAMETERS.values():
            value = query.get(parameter)
            if isinstance(value, str) and value.strip().lower() not in _FALSE_WORDS:
                initial[parameter] = True
        return initial

    def narrowing(self, data: dict) -> tuple:
        """(Stadtbezirk or None, [needed features]) from cleaned data or the initial values."""
        district = self.districts.get(data.get("bezirk"))
        needs = [field for field, parameter in NEED_PARAMETERS.items() if data.get(parameter)]
        return district, needs


class ClerkBookingForm(forms.Form):
    """A clerk books for someone who phones or comes in; e-mail is optional."""

    slot = forms.TypedChoiceField(
        label=_("Time"), coerce=int, widget=forms.RadioSelect, empty_value=None
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.ON_SITE, Channel.ON_SITE.label)],
        widget=forms.RadioSelect,
        initial=Channel.PHONE,
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    service = forms.TypedChoiceField(
        label=_("Service (optional)"), coerce=int, empty_value=None, required=False
    )
    more_people = forms.CharField(
        label=_("Further people (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_(
            "One name per line, for family members who come with the caller for the same "
            "service. Each person takes a place at the time."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "Without an e-mail address, the confirmation and the reminder go by letter: give the "
            "postal address below (for a caller it is needed)."
        ),
    )
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=50)
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=10)
    city = forms.CharField(label=_("City"), required=False, max_length=100)

    ADDRESS_FIELDS = ("street", "postal_code", "city")

    def __init__(self, *args, slots=(), services=(), max_people: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_people = max_people
        self.fields["slot"].choices = [
            (slot.pk, _("%(time)s (%(free)d free)") % {"time": slot_label(slot), "free": slot.free})
            for slot in slots
        ]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "This time is no longer free. Please choose another one."
        )
        if services:
            self.fields["service"].choices = [
                ("", _("not yet known")),
                *((service.pk, service.name_de) for service in services),
            ]
            if len(services) == 1:
                self.fields["service"].initial = services[0].pk
        else:
            del self.fields["service"]
        for name in self.ADDRESS_FIELDS:
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean(self):
        """A caller without e-mail needs the whole postal address (the letters go there); at the
        desk the printed confirmation is handed over, so the address is optional, but whole when
        given."""
        data = super().clean()
        if len(self.further_people) > self.max_people - 1 and "more_people" not in self.errors:
            self.add_error(
                "more_people",
                _(
                    "At most %(count)d people can come to one appointment: the caller and "
                    "%(further)d more."
                )
                % {"count": self.max_people, "further": self.max_people - 1},
            )
        address = [(name, (data.get(name) or "").strip()) for name in self.ADDRESS_FIELDS]
        given = any(value for _name, value in address)
        needed = data.get("channel") == Channel.PHONE and not data.get("email")
        if given or needed:
            for name, value in address:
                if not value and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "Without an e-mail address the confirmation goes by letter: give "
                            "the whole postal address, or an e-mail address."
                        )
                        if needed
                        else _("Give the whole postal address, or none."),
                    )
        return data

    @property
    def further_people(self) -> list[str]:
        """The names in "further people", one per line, blank lines ignored."""
        text = self.cleaned_data.get("more_people") or ""
        return [line.strip()[:150] for line in text.splitlines() if line.strip()]

    @property
    def address(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "").strip() for name in self.ADDRESS_FIELDS}


class TimeFinderForm(forms.Form):
    """The filters of the service-first page (a GET form; every field optional)."""

    bezirk = forms.TypedChoiceField(
        label=_("City district"), required=False, coerce=int, empty_value=None
    )
    stufenlos = forms.BooleanField(label=_("Step-free entrance"), required=False)
    aufzug = forms.BooleanField(label=_("Lift"), required=False)
    wc = forms.BooleanField(label=_("Accessible toilet"), required=False)
    hoerschleife = forms.BooleanField(label=_("Induction loop"), required=False)
    tageszeit = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("vormittag", _("Morning (before 12:00)")),
            ("mittag", _("Midday (12:00 to 14:00)")),
            ("nachmittag", _("Afternoon (from 14:00)")),
        ],
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bezirk"].choices = [("", _("All districts"))] + [
            (district.pk, str(district)) for district in districts
        ]
        self.fields["bezirk"].error_messages["invalid_choice"] = _(
            "Choose a city district from the list."
        )
        self.fields["tageszeit"].error_messages["invalid_choice"] = _(
            "Choose a time of day from the list."
        )

    def filters(self):
        """The valid filters (an invalid field filters nothing)."""
        from appointments.finder import ACCESSIBILITY, Filters

        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return Filters(
            district=data.get("bezirk"),
            accessibility=tuple(key for key in ACCESSIBILITY if data.get(key)),
            time_of_day=data.get("tageszeit") or "",
        )
