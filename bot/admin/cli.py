"""`python -m bot export | forget | content | teams`: the data-rights, content-pack and teams commands an operator
runs by hand. Each prints what it did, one line per item, and exits 0; a refusal prints one line and exits 1."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.admin import content_pack as content_admin
from bot.admin.export import export_csv
from bot.admin.forget import ForgetRefusal, forget_person
from bot.admin.views import CLI_ACTOR
from bot.platform.runtime import Runtime
from bot.teams import TeamsImportError, describe, import_teams
from bot.teams import export_csv as export_teams


def _fail(message: str) -> int:
    print(f"cadence: {message}", file=sys.stderr)
    return 1


def run_export(runtime: Runtime, out_dir: Path) -> int:
    written = export_csv(runtime, out_dir)
    for name, rows in written.items():
        print(f"{out_dir / name}: {rows} rows")
    return 0


def run_forget(runtime: Runtime, user_id: str) -> int:
    try:
        report = forget_person(runtime, user_id.strip(), actor=CLI_ACTOR)
    except ForgetRefusal as refusal:
        return _fail(str(refusal))
    print(f"cadence: forgot {user_id.strip()}: {report.total} records changed")
    for kind, count in report.counts.items():
        print(f"  {kind}: {count}")
    return 0


def run_content(runtime: Runtime, action: str, folder: Path) -> int:
    now = runtime.clock.now()
    if action == "export":
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in content_admin.export_files(runtime.config).items():
            (folder / name).write_text(text, encoding="utf-8")
            print(folder / name)
        return 0
    if not folder.is_dir():
        return _fail(f"{folder} is not a folder holding the pack's .toml files")
    try:
        pack = content_admin.import_pack(
            runtime.config, content_admin.read_dir(folder), actor=CLI_ACTOR, source=str(folder), now=now
        )
    except content_admin.ContentImportError as refusal:
        return _fail(f"nothing was imported: {refusal}")
    print(f"cadence: imported {content_admin.describe(pack)}")
    return 0


def run_teams(runtime: Runtime, action: str, path: Path | None) -> int:
    """`teams export [FILE]` writes the teams in force (to stdout without FILE); `teams import FILE` replaces them."""
    if action == "export":
        text = export_teams(runtime)
        if path is None:
            print(text, end="")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"cadence: wrote {path}")
        return 0
    if path is None or not path.is_file():
        return _fail(f"give the teams file to import: `python -m bot teams import FILE.csv` ({path} is not a file)")
    try:
        imported = import_teams(runtime, path.read_bytes(), actor=CLI_ACTOR, source=str(path))
    except TeamsImportError as refusal:
        return _fail(f"nothing was imported: {refusal}")
    print(f"cadence: imported {describe(imported)}")
    return 0
