"""The national registration layout (就业方案, contract §5), both ways.

``columns`` names the layout's columns in the national system's order; ``export`` streams a cohort's
registered destinations into it (.xlsx, written row by row); ``importer`` reads the same layout (a
province's or the national system's export) through the destination import's checks (contract §2).
"""
