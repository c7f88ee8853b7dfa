"""Overviews across studies for staff (issue 15): which indicators fail most, how
municipalities developed, the heatmap of one framework version and year, and the field
summary per year. `selectors` reads (aggregated in the database, a fixed number of queries at
any size); `grafieken` draws their charts as SVG, pure. The pages, their CSV and PDF are
rapporten's (`rapporten/overzichten/`), which renders PDFs and owns the safe CSV writer."""
