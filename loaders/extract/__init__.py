"""Article extractor: raw news text in, sourced report out."""

from loaders.extract.article import Article, read_article
from loaders.extract.errors import ArticleError
from loaders.extract.pipeline import EXTRACTOR_VERSION, extract, warm

__all__ = ["EXTRACTOR_VERSION", "Article", "ArticleError", "extract", "read_article", "warm"]
