"""Plain, typed pipeline steps. No Prefect and no DuckDB imports here: tests call them directly."""
