"""Article extractor: raw news text in, sourced report out."""

from loaders.extract.article import Article, read_article
from loaders.extract.errors import ArticleError
from loaders.extract.pipeline import EXTRACTOR_VERSION, extract, extract_many, warm

__all__ = [
    "EXTRACTOR_VERSION",
    "Article",
    "ArticleError",
    "extract",
    "extract_many",
    "read_article",
    "warm",
]
