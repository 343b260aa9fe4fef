"""A CSV file sent to the bot: the dry-run report first, then Import or Cancel (admins)."""

from __future__ import annotations

import io
import json

from core.actions import ActionId
from core.messages import Button, ButtonStyle, Reply, Upload
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from nlp.transfer import KINDS
from storage import chat_files
from storage.transfer.errors import BadFile
from storage.transfer.export import KINDS as COLUMNS
from storage.transfer.run import load

# In chat the whole file sits in memory and in one transaction on the serving process's event
# loop, holding SQLite's one write lock: 20,000 rows take about 1.3 s of it, within Slack's 3 s
# for the acks queued behind (200,000 took 13 s). The CLI streams bigger files.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
CLI = "`quotabot import KIND FILE.csv --workspace NAME` on the server"
HOW = (
    "Send me the CSV file here in our direct messages, with `import people` (or activities, "
    "deals, quotas) as its message; I show what it would do before anything is saved."
)


def _kind_of(first_line: str) -> str | None:
    """The one kind whose columns the header names (the reader takes ';' when it has more)."""
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    # As storage/transfer/csvfile.py reads a header: "Close date" is close_date.
    header = {
        h.strip().strip('"').lower().replace(" ", "_").replace("-", "_")
        for h in first_line.split(sep)
    }
    fits = [k for k, cols in COLUMNS.items() if set(cols.required) <= header <= set(cols.all)]
    return fits[0] if len(fits) == 1 else None


def _text(upload: Upload) -> str:
    """The file as text, or a UserError saying what is wrong with it."""
    if upload.problem == "too_big" or (upload.size or 0) > MAX_BYTES:
        raise UserError(
            f"{upload.name} is over {MAX_BYTES // 1024 // 1024} MB, more than I take in chat: "
            f"run {CLI}. Nothing was imported."
        )
    if upload.problem or upload.data is None:
        raise UserError(f"I couldn't download {upload.name}; please send it again.")
    if not upload.name.lower().endswith((".csv", ".txt")):
        raise UserError(
            f"{upload.name} is not a CSV file. Save the sheet as “CSV UTF-8” and send that."
        )
    if len(upload.data) > MAX_BYTES:
        raise UserError(f"{upload.name} is too big for chat: run {CLI}. Nothing was imported.")
    try:
        text = upload.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text or "\x00" in text:
        raise UserError(
            f"{upload.name} is not UTF-8 text. Save it as “CSV UTF-8” and send it again."
        )
    if text.count("\n") > MAX_ROWS:
        raise UserError(f"{upload.name} has over {MAX_ROWS:,} rows: run {CLI}.")
    return text


def _button(label: str, slots: dict[str, object], style: ButtonStyle) -> Button:
    # The router's `choose` runs it as a request again: the same admin check on the click.
    value = json.dumps({"intent": "import_file", "slots": slots})
    return Button(label, ActionId.CHOOSE, value, style)


async def _dry_run(intent: Intent, ctx: Context, upload: Upload) -> Reply:
    text = _text(upload)
    kind = str(intent.slots.get("kind") or "") or _kind_of(text.partition("\n")[0].lstrip("\ufeff"))
    if kind not in KINDS:
        raise UserError(
            f"I can't tell what {upload.name} holds. Send it again with `import people`, "
            "`import activities`, `import deals` or `import quotas` as the message."
        )
    # The check writes what an import would, then takes it back; the file alone is kept.
    checking = await ctx.session.begin_nested()
    try:
        report = await load(
            ctx.session, kind, io.StringIO(text), ctx.workspace, now=ctx.now, dry_run=True
        )
    except BadFile as exc:
        where = f"{upload.name}, line {exc.line}" if exc.line is not None else upload.name
        return Reply(text=f"{where}: {exc.reason}. Nothing was imported.", ok=False)
    finally:
        await checking.rollback()
    kept = await chat_files.keep(
        ctx.session,
        workspace_id=ctx.actor.workspace_id,
        user_id=ctx.actor.user_id,
        purpose="import",
        kind=kind,
        name=upload.name,
        content=text,
        rows=report.rows,
        now=ctx.now,
    )
    return Reply(
        text=f"📥 {upload.name}: {report.text()}",
        notes=("Import writes all of it in one go; the file is kept for a day.",),
        buttons=(
            _button("Import", {"file": kept, "go": True}, "primary"),
            _button("Cancel", {"file": kept, "cancel": True}, "danger"),
        ),
    )


async def _settle(intent: Intent, ctx: Context, file_id: int) -> Reply:
    taken = await chat_files.take(
        ctx.session,
        file_id,
        workspace_id=ctx.actor.workspace_id,
        user_id=ctx.actor.user_id,
        purpose="import",
        now=ctx.now,
    )
    if taken is None:
        return Reply(text="That file was already imported or cancelled: nothing more to do.")
    if intent.slots.get("cancel"):
        return Reply(text=f"Cancelled: nothing imported from {taken.name}.")
    if taken.expired:
        return Reply(text=f"{taken.name} waited over a day, so I let it go. Send it again.")
    try:
        report = await load(
            ctx.session, taken.kind, io.StringIO(taken.content), ctx.workspace, now=ctx.now
        )
    except BadFile as exc:
        # The data changed since the check (someone renamed a team): roll all of it back,
        # the file stays for another try or Cancel.
        line = f", line {exc.line}" if exc.line is not None else ""
        raise UserError(f"{taken.name}{line}: {exc.reason}. Nothing was imported.") from None
    audit(ctx, "import", kind=taken.kind, rows=report.rows, file=taken.name, created=report.created)
    return Reply(text=f"✅ {report.text()}")


async def handle_import_file(intent: Intent, ctx: Context) -> Reply:
    file_id = intent.slots.get("file")
    if isinstance(file_id, int):
        return await _settle(intent, ctx, file_id)
    upload = intent.slots.get("upload")
    if not isinstance(upload, Upload):
        return Reply(text=HOW)
    return await _dry_run(intent, ctx, upload)


def register(router: Registrar) -> None:
    router.add(
        "import_file",
        handle_import_file,
        access="admin",
        summary="Import a CSV file sent to me (admins; a dry run first)",
        examples=("import people (with the file attached)",),
    )
