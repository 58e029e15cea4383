"""Errors raised by the article extractor."""


class ArticleError(ValueError):
    """An input article cannot be read; the message is one line a user can act on."""
