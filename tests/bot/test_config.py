"""Settings: env and .env merged, every variable validated with one clear line, secrets hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import VARIABLES, ConfigError, Settings, load_settings, read_dotenv

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:AAH-secret_token-value"


def test_defaults_without_anything() -> None:
    """With no environment and no .env, every setting has its documented default."""
    settings = load_settings({}, None)
    assert settings == Settings()
    assert settings.flood_limit == 20
    assert settings.timezone == "America/Toronto"


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    """A variable set in both places takes the environment's value."""
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\nexport BRIEFBOT_FLOOD_LIMIT=5\nBRIEFBOT_TIMEZONE='Asia/Shanghai'\n"
        'BRIEFBOT_ADMINS="1, 2"  \n\nBRIEFBOT_DB=x.db # trailing comment\n'
    )
    settings = load_settings({"BRIEFBOT_FLOOD_LIMIT": "7"}, dotenv)
    assert settings.flood_limit == 7
    assert settings.timezone == "Asia/Shanghai"
    assert settings.admins == frozenset({1, 2})
    assert settings.db_path == Path("x.db")


def test_all_variables_parse() -> None:
    """Every variable in the contract is read into its typed field."""
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/",
            "BRIEFBOT_DB": "/tmp/b.sqlite3",
            "BRIEFBOT_ADMINS": "11,22",
            "BRIEFBOT_TIMEZONE": "Europe/Paris",
            "BRIEFBOT_WEBHOOK_URL": "https://bot.example.org/hook",
            "BRIEFBOT_WEBHOOK_SECRET": "s3cret_-x",
            "BRIEFBOT_WEBHOOK_PORT": "8080",
            "BRIEFBOT_WEBHOOK_LISTEN": "127.0.0.1",
            "BRIEFBOT_STORE_DIR": "/srv/store",
            "BRIEFBOT_FLOOD_LIMIT": "9",
            "BRIEFBOT_GRACE_HOURS": "1.5",
            "BRIEFBOT_BROADCAST_RATE": "1000",
            "BRIEFBOT_CHAT_RATE": "0.5",
        },
        None,
    )
    assert settings.require_token() == TOKEN
    assert settings.api_base_url == "http://127.0.0.1:8081"
    assert settings.admins == frozenset({11, 22})
    assert (settings.webhook_port, settings.webhook_listen) == (8080, "127.0.0.1")
    assert settings.store_dir == Path("/srv/store")
    assert (settings.grace_hours, settings.broadcast_rate, settings.chat_rate) == (1.5, 1000, 0.5)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BRIEFBOT_ADMINS", "abc"),
        ("BRIEFBOT_ADMINS", "1;2"),
        ("BRIEFBOT_TIMEZONE", "Mars/Olympus"),
        ("BRIEFBOT_FLOOD_LIMIT", "0"),
        ("BRIEFBOT_FLOOD_LIMIT", "ten"),
        ("BRIEFBOT_GRACE_HOURS", "-1"),
        ("BRIEFBOT_GRACE_HOURS", "1e12"),
        ("BRIEFBOT_GRACE_HOURS", "169"),
        ("BRIEFBOT_BROADCAST_RATE", "nan"),
        ("BRIEFBOT_BROADCAST_RATE", "1e-300"),
        ("BRIEFBOT_BROADCAST_RATE", "1e9"),
        ("BRIEFBOT_CHAT_RATE", "0"),
        ("BRIEFBOT_CHAT_RATE", "1000"),
        ("BRIEFBOT_FLOOD_LIMIT", "-3"),
        ("BRIEFBOT_WEBHOOK_PORT", "70000"),
        ("BRIEFBOT_WEBHOOK_URL", "http://insecure.example.org"),
        ("BRIEFBOT_WEBHOOK_LISTEN", "0.0.0.0; rm"),
        ("BRIEFBOT_WEBHOOK_SECRET", "has spaces"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org"),
        ("TELEGRAM_API_BASE_URL", "http://127.0.0.1:99999"),
        ("TELEGRAM_API_BASE_URL", "https://api.telegram.org#frag"),
        ("TELEGRAM_API_BASE_URL", "https://user:pw@api.telegram.org"),
        ("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"),
        ("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot123456:AAH-secret/"),
        ("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot123456:AAH-secret/getMe"),
        ("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/proxy/bot123456:AAH-secret/x"),
        ("BRIEFBOT_ADMINS", ",,,"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
    ],
)
def test_malformed_value_names_the_variable_in_one_line(name: str, value: str) -> None:
    """A malformed setting stops start-up with one line that names the variable."""
    with pytest.raises(ConfigError) as caught:
        load_settings({name: value}, None)
    message = str(caught.value)
    assert message.startswith(f"{name}: expected")
    assert "\n" not in message
    assert "pw" not in message
    assert "secret" not in message


