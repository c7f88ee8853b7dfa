"""Studies (onderzoeken): creating, scoring, findings, theme conclusions, chapters, the workflow
(review, vaststellen, reopening) and the change history, with the inspectors' pages for them."""
