"""Template helpers of the staff area's accessible templates (templates/admin/edit_inline/)."""

from django import template

register = template.Library()


@register.simple_tag
def inline_field(bound_field, prefix: str, row=None):
    """Render a tabular inline's ``bound_field`` named by its column header and, for an existing
    record, the record's name: ``aria-labelledby="<prefix>-column-<name> <prefix>-<row>-original"``
    (the ids the template gives them), since a table of inputs has no ``<label>``s.

    Widgets that name their own parts (radio buttons, checkbox lists, date and time pairs, the
    filter boxes) are left as Django renders them; so are hidden inputs.
    """
    widget = bound_field.field.widget
    if (
        getattr(widget, "use_fieldset", False)
        or getattr(widget, "allow_multiple_selected", False)
        or bound_field.is_hidden
    ):
        return bound_field
    ids = [f"{prefix}-column-{bound_field.name}"]
    if row is not None and row != "":
        ids.append(f"{prefix}-{row}-original")
    return bound_field.as_widget(attrs={"aria-labelledby": " ".join(ids)})
