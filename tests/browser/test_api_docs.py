"""Browser: the API documentation renders from the platform's own files, without a CDN."""

from urllib.parse import urlparse

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_api_docs_render_with_local_assets_only(browser_page, live_server):
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.goto("/api/v1/docs/")
    title = browser_page.locator(".swagger-ui .info .title")
    title.wait_for()
    assert title.inner_text().startswith("Cluster 05 IS API")
    operations = browser_page.locator(".opblock-summary-path")
    operations.first.wait_for()
    paths = set(operations.all_inner_texts())
    assert "/api/v1/experiments/{id}/transitions/{name}/" in {
        p.replace("\u200b", "") for p in paths
    }
    server = urlparse(live_server.url).netloc
    foreign = [
        url
        for url in requested
        if urlparse(url).scheme in {"http", "https"} and urlparse(url).netloc != server
    ]
    assert foreign == []
