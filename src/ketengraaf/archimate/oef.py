"""The vocabulary of the ArchiMate Model Exchange File Format (OEF) 3.1, as its schemas spell it.

The names below are those of ``archimate3_Model.xsd`` and ``archimate3_Diagram.xsd`` (The Open
Group, 3.1, 2019): the namespace every OEF 3.x file uses, the element and relationship types
(``xsi:type``), the access types, the order of a model's parts, and the labels of Archi's top-level
folders (its ``<organizations>``). The schemas themselves are not shipped: the reader checks what
ketengraaf relies on (identifiers, references, required attributes, types) without them, and the
tests validate every exported file against them (docs/archimate.md, "Validation").
"""

from __future__ import annotations

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
#: The ArchiMate 2.x exchange format's namespace, to tell "another version" from "not OEF".
NS_2 = ("http://www.opengroup.org/xsd/archimate", "http://www.opengroup.org/xsd/archimate/")
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"

XSI_TYPE = f"{{{XSI}}}type"
XML_LANG = f"{{{XML}}}lang"


def q(local: str) -> str:
    """The qualified tag of an OEF element: ``q("element")`` is ``{NS}element``."""
    return f"{{{NS}}}{local}"


#: ElementTypeEnum, CompositeTypeEnum and RelationshipConnectorEnum of archimate3_Model.xsd.
ELEMENT_TYPES: tuple[str, ...] = (
    "BusinessActor", "BusinessRole", "BusinessCollaboration", "BusinessInterface", "BusinessProcess",
    "BusinessFunction", "BusinessInteraction", "BusinessEvent", "BusinessService", "BusinessObject", "Contract",
    "Representation", "Product", "ApplicationComponent", "ApplicationCollaboration", "ApplicationInterface",
    "ApplicationFunction", "ApplicationInteraction", "ApplicationProcess", "ApplicationEvent", "ApplicationService",
    "DataObject", "Node", "Device", "SystemSoftware", "TechnologyCollaboration", "TechnologyInterface", "Path",
    "CommunicationNetwork", "TechnologyFunction", "TechnologyProcess", "TechnologyInteraction", "TechnologyEvent",
    "TechnologyService", "Artifact", "Equipment", "Facility", "DistributionNetwork", "Material", "Stakeholder",
    "Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement", "Constraint", "Meaning", "Value",
    "Resource", "Capability", "CourseOfAction", "ValueStream", "WorkPackage", "Deliverable", "ImplementationEvent",
    "Plateau", "Gap", "Grouping", "Location", "AndJunction", "OrJunction",
)
#: RelationshipTypeEnum.
RELATIONSHIP_TYPES: tuple[str, ...] = (
    "Composition", "Aggregation", "Assignment", "Realization", "Serving", "Access", "Influence", "Triggering",
    "Flow", "Specialization", "Association",
)
#: AccessTypeEnum; the schema's default is ``Access`` (unspecified).
ACCESS_TYPES: tuple[str, ...] = ("Access", "Read", "Write", "ReadWrite")
#: DataType of a property definition.
DATA_TYPES: tuple[str, ...] = ("string", "boolean", "currency", "date", "time", "number")
#: xsi:type of a view node (Diagram schema) and of a connection.
NODE_TYPES: tuple[str, ...] = ("Element", "Label", "Container")
CONNECTION_TYPES: tuple[str, ...] = ("Relationship", "Line")

#: The children of ``<model>``, in the order ModelType requires them (name and documentation may
#: repeat, one per language; organizations may repeat).
MODEL_PARTS: tuple[str, ...] = ("name", "documentation", "properties", "metadata", "elements", "relationships",
                                "organizations", "propertyDefinitions", "views")

# ------------------------------------------------------------------------------------------------
# Archi's folders

#: Archi's top-level folder labels, in Archi's order. Archi puts an item of ``<organizations>``
#: whose top-level label is one of these into that folder, and everything else into the folder
#: its type belongs to.
FOLDERS: tuple[str, ...] = ("Strategy", "Business", "Application", "Technology & Physical", "Motivation",
                            "Implementation & Migration", "Other", "Relations", "Views")

_LAYER = {
    "Strategy": ("Resource", "Capability", "CourseOfAction", "ValueStream"),
    "Business": ("BusinessActor", "BusinessRole", "BusinessCollaboration", "BusinessInterface", "BusinessProcess",
                 "BusinessFunction", "BusinessInteraction", "BusinessEvent", "BusinessService", "BusinessObject",
                 "Contract", "Representation", "Product"),
    "Application": ("ApplicationComponent", "ApplicationCollaboration", "ApplicationInterface",
                    "ApplicationFunction", "ApplicationInteraction", "ApplicationProcess", "ApplicationEvent",
                    "ApplicationService", "DataObject"),
    "Motivation": ("Stakeholder", "Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement",
                   "Constraint", "Meaning", "Value"),
    "Implementation & Migration": ("WorkPackage", "Deliverable", "ImplementationEvent", "Plateau", "Gap"),
    "Other": ("Grouping", "Location", "AndJunction", "OrJunction"),
}
#: Element type -> the label of the Archi folder it belongs in.
FOLDER_OF: dict[str, str] = {t: folder for folder, types in _LAYER.items() for t in types}
for _t in ELEMENT_TYPES:
    FOLDER_OF.setdefault(_t, "Technology & Physical")
