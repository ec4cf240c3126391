"""The write path: a batch read as a snapshot, checked, planned and applied in one write
transaction with its revisions; patches; and a bulk load's columnar plan and import files.
"""

from __future__ import annotations

from graph.writes import batches
from graph.writes.batches import (
    PendingItems,
    apply_plan,
    plan_batch,
    plan_one,
    utc_now,
    write_batch,
)
from graph.writes.bulk import apply_fixups, holds_data, set_empty_lists
from graph.writes.bulk_rows import (
    ARRAY_DELIMITER,
    ImportTables,
    import_tables,
    plan_empty,
    write_csv,
)
from graph.writes.check import quoted_sources
from graph.writes.columnar import ColumnarLoad, plan_columns, plan_load
from graph.writes.columnar_csv import LoadFiles, write_load
from graph.writes.load_columns import LoadColumns
from graph.writes.patch import EntityPatch
from graph.writes.plan import Family, WritePlan

__all__ = [
    "ARRAY_DELIMITER",
    "ColumnarLoad",
    "EntityPatch",
    "Family",
    "ImportTables",
    "LoadColumns",
    "LoadFiles",
    "PendingItems",
    "WritePlan",
    "apply_fixups",
    "apply_plan",
    "batches",
    "holds_data",
    "import_tables",
    "plan_batch",
    "plan_columns",
    "plan_empty",
    "plan_load",
    "plan_one",
    "quoted_sources",
    "set_empty_lists",
    "utc_now",
    "write_batch",
    "write_csv",
    "write_load",
]
