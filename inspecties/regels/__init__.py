"""Pure rules, without a database: which indicators a follow-up re-scores, what blocks a review,
the sources list of an onderzoeksrapport, due dates, how a shared finding is printed."""
