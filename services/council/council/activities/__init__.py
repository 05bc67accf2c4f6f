"""C2 Understøttelse af visse aktiviteter: the council's activities and the municipality's coordination tasks."""
