"""``kg eval`` and ``kg train``: score the extraction against gold files or a public corpus,
and rebuild the entity tagger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from kg.cli.app import err, out, read_config

__all__ = ["eval_", "train"]


def eval_(
    gold: list[Path] = typer.Argument(None, help="Gold annotation files (JSON, shared/gold format)."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A build output (default: build the gold documents from the bundled corpus)."),
    baselines: bool = typer.Option(True, "--baselines/--no-baselines", help="Also score the jieba and LAC baselines."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    details: bool = typer.Option(True, "--details/--no-details", help="List missed and spurious entities."),
    external: Optional[str] = typer.Option(None, "--external", "-x", help="Instead of gold files, score entity "
                                           "spans on a public corpus: msra-heldout, cluener-heldout or "
                                           "cluener (CLUENER dev; see shared/external)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="With --external: the first N sentences only."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="With --external: worker processes for the build."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Component options (as for kg build)."),
) -> None:
    """Score extraction against gold files (P/R/F1 per type, strict and loose), or with
    --external against a public annotated corpus (typed exact spans, read from a real build)."""
    if external:
        from kg.evaluate.external import evaluate_external, format_report

        systems = ("kg", "lac", "jieba") if baselines else ("kg",)
        rep = evaluate_external(external, systems=systems, limit=limit, jobs=jobs,
                                config=read_config(config))
        out.print(json.dumps(rep, ensure_ascii=False, indent=2) if as_json else format_report(rep),
                  highlight=False, markup=False, soft_wrap=True)
        return
    if not gold:
        raise typer.BadParameter("give gold files, or --external NAME")
    from kg.cli.eval_support import run_eval

    run_eval(gold, graph=graph, baselines=baselines, as_json=as_json, details=details, console=out,
             config=read_config(config))


def train(
    out_path: Optional[Path] = typer.Option(None, "-o", "--output", show_default="the shipped model in kg/extract/data",
                                            help="Where the model goes (its .json metadata and MODEL_CARD.md go beside it)."),
    external: Optional[Path] = typer.Option(None, "--external", help="The shared/external folder (default: found beside the checkout, or KG_EXTERNAL_DIR)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="The shared/gold folder (default: beside --external)."),
    sources: str = typer.Option("msra,cluener*2,gold", "--sources",
                                help="Training sources, comma-separated; name*k reads a source k times (also: pd1998)."),
    iterations: int = typer.Option(150, "--iterations", min=1, help="L-BFGS iterations at most."),
    c1: float = typer.Option(0.1, "--c1", min=0.0, help="L1 regularisation (prunes features: a smaller model)."),
    c2: float = typer.Option(0.01, "--c2", min=0.0, help="L2 regularisation."),
    min_freq: int = typer.Option(2, "--min-freq", min=1, help="Leave out features seen fewer times."),
    evaluate: bool = typer.Option(True, "--eval/--no-eval", help="Score the new model on the MSRA and CLUENER held-out slices."),
) -> None:
    """Rebuild the entity tagger from the public corpora and the gold (deterministic)."""
    import time

    from kg.extract.tagger import default_model_path
    from kg.train import train_model
    from kg.train.crf import TrainOptions

    t0 = time.perf_counter()

    def progress(msg: str) -> None:
        err.print(f"[dim]{time.perf_counter() - t0:7.0f} s[/dim] {escape(msg)}", highlight=False)

    target = out_path or default_model_path()
    meta = train_model(target, sources=[s.strip() for s in sources.split(",") if s.strip()],
                       external=external, gold=gold, evaluate=evaluate, progress=progress,
                       options=TrainOptions(iterations=iterations, c1=c1, c2=c2, min_freq=min_freq))
    msg = f"wrote {target} ({meta['size_bytes'] / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s"
    for name in ("msra_heldout", "cluener_heldout"):
        if name in meta:
            msg += f"; {name.replace('_', '-')} F1 {meta[name]['ALL']['f1']:.3f}"
    out.print(msg, highlight=False, markup=False)
