"""`quotabot parse` (bot.parse_cmd.run_parse): output shape, --jsonl order, --today, no crash."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from bot.parse_cmd import run_parse, today_in_zone

WED = date(2026, 11, 18)


def _run(text: str | None, stdin: str = "", *, jsonl: bool = False) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_parse(
        text, jsonl=jsonl, today=WED, no_llm=True, stdin=io.StringIO(stdin), stdout=out
    )
    return code, out.getvalue().splitlines()


def test_one_message_compact_json() -> None:
    code, lines = _run("closed Initech for $24k!!")
    assert code == 0
    assert lines == [
        '{"intent":"log_deal","slots":{"account":"Initech","amount":24000,"currency":"USD",'
        '"stage":"won"},"confidence":0.94}'
    ]


def test_jsonl_keeps_order_and_empty_lines_are_unknown() -> None:
    stdin = "3 calls w/ Acme\n\nhelp\r\n   \nundo\n"
    code, lines = _run(None, stdin, jsonl=True)
    assert code == 0
    got = [json.loads(line) for line in lines]
    assert [g["intent"] for g in got] == ["log_activity", "unknown", "help", "unknown", "undo"]
    assert all(set(g) == {"intent", "slots", "confidence"} for g in got)


def test_jsonl_last_line_without_newline() -> None:
    _, lines = _run(None, "undo\nhelp", jsonl=True)
    assert [json.loads(line)["intent"] for line in lines] == ["undo", "help"]


def test_today_resolves_relative_words() -> None:
    out = io.StringIO()
    run_parse(
        "demo w/ Globex yesterday",
        jsonl=False,
        today=date(2027, 1, 1),
        no_llm=True,
        stdin=io.StringIO(),
        stdout=out,
    )
    assert json.loads(out.getvalue())["slots"]["date"] == "2026-12-31"


def test_text_from_stdin_when_no_argument() -> None:
    _, lines = _run(None, "pipeline\n")
    assert json.loads(lines[0])["intent"] == "pipeline_summary"


def test_garbage_never_crashes() -> None:
    code, lines = _run(None, "\x00\x01\ud800?\n" + "🔥" * 5000 + "\n", jsonl=True)
    assert code == 0
    assert len(lines) == 2


def test_undecodable_bytes_still_read() -> None:
    raw = io.TextIOWrapper(io.BytesIO(b"3 calls \xff\xfe w/ Acme\n"), encoding="utf-8")
    out = io.StringIO()
    code = run_parse(None, jsonl=True, today=WED, no_llm=True, stdin=raw, stdout=out)
    assert code == 0
    assert json.loads(out.getvalue())["intent"] == "log_activity"


def test_no_llm_never_builds_a_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTABOT_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("QUOTABOT_LLM_MODEL", "m")

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("network client built under --no-llm")

    monkeypatch.setattr("bot.parse_cmd.make_client", boom)
    code, lines = _run("blorp zzz")
    assert code == 0 and json.loads(lines[0])["intent"] == "unknown"


def test_unsure_lines_go_to_the_llm_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTABOT_LLM_BASE_URL", "http://llm.test/v1")
    monkeypatch.setenv("QUOTABOT_LLM_MODEL", "m")
    asked: list[str] = []

    async def fake_llm(text: str, **kwargs: object) -> object:
        asked.append(text)
        return kwargs["offline"]

    monkeypatch.setattr("bot.parse_cmd.llm_parse", fake_llm)
    out = io.StringIO()
    stdin = io.StringIO("3 calls w/ Acme\nmeeting\n")
    code = run_parse(None, jsonl=True, today=WED, no_llm=False, stdin=stdin, stdout=out)
    assert code == 0
    assert asked == ["meeting"]  # only the unsure line


def test_today_in_zone() -> None:
    now = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)
    assert today_in_zone({}, now) == date(2026, 11, 18)
    assert today_in_zone({"QUOTABOT_TIMEZONE": "Asia/Tokyo"}, now) == date(2026, 11, 19)
    assert today_in_zone({"QUOTABOT_TIMEZONE": "Not/AZone"}, now) == date(2026, 11, 18)


def test_llm_answer_end_to_end_with_mock_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx2
    from openai import AsyncOpenAI

    monkeypatch.setenv("QUOTABOT_LLM_BASE_URL", "http://llm.test/v1")
    monkeypatch.setenv("QUOTABOT_LLM_MODEL", "m")
    answer = {
        "intent": "log_activity",
        "slots": {"items": [{"activity": "meeting", "count": 1}], "account": "Zorbo"},
        "confidence": 0.8,
    }

    def handler(request: httpx2.Request) -> httpx2.Response:
        body = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": json.dumps(answer)},
                }
            ],
        }
        return httpx2.Response(200, json=body)

    def client(settings: object) -> AsyncOpenAI:
        http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
        return AsyncOpenAI(base_url="http://llm.test/v1", api_key="k", http_client=http)

    monkeypatch.setattr("bot.parse_cmd.make_client", client)
    out = io.StringIO()
    stdin = io.StringIO("3 calls w/ Acme\nmeeting\n")  # the second is unsure offline
    assert run_parse(None, jsonl=True, today=WED, no_llm=False, stdin=stdin, stdout=out) == 0
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["slots"]["account"] == "Acme"  # sure: answered offline
    assert second["intent"] == "log_activity" and second["slots"]["account"] == "Zorbo"
