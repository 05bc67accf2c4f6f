"""C1 Sekretær: the council's members, its meetings with agenda and minutes."""
