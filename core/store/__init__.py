"""The store: SQLModel tables, one engine per process, repository functions, migrations.

Pages never open sessions themselves: they call the repository functions here
with the process's `Store`.
"""

from core.store.database import Store, StoreError

__all__ = ["Store", "StoreError"]
