"""The bench consumer's Celery app: ``celery -A benchmarks.bench_worker:app worker -Q bench``."""

from benchmarks.bench_app import build

runtime = build()
app = runtime.celery
