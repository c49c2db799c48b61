"""The tenants and users every seed starts from, and their fixed (fake) credentials.

Every seed has the same tenants and users, so the credentials printed by
``swrtui emulator`` work whatever the seed. The seed builders import this module, and
:mod:`swrtui.emulator.state.seeds` imports them: the dependency runs one way.
"""

from __future__ import annotations

from swrtui.emulator.state.store import Domain, EmulatorState, User

DEMO_DOMAIN_ID = "0a1b2c3d4e5f4a5b8c9d0e1f2a3b4c5d"
DEMO_DOMAIN_NAME = "demo-account"
DEMO_PROJECT_ID = "05f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5"
DEMO_PROJECT_NAME = "cn-north-4"
DEMO_ADMIN_AK = "DEMOSWRTUIADMIN00001"
DEMO_ADMIN_SK = "demo0secret0key0for0the0swrtui0emulator"
DEMO_ADMIN_NAME = "swr-admin"
DEMO_ADMIN_PASSWORD = "demo-password-1"

PARTNER_DOMAIN_ID = "9f8e7d6c5b4a49388271605f4e3d2c1b"
PARTNER_DOMAIN_NAME = "partner-account"
PARTNER_PROJECT_ID = "7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"


def tenants() -> EmulatorState:
    """The tenants and users common to every seed, with no organizations yet.

    Longer than most functions because it is data: one literal per user reads best.
    """
    state = EmulatorState()
    demo = Domain(DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_PROJECT_ID, DEMO_PROJECT_NAME)
    for user in (
        User(
            "u-admin-0001",
            DEMO_ADMIN_NAME,
            demo.id,
            DEMO_ADMIN_AK,
            DEMO_ADMIN_SK,
            DEMO_ADMIN_PASSWORD,
            is_admin=True,
        ),
        User(
            "u-dev-0002",
            "dev-alice",
            demo.id,
            "DEMOSWRTUIALICE00002",
            "alice0secret0key0for0the0swrtui0emulat",
            "alice-password-2",
        ),
        User(
            "u-ops-0003",
            "ops-bob",
            demo.id,
            "DEMOSWRTUIBOB0000003",
            "bob00secret0key0for0the0swrtui0emulato",
            "bob-password-3",
        ),
    ):
        demo.users[user.id] = user
    partner = Domain(PARTNER_DOMAIN_ID, PARTNER_DOMAIN_NAME, PARTNER_PROJECT_ID, "cn-north-4")
    partner_admin = User(
        "u-partner-0001",
        "partner-admin",
        partner.id,
        "PARTNERSWRTUIADMIN01",
        "partner0secret0key0for0swrtui0emulator0",
        "partner-password-1",
        is_admin=True,
    )
    partner.users[partner_admin.id] = partner_admin
    state.domains = {demo.id: demo, partner.id: partner}
    return state
