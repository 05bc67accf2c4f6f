"""Education's Celery worker: ``celery -A education.worker:app worker -Q education``."""

from education.bootstrap import build

runtime = build()
app = runtime.celery
