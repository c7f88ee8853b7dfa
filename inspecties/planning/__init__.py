"""The inspection calendar (issue 15): planned studies, presentation and due dates, the
proposals for a follow-up, a month view and a personal iCalendar feed per inspector."""
