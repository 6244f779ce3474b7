"""Settings come from REGIOMETER_* variables only, with clear errors."""

from dataclasses import fields

import pytest

from etl.config import DEFAULT_BASE_URLS, Settings, SettingsFields
from etl.errors import ConfigError


def test_defaults_point_at_the_real_services_and_a_local_sqlite_file(tmp_path):
    settings = Settings.from_env({"REGIOMETER_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'regiometer.db'}"
    assert settings.base_url("eurostat") == "https://ec.europa.eu/eurostat/api/dissemination"
    assert (settings.host, settings.port) == ("127.0.0.1", 8050)


def test_every_base_url_can_be_overridden():
    env = {f"REGIOMETER_{name.upper()}_BASE_URL": f"http://127.0.0.1:9/{name}/" for name in DEFAULT_BASE_URLS}
    settings = Settings.from_env(env)
    assert all(settings.base_url(name) == f"http://127.0.0.1:9/{name}" for name in DEFAULT_BASE_URLS)


def test_a_partial_mapping_keeps_the_other_defaults():
    settings = Settings(base_urls={"eurostat": "http://mirror"})
    assert settings.base_url("eurostat") == "http://mirror"
    assert settings.base_url("genesis") == DEFAULT_BASE_URLS["genesis"]


def test_production_needs_a_secret_key():
    with pytest.raises(ConfigError, match="REGIOMETER_SECRET_KEY is not set"):
        Settings.from_env({"REGIOMETER_DEVELOPMENT": "false"})
    assert not Settings.from_env(
        {"REGIOMETER_DEVELOPMENT": "false", "REGIOMETER_SECRET_KEY": "x" * 40}
    ).development


def test_bad_numbers_say_which_variable():
    with pytest.raises(ConfigError, match="REGIOMETER_PORT='eighty'"):
        Settings.from_env({"REGIOMETER_PORT": "eighty"})


def test_the_typed_keyword_arguments_match_the_fields():
    typed = {name: kind.__forward_arg__ for name, kind in SettingsFields.__annotations__.items()}
    assert typed == {spec.name: spec.type for spec in fields(Settings)}
