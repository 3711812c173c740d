"""Pages for the real-browser tests: a viewport, the network refused, problems collected."""

from __future__ import annotations

from typing import Any


def offline_page(browser: Any, width: int, height: int, allowed: tuple[str, ...] = ()) -> tuple[Any, list[str]]:
    """A page of the given viewport whose network requests are refused; returns (page, problems).

    ``problems`` collects page errors, console errors and every refused request.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    local = ("file:", "data:", "blob:", *allowed)

    def route(r: Any) -> None:
        if r.request.url.startswith(local):
            r.continue_()
        else:
            problems.append(f"network: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    return page, problems
