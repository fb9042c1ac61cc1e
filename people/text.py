"""The search key of a name: what two spellings of one Vietnamese name have in common.

The rule is every search's (``organizations.text.fold``): a person's stored key and the
lists' accent-insensitive search fold text alike.
"""

from organizations.text import fold as search_key

__all__ = ["search_key"]
