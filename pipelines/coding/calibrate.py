"""Fit the coder's confidence model on gold files: `python -m pipelines.coding.calibrate GOLD.jsonl [...]`.

Every predicted event gets a label (1 if `pipelines.evaluate` matches it to a gold event, else 0) and the
binary features the coder records for it (`RuleCoder.last_features`: trigger strength, actor named vs
inferred, target named vs inferred, place specificity, hedging, headline, explicit date, casualty figures,
interception / casualty-only origin, merged mentions). A logistic regression with an L2 penalty is fitted;
the penalty is chosen by 5-fold cross-validation *grouped by article* (an article's events never sit in
both the training and the held-out fold), and the cross-validated precision per confidence bucket is
printed next to the in-sample one, so the file can be judged on unseen articles. `--write` stores the
intercept and weights in `pipelines/reference/confidence.yaml` (reviewable, plain numbers).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

from pipelines import evaluate as ev
from pipelines import process

from .rules import CONFIDENCE_PATH, RuleCoder
from .types import ArticleIn

FEATURES = (
    "strong_trigger",
    "actor_named",
    "actor_inferred",
    "target_named",
    "target_inferred",
    "place_town_here",
    "place_area_here",
    "place_carried",
    "hedged",
    "headline",
    "date_explicit",
    "casualties",
    "interception",
    "casualty_sentence",
    "merged",
)
LAMBDAS = (0.01, 0.1, 0.3, 1.0, 3.0, 10.0)


class _Recorder:
    """A `Coder` that codes with RuleCoder and keeps each event's features."""

    def __init__(self) -> None:
        self.inner = RuleCoder()
        self.version = self.inner.version
        self.feats: dict[tuple, dict] = {}

    def code(self, article: ArticleIn):
        res = self.inner.code(article)
        for e, f in zip(res.events, self.inner.last_features, strict=True):
            self.feats[(e.article_id, e.sentence_index, e.char_start, e.event_type, e.location_raw)] = f
        return res


def dataset(paths: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, article group index) over all predicted events of the gold files."""
    xs, ys, groups = [], [], []
    gi = 0
    for path in map(Path, paths):
        records = ev.load_gold(path)
        frame = process.articles_frame(records, path.parent)
        rec = _Recorder()
        coded = process.code_frame(frame, rec)
        preds = process.normalize(coded.events, frame).events.to_dicts() if coded.events.height else []
        by_article: dict[str, list[dict]] = {}
        for p in preds:
            by_article.setdefault(str(p["article_id"]), []).append(p)
        for r in records:
            ps = by_article.get(str(r["id"]), [])
            matched = {i for i, _, _ in ev.match_article(ps, r.get("events") or [])}
            for pi, p in enumerate(ps):
                f = rec.feats.get(
                    (
                        p["article_id"],
                        p["sentence_index"],
                        p["char_start"],
                        p["event_type"],
                        p["location_raw"],
                    )
                )
                if f is None:
                    continue
                xs.append([float(bool(f.get(name))) for name in FEATURES])
                ys.append(1.0 if pi in matched else 0.0)
                groups.append(gi)
            gi += 1
    return np.array(xs), np.array(ys), np.array(groups)


def fit(x: np.ndarray, y: np.ndarray, lam: float, iters: int = 400) -> np.ndarray:
    """L2-penalised logistic regression (intercept unpenalised) by Newton's method."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * lam
    reg[0, 0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + reg + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def cv_predictions(x, y, groups, lam: float, k: int = 5) -> np.ndarray:
    folds = np.array([g % k for g in groups])
    out = np.zeros(len(y))
    for f in range(k):
        tr, te = folds != f, folds == f
        if te.any():
            out[te] = predict(fit(x[tr], y[tr], lam), x[te])
    return out


def log_loss(y, p) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def buckets(y, p) -> str:
    parts = []
    for lo, hi in ev.BUCKETS:
        sel = (p >= lo) & (p < hi)
        n = int(sel.sum())
        parts.append(f"[{lo:.1f},{min(hi, 1.0):.1f}): n={n} prec={'-' if not n else f'{y[sel].mean():.3f}'}")
    return "  ".join(parts)


def main(argv: list[str]) -> int:
    write = "--write" in argv
    paths = [a for a in argv if not a.startswith("--")]
    x, y, groups = dataset(paths)
    print(f"{len(y)} predicted events, {int(y.sum())} correct, {len(set(groups.tolist()))} articles")
    best = min(LAMBDAS, key=lambda lam: log_loss(y, cv_predictions(x, y, groups, lam)))
    cvp = cv_predictions(x, y, groups, best)
    w = fit(x, y, best)
    print(f"lambda={best}  cv log-loss={log_loss(y, cvp):.3f}  in-sample={log_loss(y, predict(w, x)):.3f}")
    print("cross-validated buckets:", buckets(y, cvp))
    print("in-sample buckets:      ", buckets(y, predict(w, x)))
    for f, wt in zip(("intercept", *FEATURES), w, strict=True):
        print(f"  {f:<18} {wt:+.3f}")
    if write:
        lines = [
            "# Confidence model of the rule-based coder: P(event right) = 1 / (1 + exp(-(intercept + sum of the",
            "# weights of the features that hold))). Features are recorded per event by pipelines/coding/rules.py",
            "# (`build_events`; a merged event ORs its mentions' features, `merged` = more than one mention).",
            "# Fitted by `python -m pipelines.coding.calibrate <gold files> --write`: L2 logistic regression, the",
            "# penalty chosen by 5-fold cross-validation grouped by article. Refit after changing the rules.",
            f"# Fitted on: {', '.join(paths)}; {len(y)} events; lambda={best}; "
            f"cv log-loss {log_loss(y, cvp):.3f}.",
            f"intercept: {w[0]:.3f}",
            "weights:",
        ]
        lines += [f"  {f}: {wt:.3f}" for f, wt in zip(FEATURES, w[1:], strict=True)]
        CONFIDENCE_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {CONFIDENCE_PATH}")
    return 0 if math.isfinite(float(w.sum())) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
