"""C1 Sekretær: consultation cases (høringssager) and announcements (meddelelser)."""
