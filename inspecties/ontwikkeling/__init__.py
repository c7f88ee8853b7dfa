"""Each municipality's development over the years (issue 15): what became of every earlier
improvement point, the progress reports, and per theme the counts as a chart."""