def test_dotenv_quotes_and_comments(tmp_path: Path) -> None:
    """A quoted value may hold # and be followed by a comment; an unquoted one ends at " #"."""
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        'BRIEFBOT_TIMEZONE="Europe/Paris" # mine\n'
        "BRIEFBOT_WEBHOOK_URL='https://bot.example.org/a#b'\n"
        "BRIEFBOT_DB=x#y.db # the file\n"
        "BRIEFBOT_STORE_DIR= # unset\n"
    )
    assert read_dotenv(dotenv) == {
        "BRIEFBOT_TIMEZONE": "Europe/Paris",
        "BRIEFBOT_WEBHOOK_URL": "https://bot.example.org/a#b",
        "BRIEFBOT_DB": "x#y.db",
        "BRIEFBOT_STORE_DIR": "",
    }
    assert load_settings({}, dotenv).timezone == "Europe/Paris"


@pytest.mark.parametrize("line", ['BRIEFBOT_TIMEZONE="Europe/Paris', "BRIEFBOT_DB='a' b"])
def test_dotenv_open_quote_names_file_and_line(tmp_path: Path, line: str) -> None:
    """A quote left open, or text after the closing quote, is reported with its line."""
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"A=1\n{line}\n")
    with pytest.raises(ConfigError, match=r"\.env:2: BRIEFBOT_"):
        read_dotenv(dotenv)


def test_unknown_names_warn_with_the_closest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A misspelt setting in .env or the environment is named in one warning with the closest."""
    dotenv = tmp_path / ".env"
    dotenv.write_text("BRIEFBOT_TIMEZON=Europe/Paris\n")
    environ = {"TELEGRAM_BOT_TOKN": TOKEN, "TELEGRAM_API_ID": "1", "BRIEFBOT_FLOOD_LIMIT": "3"}
    assert load_settings(environ, dotenv).timezone == "America/Toronto"
    lines = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert lines == [
        "BRIEFBOT_TIMEZON: not a setting the bot reads, ignored; did you mean BRIEFBOT_TIMEZONE?",
        "TELEGRAM_BOT_TOKN: not a setting the bot reads, ignored; did you mean TELEGRAM_BOT_TOKEN?",
    ]
    assert TOKEN not in caplog.text


def test_token_is_never_shown() -> None:
    """The token stays out of repr and out of the error for a malformed token."""
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "BRIEFBOT_WEBHOOK_SECRET": "abc"}, None)
    assert TOKEN not in repr(settings)
    assert "abc" not in repr(settings)
    near_miss = TOKEN + " "  # trailing junk inside the value: still a secret
    with pytest.raises(ConfigError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": near_miss.replace(":", "::")}, None)
    assert "secret_token" not in str(caught.value)


def test_missing_token_is_one_clear_line() -> None:
    """Asking for the token when none is set explains how to provide it."""
    with pytest.raises(ConfigError, match=r"^TELEGRAM_BOT_TOKEN: not set"):
        load_settings({}, None).require_token()


def test_malformed_dotenv_line_names_file_and_line(tmp_path: Path) -> None:
    """A .env line that is not KEY=VALUE is reported with its file and line number."""
    dotenv = tmp_path / ".env"
    dotenv.write_text("A=1\nthis is wrong\n")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        read_dotenv(dotenv)


def test_env_example_documents_every_variable() -> None:
    """.env.example names every variable the bot reads, and holds no token."""
    values = read_dotenv(ROOT / ".env.example")
    assert set(VARIABLES) <= set(values)
    assert values["TELEGRAM_BOT_TOKEN"] == ""
    assert load_settings({}, ROOT / ".env.example") == Settings()


def test_secrets_are_secret_strings_listed_for_redaction() -> None:
    """The token and webhook secret are SecretStr, and secrets() hands both to log redaction."""
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "BRIEFBOT_WEBHOOK_SECRET": "abc"}, None)
    assert str(settings.token) != TOKEN
    assert settings.secrets() == (TOKEN, "abc")
    assert Settings().secrets() == ()


def test_dotenv_double_quotes_read_escapes(tmp_path: Path) -> None:
    """A double-quoted .env value reads backslash escapes, as python-dotenv and shells do."""
    dotenv = tmp_path / ".env"
    dotenv.write_text('BRIEFBOT_DB="a \\"quoted\\" name.db"\n')
    assert load_settings({}, dotenv).db_path == Path('a "quoted" name.db')
