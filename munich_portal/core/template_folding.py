"""Template tags whose output is the same for every request, worked out once per process.

``{% translate "Home" %}`` gives the same text for every request in one language, and
``{% url 'portal:home' %}`` (no arguments) the same address for one language and script prefix;
Django's template engine still looks each up again on every render — a page has dozens (issue
17, round 7: 5 to 10 % of a logged-in page's time). :class:`Loader` wraps Django's cached loader
and, once per loaded template, turns such tags into nodes that remember their output per
language (and, for addresses, per script prefix, URL configuration and current application);
everything else is rendered as before.

What is folded, exactly:

- ``{% translate "literal" %}`` and ``{% translate "literal" as name %}`` without ``noop``,
  ``context`` or filters: Django marks a literal safe and keeps it safe through ``gettext``, so
  the output depends on the language only;
- ``{% url 'name' %}`` and ``{% url 'name' as name %}`` with a literal name and no arguments.
  An address that cannot be reversed is not remembered: without ``as`` the error is raised on
  every render, as before.

A change of settings (tests' ``override_settings``) forgets every remembered output, so a test
that changes the languages or the URL configuration renders afresh.
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.template import Variable
from django.template.defaulttags import URLNode
from django.template.loader_tags import BlockNode
from django.template.loaders import cached
from django.templatetags.i18n import TranslateNode
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

__all__ = ["Loader", "fold", "keep_blocks"]

#: Outputs kept per node at most (languages, script prefixes and URL configurations in use).
MAX_KEPT = 16

_generation = 0


def _forget(**kwargs) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_forget, dispatch_uid="munich_portal.core.template_folding")


def _literal(expression) -> bool:
    # A quoted constant is resolved when the template is compiled (a string, not a Variable);
    # TranslateNode wraps its message in a Variable with a literal.
    var = expression.var
    if expression.filters:
        return False
    return var.literal is not None if isinstance(var, Variable) else isinstance(var, str)


class _Folded:
    """A node's render with its output kept under :meth:`key` (the render's own otherwise)."""

    asvar: str | None

    def key(self, context) -> tuple:
        raise NotImplementedError

    def render(self, context):
        key = self.key(context)
        kept = self.__dict__.get("_kept")
        value = kept.get(key) if kept is not None else None
        if value is None:
            # Django's own render (an address that cannot be reversed raises NoReverseMatch as
            # before, and nothing is kept), then its output or, with ``as``, the variable it set.
            # Nodes are shared by every thread: nothing on the node changes but what is kept.
            output = super().render(context)  # type: ignore[misc]
            kept = self.__dict__.setdefault("_kept", {})
            if len(kept) < MAX_KEPT:
                kept[key] = context[self.asvar] if self.asvar else output
            return output
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


class FoldedTranslateNode(_Folded, TranslateNode):
    """``{% translate "literal" %}``: its text kept per language."""

    def key(self, context) -> tuple:
        return (_generation, translation.get_language(), context.autoescape)


class FoldedURLNode(_Folded, URLNode):
    """``{% url 'name' %}`` without arguments: its address kept per language, script prefix, URL
    configuration and current application."""

    def key(self, context) -> tuple:
        # The current application as Django's URLNode finds it.
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        return (
            _generation,
            translation.get_language(),
            get_script_prefix(),
            get_urlconf(),
            current_app,
            context.autoescape,
        )


def _foldable_translate(node) -> bool:
    return (
        type(node) is TranslateNode
        and not node.noop
        and node.message_context is None
        and _literal(node.filter_expression)
    )


def _foldable_url(node) -> bool:
    return type(node) is URLNode and not node.args and not node.kwargs and _literal(node.view_name)


def fold(template) -> int:
    """Turn ``template``'s foldable tags into remembering nodes; how many were turned."""
    folded = 0
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        if _foldable_translate(node):
            node.__class__ = FoldedTranslateNode
            folded += 1
    for node in template.nodelist.get_nodes_by_type(URLNode):
        if _foldable_url(node):
            node.__class__ = FoldedURLNode
            folded += 1
    return folded


def keep_blocks(template) -> None:
    """Work out ``template``'s ``{% block %}`` nodes once: every page extending it asked its
    node list for them on every render (Django's ``ExtendsNode.render``, a walk over the whole
    layout). The list of a compiled template does not change; other node types are still
    looked up as before."""
    nodelist = template.nodelist
    blocks = tuple(nodelist.get_nodes_by_type(BlockNode))
    walk = nodelist.get_nodes_by_type

    def get_nodes_by_type(nodetype):
        return list(blocks) if nodetype is BlockNode else walk(nodetype)

    nodelist.get_nodes_by_type = get_nodes_by_type


class Loader(cached.Loader):
    """Django's cached loader, folding each template once when it is first loaded."""

    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if not template.__dict__.get("_folded"):
            fold(template)
            keep_blocks(template)
            template.__dict__["_folded"] = True
        return template
