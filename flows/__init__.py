"""newsdw: news-article text files -> Prefect flows -> DuckDB warehouse."""

__version__ = "0.1.0"
