"""Connection settings, an unreachable server (exit 3, one sentence) and credentials that never show."""

from __future__ import annotations

import os

import pytest

from ketengraaf.backends.neo4j import DEFAULT_URI, Neo4jBackend, Settings, safe_uri
from ketengraaf.errors import Unavailable, UsageError
from tests.neo4j.conftest import START_HINT, VOORBEELD, kg, yaml_as

SECRET = "s3cr3t-xyz"
NOBODY = "bolt://127.0.0.1:1"  # nothing listens on port 1


def test_settings_from_options_environment_and_defaults():
    assert Settings.resolve(env={}) == Settings(DEFAULT_URI, "neo4j", None, None)
    env = {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": SECRET, "NEO4J_DATABASE": "neo4j"}
    s = Settings.resolve(env=env)
    assert (s.uri, s.user, s.password, s.database) == ("neo4j://db:7687", "u", SECRET, "neo4j")
    s = Settings.resolve(uri="bolt://x:1", user="v", password="p", database="d", env=env)
    assert (s.uri, s.user, s.password, s.database) == ("bolt://x:1", "v", "p", "d")
    assert Settings.resolve(env={"NEO4J_PASSWORD": "", "NEO4J_URI": ""}) == Settings()
    s = Settings.resolve(uri=f"bolt://alice:{SECRET}@db:7687", env={})
    assert (s.uri, s.user, s.password) == ("bolt://db:7687", "alice", SECRET)


def test_reprs_never_show_credentials():
    s = Settings.resolve(uri=f"bolt://alice:{SECRET}@127.0.0.1:1", password=SECRET, env={})
    for text in (repr(s), str(s), s.where, repr(Neo4jBackend(s)), safe_uri(f"bolt://alice:{SECRET}@h:1")):
        assert SECRET not in text and "alice" not in text, text
    assert repr(s) == "Settings(uri='bolt://127.0.0.1:1', database=None, auth='password')"


def test_unreachable_python_api():
    with pytest.raises(Unavailable) as err:
        Neo4jBackend(Settings.resolve(uri=NOBODY, password=SECRET, env={})).check()
    assert str(err.value) == f"Neo4j at {NOBODY} does not answer; {START_HINT} or set NEO4J_URI"
    assert err.value.exit_code == 3


def test_bad_uri_is_a_usage_error():
    for uri in ("http://127.0.0.1:7474", "localhost:7687", "bolt//x"):
        with pytest.raises(UsageError, match="is not a Neo4j URI"):
            Neo4jBackend(Settings.resolve(uri=uri, env={}))
    r = kg("unload", "x", uri=f"https://alice:{SECRET}@x:7473")
    assert r.returncode == 2 and SECRET not in r.stderr and "'https://x:7473' is not a Neo4j URI" in r.stderr


@pytest.mark.parametrize("args", [("load", str(VOORBEELD)), ("unload", "voorbeeld"),
                                  ("query", "overzicht", "--param", "model=voorbeeld")], ids=lambda a: a[0])
@pytest.mark.parametrize("how", ["env", "option", "in-uri"])
def test_unreachable_cli_exit_3_one_sentence_no_secret(args, how):
    env = {"NEO4J_PASSWORD": SECRET, "NEO4J_USER": "alice"}
    extra: tuple[str, ...] = ()
    uri = NOBODY
    if how == "option":
        env = {}
        extra = ("--password", SECRET, "--user", "alice")
    elif how == "in-uri":
        env = {}
        uri = f"bolt://alice:{SECRET}@127.0.0.1:1"
    r = kg(*args, *extra, env=env, uri=uri)
    assert r.returncode == 3, r.stderr
    assert r.stdout == ""
    assert r.stderr.splitlines() == [f"ketengraaf: Neo4j at {NOBODY} does not answer; {START_HINT} or set NEO4J_URI"]
    assert SECRET not in r.stderr and "alice" not in r.stderr


def test_debug_traceback_has_no_secret():
    r = kg("--debug", "load", str(VOORBEELD), "--password", SECRET, env={"NEO4J_PASSWORD": SECRET},
           uri=f"bolt://alice:{SECRET}@127.0.0.1:1")
    assert r.returncode != 0 and "Traceback" in r.stderr and "Unavailable" in r.stderr
    assert SECRET not in r.stdout + r.stderr


def test_secret_never_printed_against_the_real_server(neo4j_settings, new_id, tmp_path):
    """The test server runs without auth and accepts any password: every command works, none prints it."""
    mid = new_id("secret")
    f = yaml_as(VOORBEELD, mid, tmp_path)
    env = {"NEO4J_PASSWORD": SECRET, "NEO4J_USER": "alice"}
    runs = [kg("load", str(f), env=env), kg("--debug", "load", str(f), env=env),
            kg("query", "overzicht", "--param", f"model={mid}", env=env),
            kg("query", "modellen", "--format", "json", env=env),
            kg("query", "driehoek", env=env),  # missing parameter: exit 2
            kg("load", str(f), "--database", "bestaat-niet", env=env),  # no such database: exit 3
            kg("unload", mid, "--password", SECRET, env=env), kg("unload", mid, env=env)]
    assert [r.returncode for r in runs] == [0, 0, 0, 0, 2, 3, 0, 2], [r.stderr for r in runs]
    assert "has no database 'bestaat-niet'" in runs[5].stderr
    for r in runs:
        assert SECRET not in r.stdout and SECRET not in r.stderr
        assert "Traceback" not in r.stderr


def test_login_with_auth_server(new_id, tmp_path):
    """Against a second real server with authentication on (scripts/test starts it in CI)."""
    uri = os.environ.get("KETENGRAAF_TEST_AUTH_URI")
    good = os.environ.get("KETENGRAAF_TEST_AUTH_PASSWORD")
    if not (uri and good):
        msg = ("set KETENGRAAF_TEST_AUTH_URI and KETENGRAAF_TEST_AUTH_PASSWORD to a server started with "
               "scripts/neo4j-server start --auth (scripts/test does this)")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    r = kg("query", "modellen", uri=uri, env={"NEO4J_PASSWORD": SECRET})
    assert r.returncode == 3 and SECRET not in r.stderr
    assert r.stderr.strip().endswith("refused the user name or password; set NEO4J_USER and NEO4J_PASSWORD "
                                     "(or --user and --password)")
    r = kg("query", "modellen", uri=uri, env={"NEO4J_PASSWORD": ""})
    assert r.returncode == 3 and "requires a password" in r.stderr
    r = kg("query", "modellen", uri=uri, env={"NEO4J_PASSWORD": good})
    assert r.returncode == 0, r.stderr
    assert good not in r.stdout + r.stderr
