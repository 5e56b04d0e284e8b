"""What the explorer and the classroom both use: the scenario library, the background runs,
the teacher token and rate limits, the page chrome and the figures' text."""
