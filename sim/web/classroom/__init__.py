"""The classroom: games (rooms), seats and their tokens, the games kept across restarts, the
exports, and the views a seat and the teacher share (decision, messages, debrief, card)."""
