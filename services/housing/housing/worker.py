"""Housing's Celery worker and beat: ``celery -A housing.worker:app worker -Q housing`` / ``beat``."""

from housing.bootstrap import build

runtime = build()
app = runtime.celery
