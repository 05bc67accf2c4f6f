"""Operator commands.

    python -m shared.cli dead-letters list --service housing [--all]
    python -m shared.cli dead-letters replay --service housing ID [ID ...]
    python -m shared.cli outbox --service reception
    python -m shared.cli token --department jobcentret --user "Lise Jensen"

Each reads the service's settings from the environment, as the service itself does.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from shared.auth import Department, issue_token
from shared.bus import deadletters
from shared.migrations import settings_for
from shared.settings import SERVICES


def _runtime(service: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"{service}.bootstrap").build(settings_for(service))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.cli")
    sub = parser.add_subparsers(dest="cmd", required=True)
    dl = sub.add_parser("dead-letters", help="list or replay events whose handler kept failing")
    dl_sub = dl.add_subparsers(dest="action", required=True)
    dl_list = dl_sub.add_parser("list")
    dl_list.add_argument("--service", required=True, choices=list(SERVICES))
    dl_list.add_argument("--all", action="store_true", help="include replayed ones")
    dl_replay = dl_sub.add_parser("replay")
    dl_replay.add_argument("--service", required=True, choices=list(SERVICES))
    dl_replay.add_argument("ids", nargs="+", type=int)
    ob = sub.add_parser("outbox", help="how many events wait to be sent")
    ob.add_argument("--service", required=True, choices=list(SERVICES))
    tok = sub.add_parser("token", help="issue a bearer token (operations and testing)")
    tok.add_argument("--department", required=True, choices=[d.value for d in Department])
    tok.add_argument("--user", required=True)
    args = parser.parse_args(argv)

    if args.cmd == "token":
        settings = settings_for("reception")
        print(issue_token(settings.auth_secret, user=args.user, department=Department(args.department)))
        return 0
    runtime = _runtime(args.service)
    try:
        if args.cmd == "outbox":
            with runtime.session_factory() as session:
                print(f"{args.service}: {deadletters.outbox_backlog(session)} unsent event(s)")
            return 0
        if args.action == "list":
            with runtime.session_factory() as session:
                rows = deadletters.list_dead_letters(session, include_replayed=args.all)
            if not rows:
                print(f"{args.service}: no dead letters")
            for r in rows:
                replayed = f" replayed {r.replayed_at:%Y-%m-%d %H:%M}" if r.replayed_at else ""
                print(
                    f"{r.id}\t{r.failed_at:%Y-%m-%d %H:%M}\t{r.event_type}\t{r.event_id}\tattempts={r.attempts}"
                    f"{replayed}\t{r.error[:200]}"
                )
            return 0
        failed = 0
        for dead_letter_id in args.ids:
            try:
                view = deadletters.replay(
                    runtime.session_factory, runtime.settings, runtime.celery, dead_letter_id, by="cli"
                )
                print(f"replayed {view.id} ({view.event_type} {view.event_id}) to queue {view.consumer}")
            except (deadletters.NotFoundError, deadletters.AlreadyReplayedError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed += 1
        return 1 if failed else 0
    finally:
        runtime.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
