"""Storage: one SQLAlchemy Core schema for SQLite and PostgreSQL, ingest, queries."""
