"""Benchmarks: `python -m pipelines.bench` (`make bench`). See README.md in this folder.

stages.py    each measured stage, run in a fresh subprocess (peak RSS per stage)
quality.py   extraction precision/recall/F1 on ../shared/real-html/expected.json
dbt_marts.py dbt build over 1M events (another module; integrated when present)
"""
