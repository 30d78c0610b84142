"""Where the edition is published, as the build is told - never typed as a placeholder.

Why: a launch button built from an address nobody owns is a dead link on every page. The only
addresses the edition draws are the ones the build is told about, the environment first (CI
must be able to say where it publishes):

* the repository: ``EDITION_REPOSITORY_URL``, else ``GITHUB_SERVER_URL`` + ``/`` +
  ``GITHUB_REPOSITORY`` (both set by GitHub Actions in every workflow run), else
  ``edition_repository_url`` in ``_config.yml`` (``sphinx.config``; empty in this book);
* the site: ``EDITION_BASE_URL`` (the Pages workflow passes the address
  ``actions/configure-pages`` reports), else ``edition_base_url`` in ``_config.yml``.

Every address is taken only as a well-formed ``https`` URL (:func:`edition.core.escape.https_url`):
the theme writes the repository address into ``href`` attributes and scripts without escaping
it, so anything else (a quote, a space, ``http:``, a user name, a query) stops the build with a
message naming the variable or the ``_config.yml`` key, rather than being repaired.

With no repository address, no launch button is drawn (the download menu keeps its ``.md`` and
``.ipynb``) and "Run it yourself" gives the local commands. With no site address there is no
``html_baseurl``, so no sitemap and no absolute ``og:url`` (edition.site.meta says so in the log).
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from ..core.escape import https_url
from .mystnb_api import executed_notebook
from . import config as edition_config

logger = logging.getLogger(__name__)

#: What ``GITHUB_REPOSITORY`` may hold: GitHub's own owner and repository name characters.
_OWNER_NAME = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


#: How a message names an address given in the environment.
ENV = "environment: "


class AddressError(ValueError):
    """An address that is not a well-formed https URL (names the variable or the key)."""


def _https(url: str | None, what: str) -> str | None:
    if not url:
        return None
    if https_url(url) is None:
        raise AddressError(f"{what} {url!r} is not a well-formed https address (https://host/path; "
                           "no quotes, spaces, user, query or fragment): the build refuses it")
    return url


def repository_url(env: Mapping[str, str] | None = None, configured: str = "") -> str | None:
    """The repository's public address, or None when the build was not told one."""
    env = os.environ if env is None else env
    explicit = env.get("EDITION_REPOSITORY_URL", "").strip()
    if explicit:
        return _https(explicit.rstrip("/"), ENV + "EDITION_REPOSITORY_URL")
    server, repo = env.get("GITHUB_SERVER_URL", "").strip(), env.get("GITHUB_REPOSITORY", "").strip()
    if server and repo:
        if not _OWNER_NAME.fullmatch(repo):
            raise AddressError(f"{ENV}GITHUB_REPOSITORY {repo!r} is not owner/name (letters, digits, _ . -)")
        _https(server.rstrip("/"), ENV + "GITHUB_SERVER_URL")
        return _https(f"{server.rstrip('/')}/{repo}", ENV + "GITHUB_SERVER_URL/GITHUB_REPOSITORY")
    return _https(configured.strip().rstrip("/"), edition_config.key("edition_repository_url"))


def base_url(env: Mapping[str, str] | None = None, configured: str = "") -> str | None:
    """The published site's address (ending in ``/``), or None."""
    env = os.environ if env is None else env
    url = (_https(env.get("EDITION_BASE_URL", "").strip(), ENV + "EDITION_BASE_URL")
           or _https(configured.strip(), edition_config.key("edition_base_url")))
    return None if url is None else url.rstrip("/") + "/"


def apply_addresses(config: Config, env: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Put the addresses into the theme options and ``html_baseurl``; drop the launch buttons
    when there is no repository address."""
    repo = repository_url(env, edition_config.read(config, "edition_repository_url"))
    base = base_url(env, edition_config.read(config, "edition_base_url"))
    opts = dict(config.html_theme_options or {})
    launch = dict(opts.get("launch_buttons") or {})
    if repo:
        opts["repository_url"] = repo
    else:
        opts["repository_url"] = ""
        for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url"):
            launch[key] = ""
        launch["thebe"] = False
    opts["launch_buttons"] = launch
    config.html_theme_options = opts
    if base:
        config.html_baseurl = base
        # Pages are at <base>chapters/x.html: no language or version folder in the address.
        config.sitemap_url_scheme = "{link}"
        config.sitemap_excludes = ["search.html", "genindex.html"]
    return {"repository": repo, "base": base}


def _on_config(app: Sphinx, config: Config) -> None:
    try:
        found = apply_addresses(config)
    except AddressError as exc:
        raise ConfigError(str(exc)) from None
    app.edition_addresses = found  # type: ignore[attr-defined]
    if not found["repository"]:
        logger.info("edition.site.publish: no repository address in the environment or _config.yml: "
                    "no launch buttons")
    if not found["base"]:
        logger.info("edition.site.publish: no EDITION_BASE_URL or edition_base_url: no sitemap, "
                    "no absolute og:url")


def keep_notebook_download(app: Sphinx, pagename: str, templatename: str,
                           context: dict[str, Any], doctree: Any) -> None:
    """sphinx-book-theme copies the executed ``.ipynb`` for the download menu only while it draws
    launch buttons; without them, do the same copy here so the download stays."""
    if getattr(app, "edition_addresses", {}).get("repository") or context.get("ipynb_source"):
        return
    # Only notebooks (as the theme decides): a page with no kernel offers its .md alone, even if
    # an earlier build left an executed copy of it behind.
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    executed = executed_notebook(app, pagename)
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    edition_config.register(app)
    # After Jupyter Book has turned _config.yml into theme options.
    app.connect("config-inited", _on_config, priority=600)
    # Before sphinx-book-theme builds the download menu (priority 501).
    app.connect("html-page-context", keep_notebook_download, priority=400)
    try:
        wanted = base_url(configured=edition_config.read(app.config, "edition_base_url")) is not None
    except (AddressError, ConfigError):
        wanted = False  # edition.site.config or _on_config stops the build with the message
    if wanted:
        app.setup_extension("sphinx_sitemap")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
