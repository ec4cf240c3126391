"""The kg-service's wire models, generated from its OpenAPI document: do not edit.

Regenerate with ``make client-models`` (scripts/client_models.py) after the API changes.
"""
from __future__ import annotations

# ruff: noqa
# mypy: disable-error-code="assignment"
# (the generator writes a nested model's default as a dict, which pydantic validates)

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel


class ValidFrom(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='Valid From',
        ),
    ]


class ValidTo(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='Valid To',
        ),
    ]


class Purpose(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Purpose',
        ),
    ]


class AgencyAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class Alias(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
        ),
    ]


class Description(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=2000,
            pattern='^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Description',
        ),
    ]


class Source(RootModel[str]):
    root: Annotated[
        str, Field(max_length=120, min_length=1, pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$')
    ]


class Reason(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='why the editor infers the fact (required when inferred, absent when stated)',
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Reason',
        ),
    ]


class AttributeClaim(BaseModel):
    """
    What some of an entity's sources state about its own fields (``attributes``).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    values: Annotated[
        dict[str, Any],
        Field(description="the kind's fields these sources state", title='Values'),
    ]
    current: Annotated[
        bool,
        Field(
            description='true when it agrees with the values the entity answers',
            title='Current',
        ),
    ]
    sources: Annotated[list[str], Field(title='Sources')]
    retracted: Annotated[
        bool | None,
        Field(
            description='true when every source of this claim is retracted: kept and listed, never weighed (nor `current`)',
            title='Retracted',
        ),
    ] = False


class CandidateCounts(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    found: Annotated[
        int, Field(description='candidates this analysis found', title='Found')
    ]
    new: Annotated[
        int, Field(description='of them, new to the source (open)', title='New')
    ]
    dropped: Annotated[
        int,
        Field(description='open candidates no longer found, removed', title='Dropped'),
    ]
    open: Annotated[int, Field(title='Open')]
    accepted: Annotated[int, Field(title='Accepted')]
    rejected: Annotated[
        int, Field(description='rejected once: never brought back', title='Rejected')
    ]


class Claim(BaseModel):
    """
    What some of a fact's sources state about it, beyond its identity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    values: Annotated[
        dict[str, Any],
        Field(
            description='the qualifiers and dates these sources state', title='Values'
        ),
    ]
    rank: Annotated[
        Literal['preferred', 'normal', 'deprecated'],
        Field(description='the best rank a source gave this claim', title='Rank'),
    ]
    current: Annotated[
        bool,
        Field(
            description='true when it agrees with the values the fact answers',
            title='Current',
        ),
    ]
    sources: Annotated[list[str], Field(title='Sources')]
    retracted: Annotated[
        bool | None,
        Field(
            description='true when every source of this claim is retracted: kept and listed, never weighed (nor `current`)',
            title='Retracted',
        ),
    ] = False


class Counts(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entities_by_kind: Annotated[dict[str, int], Field(title='Entities By Kind')]
    relationships_by_type: Annotated[
        dict[str, int], Field(title='Relationships By Type')
    ]
    entities: Annotated[int, Field(title='Entities')]
    relationships: Annotated[int, Field(title='Relationships')]


class Deleted(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    deleted: Annotated[str, Field(title='Deleted')]
    how: Annotated[Literal['retracted', 'purged'], Field(title='How')]
    relationships_deleted: Annotated[
        int,
        Field(
            description='how many of its facts were retracted (or purged) with it',
            title='Relationships Deleted',
        ),
    ]


class Product(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Product',
        ),
    ]


class Jurisdiction(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Jurisdiction',
        ),
    ]


class HeadquartersCountry(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Headquarters Country',
        ),
    ]


class Sector(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Sector',
        ),
    ]


class FacilityType(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Facility Type',
        ),
    ]


class EventType(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Event Type',
        ),
    ]


class StartDate(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='Start Date',
        ),
    ]


class EndDate(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='End Date',
        ),
    ]


class EntityAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    jurisdiction: Annotated[Jurisdiction | None, Field(title='Jurisdiction')] = None
    headquarters_country: Annotated[
        HeadquartersCountry | None, Field(title='Headquarters Country')
    ] = None
    sector: Annotated[Sector | None, Field(title='Sector')] = None
    proposal_type: Annotated[
        Literal['policy_proposal', 'investment_plan', 'initiative', 'agreement'] | None,
        Field(title='Proposal Type'),
    ] = None
    status: Annotated[
        Literal['floated', 'proposed', 'under_negotiation', 'rejected', 'adopted', 'withdrawn'] | None,
        Field(description='null where no source states it', title='Status'),
    ] = None
    facility_type: Annotated[FacilityType | None, Field(title='Facility Type')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None
    location_type: Annotated[
        Literal['country', 'state', 'region', 'city'] | None,
        Field(title='Location Type'),
    ] = None
    event_type: Annotated[EventType | None, Field(title='Event Type')] = None
    start_date: Annotated[StartDate | None, Field(title='Start Date')] = None
    end_date: Annotated[EndDate | None, Field(title='End Date')] = None


class EntityKind(
    RootModel[Literal['person', 'government', 'agency', 'organization', 'media', 'firm', 'proposal', 'facility', 'location', 'event']]
):
    root: Annotated[
        Literal['person', 'government', 'agency', 'organization', 'media', 'firm', 'proposal', 'facility', 'location', 'event'],
        Field(title='EntityKind'),
    ]


class EventAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class ExportedEdge(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    type: Annotated[str, Field(title='Type')]
    source: Annotated[str, Field(title='Source')]
    target: Annotated[str, Field(title='Target')]
    properties: Annotated[dict[str, Any], Field(title='Properties')]


class ExportedNode(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    labels: Annotated[list[str], Field(title='Labels')]
    properties: Annotated[dict[str, Any], Field(title='Properties')]


class ExportedRedirect(BaseModel):
    """
    An id merged into another entity (``properties.target``), which keeps resolving.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    properties: Annotated[dict[str, Any], Field(title='Properties')]


class ExportedSource(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    properties: Annotated[dict[str, Any], Field(title='Properties')]


class Wikidata(RootModel[str]):
    root: Annotated[str, Field(pattern='^Q[1-9]\\d*$', title='Wikidata')]


class Ticker(RootModel[str]):
    root: Annotated[str, Field(pattern='^[A-Z0-9.:-]{1,20}$', title='Ticker')]


class ExternalIds(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    wikidata: Annotated[Wikidata | None, Field(title='Wikidata')] = None
    ticker: Annotated[Ticker | None, Field(title='Ticker')] = None


class FacilityAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class FacilityBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['facility'], Field(description='a factory, plant or site', title='Kind')
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    facility_type: Annotated[FacilityType | None, Field(title='Facility Type')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class FacilityIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['facility'], Field(description='a factory, plant or site', title='Kind')
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    facility_type: Annotated[FacilityType | None, Field(title='Facility Type')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class Feature(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    value: Annotated[bool | float, Field(title='Value')]


class FieldDoc(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(title='Name')]
    type: Annotated[
        Literal['text', 'long_text', 'date', 'enum', 'amount', 'currency'],
        Field(title='Type'),
    ]
    values: Annotated[
        list[str] | None,
        Field(description='the allowed values of an enum', title='Values'),
    ] = []
    required: Annotated[bool | None, Field(title='Required')] = False
    description: Annotated[str | None, Field(title='Description')] = None
    requires: Annotated[
        str | None,
        Field(description='a field that must come with it', title='Requires'),
    ] = None
    missing: Annotated[
        str | None,
        Field(
            description='what a write is told when it comes without `requires`',
            title='Missing',
        ),
    ] = None


class FieldProblem(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    pointer: Annotated[str, Field(title='Pointer')]
    detail: Annotated[str, Field(title='Detail')]


class FirmAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class FirmBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[Literal['firm'], Field(description='a company', title='Kind')]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    headquarters_country: Annotated[
        HeadquartersCountry | None, Field(title='Headquarters Country')
    ] = None
    sector: Annotated[Sector | None, Field(title='Sector')] = None


class FirmIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[Literal['firm'], Field(description='a company', title='Kind')]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    headquarters_country: Annotated[
        HeadquartersCountry | None, Field(title='Headquarters Country')
    ] = None
    sector: Annotated[Sector | None, Field(title='Sector')] = None


class GovernmentAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class GovernmentBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['government'],
        Field(description='a national or local government', title='Kind'),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    jurisdiction: Annotated[Jurisdiction | None, Field(title='Jurisdiction')] = None


class GovernmentIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['government'],
        Field(description='a national or local government', title='Kind'),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    jurisdiction: Annotated[Jurisdiction | None, Field(title='Jurisdiction')] = None


class GraphExport(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    nodes: Annotated[list[ExportedNode], Field(title='Nodes')]
    edges: Annotated[list[ExportedEdge], Field(title='Edges')]
    sources: Annotated[list[ExportedSource], Field(title='Sources')]
    redirects: Annotated[
        list[ExportedRedirect] | None, Field(title='Redirects', validate_default=True)
    ] = []


class GroupDoc(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(title='Name')]
    label: Annotated[str | None, Field(title='Label')] = None
    description: Annotated[str | None, Field(title='Description')] = None
    kinds: Annotated[list[str], Field(title='Kinds')]


class Amount(RootModel[float]):
    root: Annotated[float, Field(ge=0.0, le=1000000000000000.0, title='Amount')]


class Currency(RootModel[str]):
    root: Annotated[str, Field(pattern='^[A-Z]{3}$', title='Currency')]


class ItemCounts(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    created: Annotated[int | None, Field(title='Created')] = 0
    updated: Annotated[int | None, Field(title='Updated')] = 0
    unchanged: Annotated[int | None, Field(title='Unchanged')] = 0


class KindDoc(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(title='Name')]
    label: Annotated[str, Field(description='its Neo4j label', title='Label')]
    labels: Annotated[
        list[str],
        Field(description='every Neo4j label its nodes carry', title='Labels'),
    ]
    groups: Annotated[list[str], Field(title='Groups')]
    description: Annotated[str, Field(title='Description')]
    colour: Annotated[
        str,
        Field(
            description='#rrggbb, as the explorer page and Neo4j Browser draw it',
            title='Colour',
        ),
    ]
    shape: Annotated[
        str, Field(description="a node shape name (Cytoscape.js's)", title='Shape')
    ]
    fields: Annotated[
        list[FieldDoc],
        Field(description='its own fields, besides the common ones', title='Fields'),
    ]
    exposed: Annotated[
        bool, Field(description='listed by exposure questions', title='Exposed')
    ]
    timeline_date: Annotated[
        str | None,
        Field(
            description='the field that dates it on timelines, where it is shown as an event',
            title='Timeline Date',
        ),
    ]
    analyses: Annotated[
        list[Literal['stances', 'supply_chain', 'exposure', 'timeline']],
        Field(
            description="the questions its entities can be asked besides their neighbourhood: `stances` (GET /entities/{id}/stances), `supply_chain`, `exposure` and `timeline` (GET /entities/{id}/...), derived from the relationship types' analyses",
            title='Analyses',
        ),
    ]


class Live(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    status: Annotated[str | None, Field(title='Status')] = 'ok'


class LocationAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class LocationBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['location'],
        Field(description='a country, state, region or city', title='Kind'),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    location_type: Annotated[
        Literal['country', 'state', 'region', 'city'], Field(title='Location Type')
    ]


class LocationIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['location'],
        Field(description='a country, state, region or city', title='Kind'),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    location_type: Annotated[
        Literal['country', 'state', 'region', 'city'], Field(title='Location Type')
    ]


class Lookalike(BaseModel):
    """
    An entity whose name a text imitates with look-alike letters of another script.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[str, Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    matched: Annotated[str, Field(title='Matched')]
    spelled: Annotated[
        str,
        Field(
            description='the text with its look-alike letters replaced', title='Spelled'
        ),
    ]


class Match(BaseModel):
    """
    An entity a name or id stands for, and what it matched: its id, name or an alias.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[str, Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    matched: Annotated[str, Field(title='Matched')]


class MediaAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class MediaBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['media'], Field(description='a news outlet or agency', title='Kind')
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class MediaIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['media'], Field(description='a news outlet or agency', title='Kind')
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class MentionPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    start: Annotated[int, Field(title='Start')]
    end: Annotated[int, Field(title='End')]
    text: Annotated[str, Field(title='Text')]
    entities: Annotated[list[str], Field(title='Entities')]
    ambiguous: Annotated[bool, Field(title='Ambiguous')]
    reference: Annotated[
        bool,
        Field(
            description='read from a pronoun or a noun referring back',
            title='Reference',
        ),
    ]
    inside: Annotated[
        bool, Field(description="a name within another mention's name", title='Inside')
    ]


class MergeRequest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    into: Annotated[
        str,
        Field(
            examples=['tsmc'],
            max_length=120,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Into',
        ),
    ]


class NamePublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    start: Annotated[int, Field(title='Start')]
    end: Annotated[int, Field(title='End')]
    text: Annotated[str, Field(title='Text')]


class Node(BaseModel):
    """
    An entity as a graph view draws it.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[
        str,
        Field(
            description='one of the kinds GET /schema lists (or one stored under another declaration)',
            title='Kind',
        ),
    ]
    name: Annotated[str, Field(title='Name')]
    distance: Annotated[
        int | None,
        Field(description='hops from the entity asked about', title='Distance'),
    ] = None


class StanceQualifier(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Stance',
        ),
    ]


class OrganizationAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class OrganizationBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['organization'],
        Field(
            description='an association, institute or other organisation', title='Kind'
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class OrganizationIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['organization'],
        Field(
            description='an association, institute or other organisation', title='Kind'
        ),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class OtherAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class Role(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Role',
        ),
    ]


class PersonAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class PersonBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['person'], Field(description='a named individual', title='Kind')
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class PersonIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['person'], Field(description='a named individual', title='Kind')
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class Preview(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    url: Annotated[
        str,
        Field(
            description='`{{id}}` stands for an entity id (URI-encoded)', title='Url'
        ),
    ]
    width: Annotated[int, Field(title='Width')]
    height: Annotated[int, Field(title='Height')]


class Problem(BaseModel):
    """
    An error, as RFC 9457 describes: what kind, what happened, and where in the request.

    Some problems carry extension members beside these: an ambiguous name's ``candidates``
    (``[{id, kind, name}]``, on a 409).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[str, Field(title='Type')]
    title: Annotated[str, Field(title='Title')]
    status: Annotated[int, Field(title='Status')]
    detail: Annotated[str, Field(title='Detail')]
    instance: Annotated[str | None, Field(title='Instance')] = None
    pointer: Annotated[str | None, Field(title='Pointer')] = None
    errors: Annotated[
        list[FieldProblem] | None, Field(title='Errors', validate_default=True)
    ] = []


class PropertySetting(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(title='Name')]
    label: Annotated[str, Field(title='Label')]
    type: Annotated[str, Field(title='Type')]
    default: Annotated[Any | None, Field(title='Default')] = None
    help_text: Annotated[str | None, Field(title='Help Text')] = None


class ProposalAttributes(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )


class ProposalBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['proposal'],
        Field(
            description='a policy proposal, investment plan, initiative or agreement',
            title='Kind',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    proposal_type: Annotated[
        Literal['policy_proposal', 'investment_plan', 'initiative', 'agreement'],
        Field(title='Proposal Type'),
    ]
    status: Annotated[
        Literal['floated', 'proposed', 'under_negotiation', 'rejected', 'adopted', 'withdrawn'] | None,
        Field(description='null where no source states it', title='Status'),
    ] = None


class ProposalIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['proposal'],
        Field(
            description='a policy proposal, investment plan, initiative or agreement',
            title='Kind',
        ),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    proposal_type: Annotated[
        Literal['policy_proposal', 'investment_plan', 'initiative', 'agreement'],
        Field(title='Proposal Type'),
    ]
    status: Annotated[
        Literal['floated', 'proposed', 'under_negotiation', 'rejected', 'adopted', 'withdrawn'] | None,
        Field(description='null where no source states it', title='Status'),
    ] = None


class ProposedProperty(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]
    description: Annotated[str | None, Field(title='Description')] = None


class Stance1(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Stance',
        ),
    ]


class Qualifiers(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    role: Annotated[Role | None, Field(title='Role')] = None
    product: Annotated[Product | None, Field(title='Product')] = None
    amount: Annotated[Amount | None, Field(title='Amount')] = None
    currency: Annotated[Currency | None, Field(title='Currency')] = None
    stance: Annotated[Stance1 | None, Field(title='Stance')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class Ready(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    status: Annotated[str, Field(title='Status')]
    neo4j: Annotated[dict[str, str] | None, Field(title='Neo4J')] = None
    schema_version: Annotated[int | None, Field(title='Schema Version')] = None
    detail: Annotated[str | None, Field(title='Detail')] = None


class Rejection(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    reason: Annotated[
        str,
        Field(
            description='why it is not a fact: remembered with it',
            max_length=500,
            min_length=1,
            title='Reason',
        ),
    ]


class RelationshipCount(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[str, Field(title='Type')]
    direction: Annotated[Literal['out', 'in'], Field(title='Direction')]
    count: Annotated[int, Field(title='Count')]


class RelationshipTypeDoc(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(title='Name')]
    from_kinds: Annotated[list[str], Field(title='From Kinds')]
    to_kinds: Annotated[list[str], Field(title='To Kinds')]
    key: Annotated[
        str | None,
        Field(
            description="the qualifier that is part of a fact's identity", title='Key'
        ),
    ]
    key_required: Annotated[bool, Field(title='Key Required')]
    qualifiers: Annotated[list[str], Field(title='Qualifiers')]
    label: Annotated[
        str,
        Field(description="the type read forwards, e.g. 'invests in'", title='Label'),
    ]
    reverse: Annotated[
        str,
        Field(
            description="the type read backwards, e.g. 'receives investment from'",
            title='Reverse',
        ),
    ]
    sentence: Annotated[
        str,
        Field(
            description='the template facts are read with (see graph/domain/domain.yaml)',
            title='Sentence',
        ),
    ]
    analyses: Annotated[
        dict[str, str | bool],
        Field(
            description='the questions that follow this type: stance, supply_chain, exposure',
            title='Analyses',
        ),
    ]


class Resolved(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[str, Field(description='the text as sent', title='Name')]
    matches: Annotated[
        list[Match],
        Field(
            description='the entity with that id first, then every entity with that name or alias (ignoring case and accents), by degree, then id',
            title='Matches',
        ),
    ]
    ambiguous: Annotated[
        bool,
        Field(
            description='more than one entity answers to the name', title='Ambiguous'
        ),
    ]
    lookalikes: Annotated[
        list[Lookalike] | None,
        Field(
            description='entities whose id, name or alias the text imitates with look-alike letters of another script (`TSMC` with Cyrillic Te and Es), each with the spelling it imitates: never matches, for a person to decide',
            title='Lookalikes',
            validate_default=True,
        ),
    ] = []


class Retraction(BaseModel):
    """
    When an item was retracted (hidden from current answers, kept), by whom and why.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    at: Annotated[str, Field(title='At')]
    by: Annotated[str | None, Field(title='By')] = None
    reason: Annotated[str | None, Field(title='Reason')] = None
    with_entity: Annotated[
        str | None,
        Field(
            description='the entity whose retraction took this fact with it',
            title='With Entity',
        ),
    ] = None
    with_source: Annotated[
        str | None,
        Field(
            description='the source whose retraction took this with it (it rested on retracted sources alone); restoring a source it cites brings it back',
            title='With Source',
        ),
    ] = None


class Revision(BaseModel):
    """
    One recorded change to one item.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    seq: Annotated[
        int,
        Field(
            description="its number in commit order; the change feed's cursor",
            title='Seq',
        ),
    ]
    at: Annotated[
        str,
        Field(description="the database's transaction time of the write", title='At'),
    ]
    by: Annotated[
        str,
        Field(
            description="who wrote: an API key's name, or the seeding command",
            title='By',
        ),
    ]
    reason: Annotated[str | None, Field(title='Reason')] = None
    item: Annotated[
        Literal['entity', 'relationship', 'source', 'text'],
        Field(description='What a revision is about.', title='Item'),
    ]
    item_id: Annotated[str, Field(title='Item Id')]
    op: Annotated[
        Literal['created', 'updated', 'retracted', 'restored', 'merged', 'purged'],
        Field(description='What a write did to an item.', title='Op'),
    ]
    state: Annotated[
        dict[str, Any] | None,
        Field(
            description="the item's stored properties after the change (null once purged; for a merge, what is kept of the merged item, out of the present: `merged_into`, and retracted at the merge)",
            title='State',
        ),
    ]
    merged_into: Annotated[
        str | None,
        Field(
            description='for a merge: the entity it was merged into (its id redirects there from then on), or for a fact that moved with its end, the fact it became',
            title='Merged Into',
        ),
    ] = None
    changes: Annotated[
        dict[str, list[Any]] | None,
        Field(
            description="each field that changed since the item's revision before, as [before, after] (null where absent)",
            title='Changes',
        ),
    ] = {}


class SchemaDocument(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    groups: Annotated[list[GroupDoc], Field(title='Groups')]
    kinds: Annotated[list[KindDoc], Field(title='Kinds')]
    qualifiers: Annotated[list[FieldDoc], Field(title='Qualifiers')]
    relationship_types: Annotated[
        list[RelationshipTypeDoc], Field(title='Relationship Types')
    ]
    common_entity_fields: Annotated[list[str], Field(title='Common Entity Fields')]
    common_fact_fields: Annotated[
        list[str],
        Field(
            description='what every fact has besides its qualifiers (see the `Fact` model)',
            title='Common Fact Fields',
        ),
    ]


class SearchHit(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[str, Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    score: Annotated[
        float,
        Field(
            description='the score of the index that found it: the index of folded names for `exact` and `prefix` matches, else the full-text index (recall only; not the order)',
            title='Score',
        ),
    ]
    match: Annotated[
        Literal['exact', 'prefix', 'token', 'fuzzy'],
        Field(
            description='how the text matched a name or alias: `exact` (ignoring case and accents), `prefix`, `token` (every word), or `fuzzy` (a typo, or the description)',
            title='Match',
        ),
    ]


class SearchPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[list[SearchHit], Field(title='Items')]
    next_cursor: Annotated[str | None, Field(title='Next Cursor')]


class Selector(BaseModel):
    """
    A span as stored: its position and quote in the text whose hash it names, with up
    to 32 code points of the text around it (to re-anchor it when the text changes).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    start: Annotated[
        int,
        Field(
            description='where the span starts (inclusive), in code points',
            title='Start',
        ),
    ]
    end: Annotated[
        int,
        Field(
            description='where the span ends (exclusive), in code points', title='End'
        ),
    ]
    exact: Annotated[
        str, Field(description='the words of the source the span covers', title='Exact')
    ]
    prefix: Annotated[
        str,
        Field(
            description='the text just before the span (up to 32 code points)',
            title='Prefix',
        ),
    ]
    suffix: Annotated[
        str,
        Field(
            description='the text just after the span (up to 32 code points)',
            title='Suffix',
        ),
    ]
    text_sha256: Annotated[
        str,
        Field(
            description='the SHA-256 of the text the span points into',
            title='Text Sha256',
        ),
    ]


class Start(RootModel[int]):
    root: Annotated[
        int, Field(description='where the span starts (inclusive)', ge=0, title='Start')
    ]


class End(RootModel[int]):
    root: Annotated[
        int, Field(description='where the span ends (exclusive)', ge=1, title='End')
    ]


class Exact(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="the words quoted (at most 10000 code points as NFC); when given, they are the evidence and the position a hint (the quote's nearest occurrence is taken when the position does not hold it)",
            max_length=40000,
            min_length=1,
            title='Exact',
        ),
    ]


class Prefix(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='the words just before the quote, to tell its occurrences apart',
            max_length=800,
            title='Prefix',
        ),
    ]


class Suffix(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='the words just after the quote, to tell its occurrences apart',
            max_length=800,
            title='Suffix',
        ),
    ]


class TextSha256(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="the text the position counts in; when it is the stored text's, the position must hold the quote exactly (no re-anchoring)",
            pattern='^[0-9a-f]{64}$',
            title='Text Sha256',
        ),
    ]


