"""The ways out: findings as text, JSON, SARIF and more; diagrams with Graphviz; the report."""

#: How many chain diagrams, and how many triangle diagrams, a report or a diff's HTML draws at most
#: (``--max-diagrams``; 0: all). A national model has thousands; a policy note cannot hold them, and
#: drawing them would take minutes. The ones with the most findings are drawn
#: (:func:`ketengraaf.render.dot.marks.most`).
MAX_DIAGRAMS = 50

#: How many findings of one rule the report lists (``--max-findings``; 0: all), open ones first. A
#: national model has thousands per rule: listed in full, the report's Markdown was 16 MB at
#: 100,000 organisations. The report says how many more there are and how to list them all.
MAX_FINDINGS = 25
