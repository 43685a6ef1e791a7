"""The ways out: findings as text, JSON, SARIF and more; diagrams with Graphviz; the report."""

#: How many chain diagrams, and how many triangle diagrams, a report or a diff's HTML draws at most
#: (``--max-diagrams``; 0: all). A national model has thousands; a policy note cannot hold them, and
#: drawing them would take minutes. The ones with the most findings are drawn
#: (:func:`ketengraaf.render.report.most`).
MAX_DIAGRAMS = 50