class SelectorIn(BaseModel):
    """
    Where an attestation's words are in its source's stored text: a position, a quote,
    or both (the W3C Web Annotation model's ``TextPositionSelector`` and
    ``TextQuoteSelector``). Positions count Unicode code points of the NFC text.

    Example:
        >>> SelectorIn(start=4, end=9).end
        9
        >>> SelectorIn(exact="talks", prefix="the ").prefix  # kept as given, spaces too
        'the '
    """

    model_config = ConfigDict(
        extra='allow',
    )
    start: Annotated[
        Start | None,
        Field(description='where the span starts (inclusive)', title='Start'),
    ] = None
    end: Annotated[
        End | None, Field(description='where the span ends (exclusive)', title='End')
    ] = None
    exact: Annotated[
        Exact | None,
        Field(
            description="the words quoted (at most 10000 code points as NFC); when given, they are the evidence and the position a hint (the quote's nearest occurrence is taken when the position does not hold it)",
            title='Exact',
        ),
    ] = None
    prefix: Annotated[
        Prefix | None,
        Field(
            description='the words just before the quote, to tell its occurrences apart',
            title='Prefix',
        ),
    ] = None
    suffix: Annotated[
        Suffix | None,
        Field(
            description='the words just after the quote, to tell its occurrences apart',
            title='Suffix',
        ),
    ] = None
    text_sha256: Annotated[
        TextSha256 | None,
        Field(
            description="the text the position counts in; when it is the stored text's, the position must hold the quote exactly (no re-anchoring)",
            title='Text Sha256',
        ),
    ] = None


