"""The JSON API's plumbing: its URL map (`urls`), error answers, parsers and pagination."""
