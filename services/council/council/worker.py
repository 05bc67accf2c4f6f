"""Council's Celery worker: ``celery -A council.worker:app worker -Q council``."""

from council.bootstrap import build

runtime = build()
app = runtime.celery