class Sentence(BaseModel):
    """
    Where in the source's text a candidate rests: code points of its NFC text.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    start: Annotated[int, Field(title='Start')]
    end: Annotated[int, Field(title='End')]
    exact: Annotated[
        str | None,
        Field(
            description="the sentence's words (null when the text was replaced since it was found)",
            title='Exact',
        ),
    ] = None


class ServicePath(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    service_url: Annotated[str, Field(title='Service Url')]
    service_path: Annotated[str, Field(title='Service Path')]


class Publisher(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Publisher',
        ),
    ]


class Url(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=2000,
            pattern='^https?://[^\\s\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]+$',
            title='Url',
        ),
    ]


class Published(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='Published',
        ),
    ]


class Retrieved(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=10,
            pattern='^(?:(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?|(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$',
            title='Retrieved',
        ),
    ]


class Language(RootModel[str]):
    root: Annotated[
        str, Field(pattern='^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$', title='Language')
    ]


class Note(RootModel[str]):
    root: Annotated[
        str,
        Field(
            max_length=2000,
            pattern='^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Note',
        ),
    ]


class TextSha2561(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="the SHA-256 of the source's text (NFC, UTF-8, lower-case hex), when known: `PUT /sources/{id}/text` then takes that text only, and `kg-seed --texts` finds it by this hash",
            pattern='^[0-9a-f]{64}$',
            title='Text Sha256',
        ),
    ]


class SourceBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    title: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Title',
        ),
    ]
    publisher: Annotated[Publisher | None, Field(title='Publisher')] = None
    url: Annotated[Url | None, Field(title='Url')] = None
    published: Annotated[Published | None, Field(title='Published')] = None
    retrieved: Annotated[Retrieved | None, Field(title='Retrieved')] = None
    language: Annotated[Language | None, Field(title='Language')] = None
    note: Annotated[Note | None, Field(title='Note')] = None
    text_sha256: Annotated[
        TextSha2561 | None,
        Field(
            description="the SHA-256 of the source's text (NFC, UTF-8, lower-case hex), when known: `PUT /sources/{id}/text` then takes that text only, and `kg-seed --texts` finds it by this hash",
            title='Text Sha256',
        ),
    ] = None


class SourceIn(BaseModel):
    """
    A document facts come from. Unknown fields stay null rather than guessed.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    title: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Title',
        ),
    ]
    publisher: Annotated[Publisher | None, Field(title='Publisher')] = None
    url: Annotated[Url | None, Field(title='Url')] = None
    published: Annotated[Published | None, Field(title='Published')] = None
    retrieved: Annotated[Retrieved | None, Field(title='Retrieved')] = None
    language: Annotated[Language | None, Field(title='Language')] = None
    note: Annotated[Note | None, Field(title='Note')] = None
    text_sha256: Annotated[
        TextSha2561 | None,
        Field(
            description="the SHA-256 of the source's text (NFC, UTF-8, lower-case hex), when known: `PUT /sources/{id}/text` then takes that text only, and `kg-seed --texts` finds it by this hash",
            title='Text Sha256',
        ),
    ] = None


class SourcePublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    title: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Title',
        ),
    ]
    publisher: Annotated[Publisher | None, Field(title='Publisher')] = None
    url: Annotated[Url | None, Field(title='Url')] = None
    published: Annotated[Published | None, Field(title='Published')] = None
    retrieved: Annotated[Retrieved | None, Field(title='Retrieved')] = None
    language: Annotated[Language | None, Field(title='Language')] = None
    note: Annotated[Note | None, Field(title='Note')] = None
    text_sha256: Annotated[
        TextSha2561 | None,
        Field(
            description="the SHA-256 of the source's text (NFC, UTF-8, lower-case hex), when known: `PUT /sources/{id}/text` then takes that text only, and `kg-seed --texts` finds it by this hash",
            title='Text Sha256',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(
            description='set when the source is retracted: its claims are kept and listed as retracted, and no longer count (`POST /sources/{id}/restore` undoes it)'
        ),
    ] = None


class SourceRef(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    title: Annotated[str, Field(title='Title')]
    publisher: Annotated[str | None, Field(title='Publisher')] = None
    url: Annotated[str | None, Field(title='Url')] = None


class SourceWritten(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[Literal['created', 'updated', 'unchanged'], Field(title='Result')]
    source: SourcePublic


class Suggest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: ServicePath
    type: ServicePath
    property: ServicePath


class TextAnalysis(BaseModel):
    """
    Where the source's stored text names the graph's entities, and the names it uses
    that the graph does not hold (read now, not stored).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    source_id: Annotated[str, Field(title='Source Id')]
    text_sha256: Annotated[str, Field(title='Text Sha256')]
    mentions: Annotated[list[MentionPublic], Field(title='Mentions')]
    unknown_names: Annotated[list[NamePublic], Field(title='Unknown Names')]


class TextStored(BaseModel):
    """
    What is known of a source's text without its words.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    source_id: Annotated[str, Field(title='Source Id')]
    sha256: Annotated[
        str,
        Field(
            description="SHA-256 of the text's UTF-8 bytes (NFC), in hex",
            title='Sha256',
        ),
    ]
    length: Annotated[
        int,
        Field(
            description='its length in Unicode code points, as positions count',
            title='Length',
        ),
    ]
    stored_at: Annotated[
        str,
        Field(
            description="when this text was stored (the database's clock)",
            title='Stored At',
        ),
    ]


class TextWritten(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[Literal['created', 'updated', 'unchanged'], Field(title='Result')]
    text: TextStored
    spans_moved: Annotated[
        list[str] | None,
        Field(
            description='the facts whose evidence spans into this source the new text re-anchored',
            title='Spans Moved',
        ),
    ] = []


class TypeRef(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]


class UrlTemplate(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    url: Annotated[
        str,
        Field(
            description='`{{id}}` stands for an entity id (URI-encoded)', title='Url'
        ),
    ]


class Acceptance(BaseModel):
    """
    How a reviewer accepts a candidate: as found, or with its type, qualifiers, basis
    and evidence edited.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        str | None, Field(description='another type (its ends must fit)', title='Type')
    ] = None
    qualifiers: Annotated[
        Qualifiers | None, Field(description="the fact's qualifiers")
    ] = None
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    basis: Annotated[Literal['stated', 'inferred'] | None, Field(title='Basis')] = (
        'stated'
    )
    reason: Annotated[
        str | None,
        Field(description='why it is inferred (basis inferred)', title='Reason'),
    ] = None
    evidence: Annotated[
        str | None,
        Field(
            description="the reviewer's summary; by default, where it was found",
            title='Evidence',
        ),
    ] = None
    confidence: Annotated[float | None, Field(ge=0.0, le=1.0, title='Confidence')] = 0.7


class AgencyBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['agency'],
        Field(description='a ministry, office or agency of a government', title='Kind'),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class AgencyIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['agency'],
        Field(description='a ministry, office or agency of a government', title='Kind'),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]


class AgencyPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['agency'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[AgencyAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class AnalysisSummary(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    source_id: Annotated[str, Field(title='Source Id')]
    text_sha256: Annotated[str, Field(title='Text Sha256')]
    known_entities: Annotated[
        int,
        Field(
            description='the entities the text was read against', title='Known Entities'
        ),
    ]
    mentions: Annotated[int, Field(title='Mentions')]
    ambiguous: Annotated[int, Field(title='Ambiguous')]
    references: Annotated[int, Field(title='References')]
    unknown_names: Annotated[int, Field(title='Unknown Names')]
    candidates: CandidateCounts


class Attestation(BaseModel):
    """
    One source's word for a fact: where, what it says in our words, how sure we are, and
    whether the source states the fact or the editor infers it from the source (and why).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    source: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Source',
        ),
    ]
    evidence: Annotated[
        str,
        Field(
            max_length=500,
            min_length=1,
            pattern='^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Evidence',
        ),
    ]
    confidence: Annotated[float, Field(ge=0.0, le=1.0, title='Confidence')]
    basis: Annotated[
        Literal['stated', 'inferred'] | None,
        Field(
            description='`stated`: the source says it; `inferred`: the editor reads it from the source, and `reason` says why',
            title='Basis',
        ),
    ] = 'stated'
    reason: Annotated[
        Reason | None,
        Field(
            description='why the editor infers the fact (required when inferred, absent when stated)',
            title='Reason',
        ),
    ] = None
    rank: Annotated[
        Literal['preferred', 'normal', 'deprecated'] | None,
        Field(
            description="`preferred`, `normal` or `deprecated`: ranks this source's claim among claims that disagree about the fact (see the README's rule); a deprecated claim is kept but never answered as the fact's value",
            title='Rank',
        ),
    ] = 'normal'
    selector: Annotated[
        SelectorIn | None,
        Field(
            description="where in the source's stored text its words for the fact are: a position, a quote or both; checked against the text (see the README's evidence spans)"
        ),
    ] = None


class AttestationPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    source: Annotated[str, Field(title='Source')]
    evidence: Annotated[str, Field(title='Evidence')]
    confidence: Annotated[float, Field(title='Confidence')]
    basis: Annotated[Literal['stated', 'inferred'] | None, Field(title='Basis')] = (
        'stated'
    )
    reason: Annotated[str | None, Field(title='Reason')] = None
    rank: Annotated[
        Literal['preferred', 'normal', 'deprecated'] | None, Field(title='Rank')
    ] = 'normal'
    claim: Annotated[
        dict[str, Any] | None,
        Field(
            description='the values this source states for the fact (qualifiers besides its identity, valid_from, valid_to)',
            title='Claim',
        ),
    ] = {}
    selector: Annotated[
        Selector | None,
        Field(description="where the source's words for the fact are in its text"),
    ] = None


class BatchResult(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    dry_run: Annotated[bool, Field(title='Dry Run')]
    sources: ItemCounts
    entities: ItemCounts
    relationships: ItemCounts
    changes: Annotated[
        list[dict[str, str]] | None,
        Field(
            description='one {kind, id, result} per item that is created or updated',
            title='Changes',
        ),
    ] = []


class Candidate(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]
    description: Annotated[str | None, Field(title='Description')] = None
    type: Annotated[list[TypeRef], Field(title='Type')]
    score: Annotated[float, Field(title='Score')]
    match: Annotated[bool, Field(title='Match')]
    features: Annotated[
        list[Feature] | None, Field(title='Features', validate_default=True)
    ] = []


class CandidatePublic(BaseModel):
    """
    A fact the analysis of a source's text found it may state, and what a reviewer
    decided of it (one per source, type and ends).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    source_id: Annotated[str, Field(title='Source Id')]
    type: Annotated[str, Field(title='Type')]
    from_id: Annotated[str, Field(title='From Id')]
    to_id: Annotated[str, Field(title='To Id')]
    from_name: Annotated[
        str | None, Field(description='null when the end is gone', title='From Name')
    ] = None
    to_name: Annotated[str | None, Field(title='To Name')] = None
    sentence: Sentence
    cues: Annotated[
        list[str],
        Field(description="the type's cue words the sentence holds", title='Cues'),
    ]
    gap: Annotated[
        int, Field(description='words between the two mentions', title='Gap')
    ]
    ambiguous: Annotated[
        bool,
        Field(
            description='an end was read from a name several entities share',
            title='Ambiguous',
        ),
    ]
    text_sha256: Annotated[
        str, Field(description='the text it was found in', title='Text Sha256')
    ]
    status: Annotated[Literal['open', 'accepted', 'rejected'], Field(title='Status')]
    found_at: Annotated[str, Field(title='Found At')]
    decided_at: Annotated[str | None, Field(title='Decided At')] = None
    decided_by: Annotated[str | None, Field(title='Decided By')] = None
    reason: Annotated[str | None, Field(title='Reason')] = None
    fact_id: Annotated[
        str | None, Field(description='the fact an acceptance wrote', title='Fact Id')
    ] = None


class ChangesPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[
        list[Revision],
        Field(description='every recorded change, in commit order', title='Items'),
    ]
    cursor: Annotated[
        int,
        Field(
            description='the last revision number answered (or the `after` sent): poll from it',
            title='Cursor',
        ),
    ]
    more: Annotated[
        bool, Field(description='true when more changes follow already', title='More')
    ]


class ComplicatesIn(BaseModel):
    """
    A ``COMPLICATES`` fact: the ``from_id`` entity complicates the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['COMPLICATES'],
        Field(
            description='complicates (is complicated by, read backwards)', title='Type'
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class DependsOnIn(BaseModel):
    """
    A ``DEPENDS_ON`` fact: the ``from_id`` entity depends on the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['DEPENDS_ON'],
        Field(
            description='depends on (is depended on by, read backwards)', title='Type'
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    product: Annotated[Product | None, Field(title='Product')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class EntityPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[list[Node], Field(title='Items')]
    next_cursor: Annotated[str | None, Field(title='Next Cursor')]


class EntityPatch(BaseModel):
    """
    A partial update: fields left out keep their value; ``null`` clears an optional one.

    ``attributes`` holds the kind's own fields; one that is not a field of the entity's
    kind is a conflict with the stored entity (409).
    """

    model_config = ConfigDict(
        extra='allow',
    )
    name: Annotated[
        str | None,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ] = None
    aliases: Annotated[list[Alias] | None, Field(max_length=50, title='Aliases')] = None
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: ExternalIds | None = None
    sources: Annotated[
        list[Source] | None, Field(max_length=100, min_length=1, title='Sources')
    ] = None
    attributes: Annotated[
        EntityAttributes | None,
        Field(
            description='kind-specific fields to change, e.g. {"status": "rejected"}; never id, kind, the common fields or stored bookkeeping'
        ),
    ] = None


class EventBody(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['event'],
        Field(
            description='a meeting, talks, announcement or other dated happening',
            title='Kind',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    event_type: Annotated[EventType | None, Field(title='Event Type')] = None
    start_date: Annotated[StartDate | None, Field(title='Start Date')] = None
    end_date: Annotated[EndDate | None, Field(title='End Date')] = None


class EventIn(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    kind: Annotated[
        Literal['event'],
        Field(
            description='a meeting, talks, announcement or other dated happening',
            title='Kind',
        ),
    ]
    id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='Id',
        ),
    ]
    name: Annotated[
        str,
        Field(
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Name',
        ),
    ]
    aliases: Annotated[
        list[Alias] | None, Field(max_length=50, title='Aliases', validate_default=True)
    ] = []
    description: Annotated[Description | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[
        list[Source],
        Field(
            description='ids of the sources that mention this entity (at least one)',
            max_length=100,
            min_length=1,
            title='Sources',
        ),
    ]
    event_type: Annotated[EventType | None, Field(title='Event Type')] = None
    start_date: Annotated[StartDate | None, Field(title='Start Date')] = None
    end_date: Annotated[EndDate | None, Field(title='End Date')] = None


class EventPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['event'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[EventAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class Extend(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    propose_properties: ServicePath
    property_settings: Annotated[
        list[PropertySetting] | None,
        Field(title='Property Settings', validate_default=True),
    ] = []


class ExtendMeta(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]
    type: TypeRef | None = None


class ExtendResponse(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    meta: Annotated[list[ExtendMeta], Field(title='Meta')]
    rows: Annotated[
        dict[str, dict[str, list[dict[str, Any]]]],
        Field(
            description='for each id asked about, for each property, its values: `{str}`, `{float}`, or `{id, name}` for an entity',
            title='Rows',
        ),
    ]


class FacilityPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['facility'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[FacilityAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class Fact(BaseModel):
    """
    A fact, the one shape every answer gives it: its ends' ids, its reading, its
    qualifiers, when it held, and each source's evidence.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    type: Annotated[
        str,
        Field(
            description='one of the relationship types GET /schema lists', title='Type'
        ),
    ]
    from_id: Annotated[str, Field(title='From Id')]
    to_id: Annotated[str, Field(title='To Id')]
    sentence: Annotated[str, Field(title='Sentence')]
    qualifiers: Annotated[dict[str, Any] | None, Field(title='Qualifiers')] = {}
    valid_from: Annotated[str | None, Field(title='Valid From')] = None
    valid_to: Annotated[str | None, Field(title='Valid To')] = None
    confidence: Annotated[float, Field(title='Confidence')]
    attestations: Annotated[
        list[AttestationPublic] | None,
        Field(
            description="the sources whose claims agree with the values answered (a retracted source's are listed only under `claims`)",
            title='Attestations',
            validate_default=True,
        ),
    ] = []
    claims: Annotated[
        list[Claim] | None,
        Field(
            description='every claim its sources make, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(description="true when some source's claim disagrees", title='Disputed'),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the values answered are the ones chosen among the claims',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class FactExplained(BaseModel):
    """
    A fact and why it is believed: the relationship, each source's evidence, the sources.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    relationship: Fact
    from_name: Annotated[str, Field(title='From Name')]
    to_name: Annotated[str, Field(title='To Name')]
    sources: Annotated[list[SourcePublic], Field(title='Sources')]


class FirmPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['firm'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[FirmAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class GovernmentPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['government'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[GovernmentAttributes | None, Field(validate_default=True)] = (
        {}
    )
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class GovernsIn(BaseModel):
    """
    A ``GOVERNS`` fact: the ``from_id`` entity governs the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['GOVERNS'],
        Field(description='governs (is governed by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]


class GraphView(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    nodes: Annotated[list[Node], Field(title='Nodes')]
    edges: Annotated[list[Fact], Field(title='Edges')]
    truncated: Annotated[
        bool | None,
        Field(
            description='true when more nodes are reachable than this page and those before it returned (`next_cursor` fetches them)',
            title='Truncated',
        ),
    ] = False
    next_cursor: Annotated[
        str | None,
        Field(
            description='pass as `cursor`, with the same other parameters, for the next page; null when the answer is complete',
            title='Next Cursor',
        ),
    ] = None


class HistoryPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[
        list[Revision],
        Field(
            description='oldest first, each with the fields it changed', title='Items'
        ),
    ]
    next_cursor: Annotated[
        int | None,
        Field(description='pass as `after` for the next page', title='Next Cursor'),
    ]


class HoldsRoleIn(BaseModel):
    """
    A ``HOLDS_ROLE`` fact: the ``from_id`` entity holds a role at the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['HOLDS_ROLE'],
        Field(
            description='holds a role at (has as a member, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    role: Annotated[
        str,
        Field(
            description="part of the fact's identity",
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Role',
        ),
    ]


class InvestsInIn(BaseModel):
    """
    A ``INVESTS_IN`` fact: the ``from_id`` entity invests in the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['INVESTS_IN'],
        Field(
            description='invests in (receives investment from, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    amount: Annotated[Amount | None, Field(title='Amount')] = None
    currency: Annotated[Currency | None, Field(title='Currency')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class InvolvesIn(BaseModel):
    """
    A ``INVOLVES`` fact: the ``from_id`` entity involves the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['INVOLVES'],
        Field(description='involves (is involved in, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class LocatedInIn(BaseModel):
    """
    A ``LOCATED_IN`` fact: the ``from_id`` entity is located in the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['LOCATED_IN'],
        Field(
            description='is located in (is the location of, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]


class LocationPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['location'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[LocationAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class MediaPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['media'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[MediaAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class NegotiatesWithIn(BaseModel):
    """
    A ``NEGOTIATES_WITH`` fact: the ``from_id`` entity negotiates with the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['NEGOTIATES_WITH'],
        Field(
            description='negotiates with (negotiates with, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class OperatesIn(BaseModel):
    """
    A ``OPERATES`` fact: the ``from_id`` entity operates the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['OPERATES'],
        Field(description='operates (is operated by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class OpposesIn(BaseModel):
    """
    A ``OPPOSES`` fact: the ``from_id`` entity opposes the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['OPPOSES'],
        Field(description='opposes (is opposed by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    stance: Annotated[StanceQualifier | None, Field(title='Stance')] = None


class OrganizationPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['organization'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[
        OrganizationAttributes | None, Field(validate_default=True)
    ] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class OtherKindPublic(BaseModel):
    """
    An entity of a kind this service's declaration does not have: stored under another
    declaration (a second service, or before a kind was removed). It reads, untyped.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[str, Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[OtherAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class PartOfIn(BaseModel):
    """
    A ``PART_OF`` fact: the ``from_id`` entity is part of the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['PART_OF'],
        Field(description='is part of (includes, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]


class ParticipatesInIn(BaseModel):
    """
    A ``PARTICIPATES_IN`` fact: the ``from_id`` entity takes part in the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['PARTICIPATES_IN'],
        Field(
            description='takes part in (has as a participant, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    role: Annotated[Role | None, Field(title='Role')] = None


class PathView(BaseModel):
    """
    One path: its nodes and edges in order, read hop by hop, with every hop's sources.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    length: Annotated[int, Field(title='Length')]
    nodes: Annotated[list[Node], Field(title='Nodes')]
    edges: Annotated[list[Fact], Field(title='Edges')]
    sentences: Annotated[list[str], Field(title='Sentences')]
    sources: Annotated[list[SourceRef], Field(title='Sources')]


class Paths(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    paths: Annotated[list[PathView], Field(title='Paths')]


class PersonPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['person'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[PersonAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class ProducesInIn(BaseModel):
    """
    A ``PRODUCES_IN`` fact: the ``from_id`` entity produces in the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['PRODUCES_IN'],
        Field(
            description='produces in (is where production happens for, read backwards)',
            title='Type',
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    product: Annotated[Product | None, Field(title='Product')] = None
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class ProposalPublic(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    kind: Annotated[Literal['proposal'], Field(title='Kind')]
    name: Annotated[str, Field(title='Name')]
    aliases: Annotated[list[str] | None, Field(title='Aliases')] = []
    description: Annotated[str | None, Field(title='Description')] = None
    external_ids: Annotated[ExternalIds | None, Field(validate_default=True)] = {}
    sources: Annotated[list[str] | None, Field(title='Sources')] = []
    attributes: Annotated[ProposalAttributes | None, Field(validate_default=True)] = {}
    claims: Annotated[
        list[AttributeClaim] | None,
        Field(
            description='what each source states of `attributes`, agreeing or not (see `disputed`)',
            title='Claims',
            validate_default=True,
        ),
    ] = []
    disputed: Annotated[
        bool | None,
        Field(
            description="true when some source's claim contradicts `attributes`",
            title='Disputed',
        ),
    ] = False
    choice: Annotated[
        str | None,
        Field(
            description='why the attribute values answered are the ones chosen',
            title='Choice',
        ),
    ] = None
    created_at: Annotated[str | None, Field(title='Created At')] = None
    updated_at: Annotated[str | None, Field(title='Updated At')] = None
    retracted: Annotated[
        Retraction | None,
        Field(description='set when retracted (shown with include_retracted=true)'),
    ] = None


class ProposedProperties(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[str, Field(title='Type')]
    properties: Annotated[list[ProposedProperty], Field(title='Properties')]
    limit: Annotated[int | None, Field(title='Limit')] = None


class ProposesIn(BaseModel):
    """
    A ``PROPOSES`` fact: the ``from_id`` entity proposes the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['PROPOSES'],
        Field(description='proposes (is proposed by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    stance: Annotated[Stance1 | None, Field(title='Stance')] = None


class ReconType(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]
    description: Annotated[str | None, Field(title='Description')] = None
    broader: Annotated[
        list[TypeRef] | None, Field(title='Broader', validate_default=True)
    ] = []


class RejectsIn(BaseModel):
    """
    A ``REJECTS`` fact: the ``from_id`` entity rejects the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['REJECTS'],
        Field(description='rejects (is rejected by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    stance: Annotated[Stance1 | None, Field(title='Stance')] = None


class RelationshipWritten(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[Literal['created', 'updated', 'unchanged'], Field(title='Result')]
    fact: FactExplained


class ReportsOnIn(BaseModel):
    """
    A ``REPORTS_ON`` fact: the ``from_id`` entity reports on the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['REPORTS_ON'],
        Field(
            description='reports on (is reported on by, read backwards)', title='Type'
        ),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]


class Result(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[list[Candidate], Field(title='Result')]


class ResultBatch(RootModel[dict[str, Result]]):
    """
    Each query's candidates, under the query's key, best first.
    """

    root: dict[str, Result]


class SourcePage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[list[SourcePublic], Field(title='Items')]
    next_cursor: Annotated[str | None, Field(title='Next Cursor')]


class SourceUsage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    source: SourcePublic
    entities: Annotated[int, Field(title='Entities')]
    relationships: Annotated[int, Field(title='Relationships')]
    text: Annotated[
        TextStored | None,
        Field(
            description="what is known of the source's text, when one is stored (then): its hash, length and when it was stored; GET /sources/{id}/text answers the words"
        ),
    ] = None


class Stance(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    actor: Node
    stance: Annotated[
        Literal['HOLDS_ROLE', 'PART_OF', 'GOVERNS', 'LOCATED_IN', 'OPERATES', 'PROPOSES', 'SUPPORTS', 'OPPOSES', 'REJECTS', 'INVESTS_IN', 'PRODUCES_IN', 'SUPPLIES', 'DEPENDS_ON', 'NEGOTIATES_WITH', 'PARTICIPATES_IN', 'INVOLVES', 'AFFECTS', 'COMPLICATES', 'REPORTS_ON'],
        Field(title='RelType'),
    ]
    statement: Annotated[str | None, Field(title='Statement')]
    fact: Fact
    sources: Annotated[list[SourceRef], Field(title='Sources')]


class Stances(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Node
    attributes: Annotated[
        dict[str, Any],
        Field(
            description="the entity's own fields (those `GET /schema` lists for its kind) that hold a value",
            title='Attributes',
        ),
    ]
    stances: Annotated[list[Stance], Field(title='Stances')]
    next_cursor: Annotated[
        str | None,
        Field(description='the next page, if there is one', title='Next Cursor'),
    ] = None


class Suggestion(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    id: Annotated[str, Field(title='Id')]
    name: Annotated[str, Field(title='Name')]
    description: Annotated[str | None, Field(title='Description')] = None
    notable: Annotated[list[TypeRef] | None, Field(title='Notable')] = None


class Suggestions(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[list[Suggestion], Field(title='Result')]


class SuppliesIn(BaseModel):
    """
    A ``SUPPLIES`` fact: the ``from_id`` entity supplies the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['SUPPLIES'],
        Field(description='supplies (is supplied by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    product: Annotated[
        str,
        Field(
            description="part of the fact's identity",
            max_length=200,
            min_length=1,
            pattern='^[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*[^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff\\s][^\\t\\n\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufeff\\ufffe\\uffff]*$',
            title='Product',
        ),
    ]


class SupportsIn(BaseModel):
    """
    A ``SUPPORTS`` fact: the ``from_id`` entity supports the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['SUPPORTS'],
        Field(description='supports (is supported by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    stance: Annotated[Stance1 | None, Field(title='Stance')] = None


class Tier(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    tier: Annotated[int, Field(title='Tier')]
    entities: Annotated[list[Node], Field(title='Entities')]
    links: Annotated[list[Fact], Field(title='Links')]


class TimelineItem(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    date: Annotated[str | None, Field(title='Date')]
    what: Annotated[Literal['event', 'fact'], Field(title='What')]
    sentence: Annotated[str, Field(title='Sentence')]
    event: Node | None = None
    fact: Fact


class Accepted(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    candidate: CandidatePublic
    relationship: FactExplained


class AffectsIn(BaseModel):
    """
    A ``AFFECTS`` fact: the ``from_id`` entity affects the ``to_id`` entity.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    type: Annotated[
        Literal['AFFECTS'],
        Field(description='affects (is affected by, read backwards)', title='Type'),
    ]
    from_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='From Id',
        ),
    ]
    to_id: Annotated[
        str,
        Field(
            max_length=120,
            min_length=1,
            pattern='^[a-z0-9]+(?:-[a-z0-9]+)*$',
            title='To Id',
        ),
    ]
    valid_from: Annotated[ValidFrom | None, Field(title='Valid From')] = None
    valid_to: Annotated[ValidTo | None, Field(title='Valid To')] = None
    attestations: Annotated[
        list[Attestation], Field(max_length=100, min_length=1, title='Attestations')
    ]
    purpose: Annotated[Purpose | None, Field(title='Purpose')] = None


class Batch(BaseModel):
    """
    Sources, entities and relationships written together, all or nothing.
    """

    model_config = ConfigDict(
        extra='allow',
    )
    sources: Annotated[
        list[SourceIn] | None,
        Field(max_length=10000, title='Sources', validate_default=True),
    ] = []
    entities: Annotated[
        list[Annotated[PersonIn | GovernmentIn | AgencyIn | OrganizationIn | MediaIn | FirmIn | ProposalIn | FacilityIn | LocationIn | EventIn, Field(discriminator='kind')]] | None,
        Field(max_length=10000, title='Entities', validate_default=True),
    ] = []
    relationships: Annotated[
        list[Annotated[HoldsRoleIn | PartOfIn | GovernsIn | LocatedInIn | OperatesIn | ProposesIn | SupportsIn | OpposesIn | RejectsIn | InvestsInIn | ProducesInIn | SuppliesIn | DependsOnIn | NegotiatesWithIn | ParticipatesInIn | InvolvesIn | AffectsIn | ComplicatesIn | ReportsOnIn, Field(discriminator='type')]] | None,
        Field(max_length=50000, title='Relationships', validate_default=True),
    ] = []


class CommonConnection(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    node: Node
    via_a: Annotated[list[Fact], Field(title='Via A')]
    via_b: Annotated[list[Fact], Field(title='Via B')]


class ConflictsPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[list[Fact], Field(title='Items')]
    next_cursor: Annotated[
        str | None,
        Field(description='pass as `cursor` for the next page', title='Next Cursor'),
    ]


class EntityConflictsPage(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[
        list[PersonPublic | GovernmentPublic | AgencyPublic | OrganizationPublic | MediaPublic | FirmPublic | ProposalPublic | FacilityPublic | LocationPublic | EventPublic | OtherKindPublic],
        Field(title='Items'),
    ]
    next_cursor: Annotated[
        str | None,
        Field(description='pass as `cursor` for the next page', title='Next Cursor'),
    ]


class EntityWithSummary(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Annotated[
        PersonPublic | GovernmentPublic | AgencyPublic | OrganizationPublic | MediaPublic | FirmPublic | ProposalPublic | FacilityPublic | LocationPublic | EventPublic | OtherKindPublic,
        Field(title='Entity'),
    ]
    relationships: Annotated[list[RelationshipCount], Field(title='Relationships')]


class EntityWritten(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    result: Annotated[Literal['created', 'updated', 'unchanged'], Field(title='Result')]
    entity: Annotated[
        PersonPublic | GovernmentPublic | AgencyPublic | OrganizationPublic | MediaPublic | FirmPublic | ProposalPublic | FacilityPublic | LocationPublic | EventPublic | OtherKindPublic,
        Field(title='Entity'),
    ]


class Exposed(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Node
    distance: Annotated[int, Field(title='Distance')]
    via: Annotated[
        list[Fact],
        Field(
            description='the facts that lead from the entity asked about to this one, in order',
            title='Via',
        ),
    ]


class Exposure(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Node
    exposed: Annotated[list[Exposed], Field(title='Exposed')]
    truncated: Annotated[bool, Field(title='Truncated')]


class Manifest(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    versions: Annotated[list[str], Field(title='Versions')]
    name: Annotated[str, Field(title='Name')]
    identifierSpace: Annotated[str, Field(title='Identifierspace')]
    schemaSpace: Annotated[str, Field(title='Schemaspace')]
    documentation: Annotated[str, Field(title='Documentation')]
    serviceVersion: Annotated[str, Field(title='Serviceversion')]
    defaultTypes: Annotated[list[ReconType], Field(title='Defaulttypes')]
    view: UrlTemplate
    preview: Preview
    suggest: Suggest
    extend: Extend
    batchSize: Annotated[int, Field(title='Batchsize')]


class ProposalStances(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    proposal: Node
    proposal_type: Annotated[
        Literal['policy_proposal', 'investment_plan', 'initiative', 'agreement'] | None,
        Field(title='Proposal Type'),
    ] = None
    status: Annotated[
        Literal['floated', 'proposed', 'under_negotiation', 'rejected', 'adopted', 'withdrawn'] | None,
        Field(title='Status'),
    ] = None
    stances: Annotated[list[Stance], Field(title='Stances')]
    next_cursor: Annotated[
        str | None, Field(description='the next page', title='Next Cursor')
    ] = None


class SupplyChain(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Node
    direction: Annotated[Literal['upstream', 'downstream'], Field(title='Direction')]
    tiers: Annotated[
        list[Tier],
        Field(
            description="this page's entities by tier, each tier's links the facts that lead into it from the tier before or join it to entities returned so far",
            title='Tiers',
        ),
    ]
    truncated: Annotated[
        bool,
        Field(
            description='true when more entities are reachable than this page and those before it returned (`next_cursor` fetches them)',
            title='Truncated',
        ),
    ]
    next_cursor: Annotated[
        str | None,
        Field(
            description='pass as `cursor`, with the same other parameters, for the next page; null when the answer is complete',
            title='Next Cursor',
        ),
    ] = None


class Timeline(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    entity: Node
    items: Annotated[list[TimelineItem], Field(title='Items')]
    next_cursor: Annotated[
        str | None,
        Field(description='the next page, if there is one', title='Next Cursor'),
    ] = None


class Common(BaseModel):
    model_config = ConfigDict(
        extra='allow',
    )
    items: Annotated[list[CommonConnection], Field(title='Items')]


#: An entity answer: one model per declared kind (told apart by ``kind``), and
#: an untyped one for a kind stored under another declaration.
EntityPublic = PersonPublic | GovernmentPublic | AgencyPublic | OrganizationPublic | MediaPublic | FirmPublic | ProposalPublic | FacilityPublic | LocationPublic | EventPublic | OtherKindPublic
