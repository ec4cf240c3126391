"""Request bodies of the upserts addressed by id: the id comes from the path.

``PUT /entities/{id}`` and ``PUT /sources/{id}`` take the entity or source without its
``id``: the OpenAPI document leaves it out, so every body it describes is one the service
accepts. An ``id`` sent anyway (older clients do) must equal the path's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union

from pydantic import BaseModel, Field, create_model
from pydantic.json_schema import SkipJsonSchema

from graph.domain import ENTITY_MODELS, EntityIn, Slug, SourceIn
from graph.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def _without_id(model: type[M]) -> type[M]:
    name = model.__name__.removesuffix("In") + "Body"
    path_id: Any = SkipJsonSchema[Slug | None]  # type: ignore[misc]
    return create_model(name, __base__=model, id=(path_id, None))


if TYPE_CHECKING:
    EntityBody = EntityIn
    SourceBody = SourceIn
else:
    EntityBody = Annotated[
        Union[tuple(_without_id(m) for m in ENTITY_MODELS.values())],  # noqa: UP007
        Field(discriminator="kind"),
    ]
    SourceBody = _without_id(SourceIn)


def at_path(body: M, path_id: str) -> M:
    """The body with the path's id; refuses a body that names another.

    Example:
        >>> at_path(SourceIn.model_construct(id=None, title="T"), "s").id
        's'
    """
    sent: Any = getattr(body, "id", None)
    if sent is not None and sent != path_id:
        raise InvalidInput(
            f"the body's id '{sent}' differs from the path's '{path_id}' (leave it out)",
            pointer="/id",
        )
    return body.model_copy(update={"id": path_id})
