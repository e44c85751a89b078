"""Write other_conflicts.jsonl from the article sources in src/ (run: uv run python -m pipelines.gold.build)."""

from __future__ import annotations

import json
from pathlib import Path

from .src import iraq_syria, israel, sahel, somalia, sudan, ukraine, yemen

OUT = Path(__file__).with_name("other_conflicts.jsonl")
MODULES = (ukraine, yemen, sudan, israel, sahel, iraq_syria, somalia)


def main() -> None:
    arts = [a for m in MODULES for a in m.ARTICLES]
    with OUT.open("w", encoding="utf-8") as fh:
        for a in arts:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"wrote {len(arts)} articles, {sum(len(a['events']) for a in arts)} events -> {OUT}")


if __name__ == "__main__":
    main()
