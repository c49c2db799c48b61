"""Pilot tests of the tenant's reports: the monthly charts."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import SIZE, make_app, settle


async def test_monthly_charts_show_every_month() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await settle(pilot)
        chart = str(app.query_one("#tenant-store-monthly", Static).render()).splitlines()
        points = await app.ctx.client.reports.resource_report("store", "monthly")
        assert len(chart) == len(points)
        biggest = max(range(len(points)), key=lambda i: points[i].value)
        assert chart[biggest].count("█") == 40
        assert chart[biggest].endswith(f"{points[biggest].value:,.1f} MB")
