"""Where and how to reach a Neo4j server; never shows credentials.

>>> Settings.resolve(uri="bolt://u:pw@db.example:7687", password="pw", env={})
Settings(uri='bolt://db.example:7687', database=None, auth='password')
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass, field
from typing import Mapping, Optional

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
#: The URI schemes of the Bolt protocol (the driver's preview HTTP Query API is not used).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def safe_uri(uri: str) -> str:
    """``uri`` without any ``user:password@`` part, for messages."""
    try:
        parts = urllib.parse.urlsplit(uri)
    except ValueError:
        return "<invalid URI>"
    if "@" not in parts.netloc:
        return uri
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


@dataclass(frozen=True)
class Settings:
    """Where and how to connect. ``repr`` never shows the user or the password."""

    uri: str = DEFAULT_URI
    user: str = field(default=DEFAULT_USER, repr=False)
    password: Optional[str] = field(default=None, repr=False)
    database: Optional[str] = None

    @classmethod
    def resolve(cls, uri: Optional[str] = None, user: Optional[str] = None, password: Optional[str] = None,
                database: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Options first, then ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``, then defaults.

        Empty values count as unset. A ``user:password@`` inside the URI is used when no user or
        password is given otherwise (and is removed from the URI).
        """
        e = os.environ if env is None else env

        def pick(opt: Optional[str], var: str) -> Optional[str]:
            v = opt if opt not in (None, "") else e.get(var)
            return v if v not in (None, "") else None

        u = pick(uri, "NEO4J_URI") or DEFAULT_URI
        usr, pw = pick(user, "NEO4J_USER"), pick(password, "NEO4J_PASSWORD")
        try:
            parts = urllib.parse.urlsplit(u)
            if "@" in parts.netloc:
                info, host = parts.netloc.rsplit("@", 1)
                iu, _, ip = info.partition(":")
                usr = usr or urllib.parse.unquote(iu) or None
                pw = pw or urllib.parse.unquote(ip) or None
                u = urllib.parse.urlunsplit(parts._replace(netloc=host))
        except ValueError:
            pass
        return cls(uri=u, user=usr or DEFAULT_USER, password=pw, database=pick(database, "NEO4J_DATABASE"))

    def __repr__(self) -> str:
        return (f"Settings(uri={safe_uri(self.uri)!r}, database={self.database!r}, "
                f"auth={'password' if self.password else 'none'!r})")

    __str__ = __repr__

    @property
    def where(self) -> str:
        """How messages name the server: the URI (never credentials), plus the database if set."""
        w = safe_uri(self.uri)
        return f"{w} (database {self.database})" if self.database else w
