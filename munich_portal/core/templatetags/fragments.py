"""``{% fragment %}``: a part of a page that is the same for everyone, rendered once per process.

Usage::

    {% load fragments %}
    {% fragment "service-body" service.pk version=service_version %}
      … nothing of the person here …
    {% endfragment %}

The first argument is the fragment's name, further arguments are parts of its key, ``version=`` is
the token of the data it shows (``None``: not kept), ``seconds=`` how long a fragment without a
version is kept. The key and the rules are :mod:`munich_portal.core.fragment_cache`'s.
"""

from django import template

from munich_portal.core.fragment_cache import NO_VERSION, cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, options):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.options = options

    def render(self, context):
        name = self.name.resolve(context)
        parts = tuple(part.resolve(context) for part in self.parts)
        options = {key: value.resolve(context) for key, value in self.options.items()}
        return cached_fragment(
            context.get("request"),
            str(name),
            *parts,
            render=lambda: self.nodelist.render(context),
            version=options.get("version", NO_VERSION),
            seconds=options.get("seconds"),
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = parser.compile_filter(bits[1])
    parts = []
    options = {}
    for bit in bits[2:]:
        key, equals, value = bit.partition("=")
        if equals and key in ("version", "seconds"):
            options[key] = parser.compile_filter(value)
        elif equals:
            raise template.TemplateSyntaxError(f"{{% fragment %}}: unknown option {key!r}")
        else:
            parts.append(parser.compile_filter(bit))
    return FragmentNode(nodelist, name, parts, options)
