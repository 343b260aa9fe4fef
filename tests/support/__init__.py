"""Test support: a throwaway PostgreSQL server and database factories."""
