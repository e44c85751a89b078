"""Dagster assets, one module per stage group: ingest, extract, code, normalize, marts."""
