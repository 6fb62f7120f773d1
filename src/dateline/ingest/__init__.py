"""Stage 1 of the flow: the outside world (files, pages, feeds, stdin) -> Articles."""

from dateline.ingest.readers import article_from_record, build_article, iter_articles

__all__ = ["article_from_record", "build_article", "iter_articles"]
