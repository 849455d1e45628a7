"""One form rendering for the whole site (label, hint, inline error, ARIA, error summary)."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form through ``templates/forms/``.

    ``TemplatesSetting`` lets project templates override Django's form templates, so a form
    rendered with ``{{ form }}`` gets the error summary and the accessible field markup.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
