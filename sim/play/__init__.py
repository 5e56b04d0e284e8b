"""Role-play: a person in an actor's seat against the model, and the debrief."""
