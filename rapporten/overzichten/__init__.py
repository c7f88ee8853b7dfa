"""The overview pages for staff (issue 15) with their CSV and PDF: the queries are inspecties'
(`inspecties.overzichten.selectors`), the charts too (`inspecties.overzichten.grafieken`);
here the forms, the views and the exports, which use rapporten's PDF renderer and safe CSV."""
